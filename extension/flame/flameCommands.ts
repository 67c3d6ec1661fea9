/**
 * `DDIA Labs: Open Profile as Flame Graph…` (opens a file in the profile editor) and
 * `DDIA Labs: Compare Two Profiles…` (a differential flame graph of before → after in a panel).
 */
import * as vscode from 'vscode';
import { PROFILE_DIFF_VIEW_TYPE, profileEditorViewType } from '../views/flame/flameMessages';
import { createPanel } from '../webview/panelHost';
import { FlameWebview, readBytes } from './flameWebview';
import { baseName } from './profileEditor';

const PROFILE_FILTERS = {
  Profiles: ['cpuprofile', 'folded', 'collapsed', 'json', 'txt', 'perf'],
  'All files': ['*'],
};

async function pickProfile(title: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    filters: PROFILE_FILTERS,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

export async function openProfile(uri?: vscode.Uri): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : await pickProfile('Open Profile as Flame Graph');
  if (!target) return;
  await vscode.commands.executeCommand('vscode.openWith', target, profileEditorViewType(target.path));
}

export async function compareProfiles(
  context: vscode.ExtensionContext,
  before?: vscode.Uri,
  after?: vscode.Uri,
): Promise<FlameWebview | undefined> {
  const a = before instanceof vscode.Uri ? before : await pickProfile('Compare Profiles: the profile BEFORE the change');
  if (!a) return undefined;
  const b = after instanceof vscode.Uri ? after : await pickProfile('Compare Profiles: the profile AFTER the change');
  if (!b) return undefined;
  const title = `${baseName(a)} → ${baseName(b)}`;
  const panel = createPanel(context, PROFILE_DIFF_VIEW_TYPE, title, vscode.ViewColumn.Active, { retainContextWhenHidden: true });
  const view = new FlameWebview(panel, context, title, async () => ({
    kind: 'diff',
    before: { fileName: baseName(a), content: await readBytes(a) },
    after: { fileName: baseName(b), content: await readBytes(b) },
  }));
  context.subscriptions.push(view);
  return view;
}
