/**
 * Opens a profile frame's source location in an editor beside the flame graph. Profiles name
 * files as `file://` URLs (V8), absolute paths (perf), or paths relative to where they were
 * recorded; relative paths are tried against each workspace folder. Locations that are not
 * files (`node:internal/…`, `http://…`, missing files) get a message naming the path.
 */
import * as vscode from 'vscode';

export interface SourceLocation {
  readonly file: string;
  /** 1-based, as in the profile model. */
  readonly line?: number;
  readonly col?: number;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function resolveSource(file: string): Promise<vscode.Uri | undefined> {
  if (/^file:\/\//i.test(file)) {
    const uri = vscode.Uri.parse(file);
    return (await exists(uri)) ? uri : undefined;
  }
  if (/^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return undefined; // node:, http:, webpack:
  if (file.startsWith('/') || /^[a-z]:[\\/]/i.test(file)) {
    const uri = vscode.Uri.file(file);
    if (await exists(uri)) return uri;
  }
  const relative = file.replace(/^\.?[\\/]/, '');
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, relative);
    if (await exists(uri)) return uri;
  }
  return undefined;
}

export async function openSource(location: SourceLocation): Promise<vscode.TextEditor | undefined> {
  const uri = await resolveSource(location.file);
  if (!uri) {
    void vscode.window.showWarningMessage(`DDIA Labs: cannot open ${location.file}: no such file in the workspace or on disk.`);
    return undefined;
  }
  const line = Math.max(0, (location.line ?? 1) - 1);
  const col = Math.max(0, (location.col ?? 1) - 1);
  const position = new vscode.Position(line, col);
  const editor = await vscode.window.showTextDocument(uri, {
    viewColumn: vscode.ViewColumn.Beside,
    preserveFocus: false,
    selection: new vscode.Range(position, position),
  });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
