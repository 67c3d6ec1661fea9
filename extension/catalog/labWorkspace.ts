/**
 * Where labs live in the user's workspace (`<workspace folder>/<ddiaLabs.labsFolder>/<lab-id>/`)
 * and which of them are already there. Every use of the `ddiaLabs.labsFolder` setting goes
 * through here, and through labsFolder.ts's checks: the folder must be inside the workspace
 * folder (a repository's own settings choose the value, and Open Lab writes there). The setting
 * is also listed in package.json's `restrictedConfigurations`, so in Restricted Mode VS Code
 * ignores a workspace's value altogether.
 */
import * as vscode from 'vscode';
import type { LabManifest } from './labManifest';
import { DEFAULT_LABS_FOLDER, LABS_FOLDER_SETTING, LabsFolderError, labsFolderSegments, resolveLabsFolder } from './labsFolder';

/** The setting's value as written (the default when unset). */
function labsFolderSetting(): string {
  const value = vscode.workspace.getConfiguration('ddiaLabs').get<unknown>('labsFolder', DEFAULT_LABS_FOLDER);
  return typeof value === 'string' ? value : String(value);
}

/** The labs folder for display, e.g. `ddia-labs` (the value as written if it is unusable). */
export function labsFolderName(): string {
  const value = labsFolderSetting();
  const parsed = labsFolderSegments(value);
  return 'segments' in parsed ? parsed.segments.join('/') : value;
}

/**
 * The labs folder inside `base` (a workspace folder, or a folder the user chose), with `extra`
 * segments (e.g. a lab id) appended. Throws a LabsFolderError, naming the setting and its value,
 * when the setting does not name a folder inside `base`.
 */
export function labsRootIn(base: vscode.Uri, extra: readonly string[] = []): vscode.Uri {
  const value = labsFolderSetting();
  const source = `Setting ${LABS_FOLDER_SETTING}`;
  if (base.scheme === 'file') return vscode.Uri.file(resolveLabsFolder(base.fsPath, value, source, extra));
  // Not a local folder: the same rules for the path, but no symbolic links to resolve here.
  const parsed = labsFolderSegments(value);
  if ('problem' in parsed) throw new LabsFolderError(source, value, parsed.problem);
  return vscode.Uri.joinPath(base, ...parsed.segments, ...extra);
}

/**
 * The folder labs go into, or undefined when no workspace folder is open. Throws a
 * LabsFolderError when the setting points outside the workspace folder.
 */
export function labsRoot(folder?: vscode.WorkspaceFolder): vscode.Uri | undefined {
  const ws = folder ?? vscode.workspace.workspaceFolders?.[0];
  return ws ? labsRootIn(ws.uri) : undefined;
}

export function labFileUri(root: vscode.Uri, lab: LabManifest): vscode.Uri {
  return vscode.Uri.joinPath(root, lab.id, lab.labFile);
}

/** Whether the lab is started in the first workspace folder (false if the labs folder setting is unusable). */
export async function isLabInWorkspace(lab: LabManifest): Promise<boolean> {
  let root: vscode.Uri | undefined;
  try {
    root = labsRoot();
  } catch (err) {
    if (err instanceof LabsFolderError) return false;
    throw err;
  }
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
