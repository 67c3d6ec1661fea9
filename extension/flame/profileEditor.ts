/**
 * Read-only custom editor for profile files. Both view types (PROFILE_EDITOR_VIEW_TYPES in
 * extension/views/flame/flameMessages.ts) share this provider.
 */
import type * as vscode from 'vscode';
import { FlameWebview, readBytes } from './flameWebview';

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
