/**
 * `DDIA Labs: Open Lab…`: a quick pick of every lab grouped by book and chapter (search matches
 * title and summary), then the lab is put into the workspace and its lab file opened.
 * A lab already in the workspace is opened as it is; if the user changed any of its files they
 * are asked before anything is replaced, and replaced files are backed up first.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CatalogStore } from './catalogStore';
import { applyLabCopy, planLabCopy } from './labCopy';
import { installLabTypes } from './labTypes';
import type { LabManifest } from './labManifest';
import { labPassed, labProgressText, type LabProgressSource } from './labProgress';
import { linkEscape } from './labsFolder';
import { labFileUri, labsInWorkspace, labsRootIn } from './labWorkspace';
import { workspaceFileAccess } from './workspaceFileAccess';

interface LabPickItem extends vscode.QuickPickItem {
  readonly lab?: LabManifest;
}

/** `grading`, when given, adds each lab's progress (`1/1 exercises passed`) to its description. */
export async function pickLab(store: CatalogStore, grading?: LabProgressSource): Promise<LabManifest | undefined> {
  const present = await labsInWorkspace(store.labs);
  const items: LabPickItem[] = [];
  let group = '';
  for (const lab of store.labs) {
    const heading = `${lab.book} · Chapter ${lab.chapter}: ${lab.chapterTitle}`;
    if (heading !== group) {
      items.push({ label: heading, kind: vscode.QuickPickItemKind.Separator });
      group = heading;
    }
    const exercises = lab.exercises.length;
    const { passed } = labPassed(grading, lab);
    const started = present.has(lab.id) || passed > 0;
    items.push({
      // A long title hides the description, so a finished lab also gets a mark in front.
      label: `${exercises > 0 && passed === exercises ? '$(pass-filled) ' : ''}${lab.title}`,
      description: [
        present.has(lab.id) ? '$(check) in workspace' : '',
        grading && started ? labProgressText(grading, lab) : exercises ? `${exercises} exercise${exercises === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
      detail: lab.summary,
      lab,
    });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'DDIA Labs: Open Lab',
    placeHolder: 'Search labs by title or summary',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.lab;
}

/** The folder the labs folder goes into: the workspace folder, or one the user chooses. */
async function chooseTargetBase(lab: LabManifest): Promise<{ base: vscode.Uri; outsideWorkspace: boolean } | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return { base: (folders[0] as vscode.WorkspaceFolder).uri, outsideWorkspace: false };
  if (folders.length > 1) {
    const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: `Which folder should '${lab.title}' go into?` });
    return folder ? { base: folder.uri, outsideWorkspace: false } : undefined;
  }
  const chosen = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Put Lab Here',
    title: `No folder is open. Choose a folder for '${lab.title}'`,
  });
  const folder = chosen?.[0];
  return folder ? { base: folder, outsideWorkspace: true } : undefined;
}

/**
 * Copies the lab into the workspace (asking where needed) and opens it. Returns the lab file, or
 * undefined if cancelled. Refuses (throws) when the labs folder setting, the lab's folder or a
 * file to be written leads outside the folder it goes into.
 */
export async function startLab(store: CatalogStore, lab: LabManifest): Promise<vscode.Uri | undefined> {
  const chosen = await chooseTargetBase(lab);
  if (!chosen) return undefined;
  const target = { root: labsRootIn(chosen.base), outsideWorkspace: chosen.outsideWorkspace };
  const sourceDir = store.labSourceDir(lab);
  const targetDir = labsRootIn(chosen.base, [lab.id]).fsPath;
  const plan = await planLabCopy(lab, sourceDir, targetDir, workspaceFileAccess, workspaceFileAccess);
  if (chosen.base.scheme === 'file') {
    for (const f of plan.files) {
      const escape = linkEscape(chosen.base.fsPath, path.join(targetDir, f.target));
      if (escape) throw new Error(`DDIA Labs does not write '${lab.id}/${f.target}': ${escape}.`);
    }
  }
  let replaceChanged = false;
  if (plan.conflicts.length > 0) {
    const names = plan.conflicts.map((c) => c.target).join(', ');
    const keep = 'Open My Copy';
    const restore = 'Restore Originals';
    const answer = await vscode.window.showWarningMessage(
      `You have changed ${plan.conflicts.length === 1 ? 'a file' : `${plan.conflicts.length} files`} of '${lab.title}' (${names}).`,
      {
        modal: true,
        detail:
          'Open your copy as it is, or restore the original files? Restoring saves your versions next to them as .backup-N files first.',
      },
      keep,
      restore,
    );
    if (answer === undefined) return undefined;
    replaceChanged = answer === restore;
  }
  const outcome = await applyLabCopy(plan, sourceDir, targetDir, workspaceFileAccess, workspaceFileAccess, { replaceChanged });
  if (target.root.scheme === 'file') {
    try {
      installLabTypes(store.typesDir, target.root.fsPath, store.version, chosen.base.fsPath);
    } catch (err) {
      // Types only help the editor; a lab without them still runs.
      console.warn(`[DDIA Labs] could not install type declarations: ${String(err)}`);
    }
  }
  const file = labFileUri(target.root, lab);
  await vscode.commands.executeCommand('vscode.open', file);
  if (outcome.backups.length > 0) {
    void vscode.window.showInformationMessage(
      `Restored the original files of '${lab.title}'. Your versions were saved as ${outcome.backups.join(', ')}.`,
    );
  }
  if (target.outsideWorkspace) {
    const open = 'Open Folder';
    void vscode.window
      .showInformationMessage(
        `'${lab.title}' was put into ${targetDir}. Open that folder to keep the lab and your exercise files together.`,
        open,
      )
      .then((a) => (a === open ? vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.joinPath(target.root, '..')) : undefined));
  }
  return file;
}
