/**
 * Read-only custom editor for profile files. Two view types share this provider because a
 * contribution has one priority: `.cpuprofile` files open in VS Code's own profile viewer by
 * default (ours is an option in "Open With…"), folded stacks and speedscope JSON open in ours.
 */
import type * as vscode from 'vscode';
import { FlameWebview, readBytes } from './flameWebview';

export const PROFILE_EDITOR = 'ddiaLabs.profileEditor';
export const CPUPROFILE_EDITOR = 'ddiaLabs.profileEditor.cpuprofile';

export function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export class ProfileEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly context: vscode.ExtensionContext) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const uri = document.uri;
    const view = new FlameWebview(panel, this.context, baseName(uri), async () => ({
      kind: 'file',
      file: { fileName: baseName(uri), content: await readBytes(uri) },
    }));
    this.context.subscriptions.push(view);
  }
}
