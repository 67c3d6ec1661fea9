/**
 * Where labs live in the user's workspace (`<first folder>/<ddiaLabs.labsFolder>/<lab-id>/`)
 * and which of them are already there.
 */
import * as vscode from 'vscode';
import type { LabManifest } from './labManifest';

export function labsFolderName(): string {
  const name = vscode.workspace.getConfiguration('ddiaLabs').get<string>('labsFolder', 'ddia-labs').trim();
  return name || 'ddia-labs';
}

/** The folder labs go into, or undefined when no workspace folder is open. */
export function labsRoot(folder?: vscode.WorkspaceFolder): vscode.Uri | undefined {
  const ws = folder ?? vscode.workspace.workspaceFolders?.[0];
  return ws ? vscode.Uri.joinPath(ws.uri, labsFolderName()) : undefined;
}

export function labFileUri(root: vscode.Uri, lab: LabManifest): vscode.Uri {
  return vscode.Uri.joinPath(root, lab.id, lab.labFile);
}

export async function isLabInWorkspace(lab: LabManifest): Promise<boolean> {
  const root = labsRoot();
  if (!root) return false;
  try {
    await vscode.workspace.fs.stat(labFileUri(root, lab));
    return true;
  } catch {
    return false;
  }
}

export async function labsInWorkspace(labs: readonly LabManifest[]): Promise<Set<string>> {
  const present = await Promise.all(labs.map(async (l) => ((await isLabInWorkspace(l)) ? l.id : undefined)));
  return new Set(present.filter((id): id is string => id !== undefined));
}
