/**
 * Exercise commands: show the next hint (one more each time), reset an exercise to its starter
 * (after confirmation, keeping the learner's version as `<file>.backup-<n>`), and reveal the
 * reference solution (after confirmation, as a diff against the learner's file). Each takes an
 * optional argument, a Labs-tree exercise node or `{ labId, exerciseId }`, and otherwise asks.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CatalogStore } from '../catalog/catalogStore';
import type { ExerciseManifest, LabManifest } from '../catalog/labManifest';
import { labsRoot } from '../catalog/labWorkspace';
import { workspaceFileAccess } from '../catalog/workspaceFileAccess';
import type { ProgressBooks } from './progress';

interface ExerciseArg {
  readonly lab?: LabManifest;
  readonly exercise?: ExerciseManifest;
  readonly labId?: string;
  readonly exerciseId?: string;
}

async function chooseExercise(store: CatalogStore, arg: unknown): Promise<{ lab: LabManifest; exercise: ExerciseManifest } | undefined> {
  const a = (arg ?? {}) as ExerciseArg;
  const lab = a.lab ?? (a.labId ? store.find(a.labId) : undefined);
  const exercise = a.exercise ?? lab?.exercises.find((e) => e.id === a.exerciseId);
  if (lab && exercise) return { lab, exercise };
  const items = store.labs.flatMap((l) => l.exercises.map((e) => ({ label: e.title, description: l.title, lab: l, exercise: e })));
  const picked = await vscode.window.showQuickPick(items, { title: 'DDIA Labs: choose an exercise', matchOnDescription: true });
  return picked ? { lab: picked.lab, exercise: picked.exercise } : undefined;
}

function labDir(lab: LabManifest): vscode.Uri {
  const root = labsRoot();
  if (!root) throw new Error('open a folder first: exercises live in the workspace');
  return vscode.Uri.joinPath(root, lab.id);
}

export function registerGradingCommands(store: CatalogStore, progress: ProgressBooks): vscode.Disposable[] {
  const guard =
    (what: string, fn: (arg: unknown) => Promise<void>) =>
    async (arg: unknown): Promise<void> => {
      try {
        await fn(arg);
      } catch (err) {
        void vscode.window.showErrorMessage(`DDIA Labs: ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    };

  const nextHint = async (arg: unknown): Promise<void> => {
    const chosen = await chooseExercise(store, arg);
    if (!chosen) return;
    const { lab, exercise } = chosen;
    const book = progress.books[0];
    if (!book) return;
    const next = await book.nextHint(lab.id, exercise.id, exercise.hints);
    if (!next) {
      const again = 'Start Over';
      const answer = await vscode.window.showInformationMessage(
        exercise.hints.length ? `No more hints for "${exercise.title}".` : `"${exercise.title}" has no hints.`,
        ...(exercise.hints.length ? [again] : []),
      );
      if (answer === again) await book.resetHints(lab.id, exercise.id);
      return;
    }
    const more = next.index + 1 < exercise.hints.length ? ['Next Hint'] : [];
    const answer = await vscode.window.showInformationMessage(`Hint ${next.index + 1}/${exercise.hints.length}: ${next.hint}`, ...more);
    if (answer === 'Next Hint') await nextHint({ lab, exercise });
  };

  const resetExercise = async (arg: unknown): Promise<void> => {
    const chosen = await chooseExercise(store, arg);
    if (!chosen) return;
    const { lab, exercise } = chosen;
    const reset = 'Reset';
    const answer = await vscode.window.showWarningMessage(
      `Reset "${exercise.title}" to its starter code?`,
      { modal: true, detail: `Your current ${exercise.starter.join(', ')} will be kept beside it as a .backup file.` },
      reset,
    );
    if (answer !== reset) return;
    const target = labDir(lab);
    const backups: string[] = [];
    for (const file of exercise.starter) {
      const original = await workspaceFileAccess.read(path.join(store.labSourceDir(lab), 'starter', file));
      if (!original) throw new Error(`the installed lab is missing starter/${file}; reinstall DDIA Labs`);
      const destination = vscode.Uri.joinPath(target, file).fsPath;
      const mine = await workspaceFileAccess.read(destination);
      if (mine && Buffer.compare(Buffer.from(mine), Buffer.from(original)) !== 0) {
        let n = 1;
        while ((await workspaceFileAccess.read(`${destination}.backup-${n}`)) !== undefined) n++;
        await workspaceFileAccess.write(`${destination}.backup-${n}`, mine);
        backups.push(`${file}.backup-${n}`);
      }
      await workspaceFileAccess.write(destination, original);
    }
    void vscode.window.showInformationMessage(
      backups.length
        ? `"${exercise.title}" is back to its starter. Your version: ${backups.join(', ')}.`
        : `"${exercise.title}" is back to its starter.`,
    );
  };

  const revealReference = async (arg: unknown): Promise<void> => {
    const chosen = await chooseExercise(store, arg);
    if (!chosen) return;
    const { lab, exercise } = chosen;
    const show = 'Show Solution';
    const answer = await vscode.window.showWarningMessage(
      `Show the reference solution of "${exercise.title}"?`,
      {
        modal: true,
        detail: 'Trying a hint first is usually more rewarding. The solution opens beside your code; your file is not changed.',
      },
      show,
    );
    if (answer !== show) return;
    for (const file of exercise.reference) {
      const reference = vscode.Uri.file(path.join(store.labSourceDir(lab), 'reference', file));
      const mine = vscode.Uri.joinPath(labDir(lab), file);
      const exists = (await workspaceFileAccess.read(mine.fsPath)) !== undefined;
      if (exists) await vscode.commands.executeCommand('vscode.diff', mine, reference, `${file}: yours ↔ reference`);
      else await vscode.window.showTextDocument(reference, { preview: true });
    }
  };

  return [
    vscode.commands.registerCommand('ddiaLabs.nextHint', guard('Next Hint', nextHint)),
    vscode.commands.registerCommand('ddiaLabs.resetExercise', guard('Reset Exercise', resetExercise)),
    vscode.commands.registerCommand('ddiaLabs.revealReference', guard('Reveal Reference', revealReference)),
  ];
}
