/**
 * The Testing view for exercises: a TestController listing every started exercise (a lab folder
 * in the workspace whose lab has exercises) and its built-in tests, found by a static scan of the
 * test files (core/testNames.ts: no process, so the list appears instantly and even while the
 * learner's code does not compile). Running grades through the same core as the CLI, in child
 * processes with a time limit, and maps each result to passed / failed (with an expected/actual
 * diff and a location in the learner's file) / errored (timeout, crash). Nothing here decides a
 * verdict.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CatalogStore } from '../catalog/catalogStore';
import type { ExerciseManifest, LabManifest } from '../catalog/labManifest';
import { labsRoot } from '../catalog/labWorkspace';
import { gradeExercise } from './core/gradeExercise';
import type { ExerciseResult, SourceLocation } from './core/gradeTypes';
import { declaredTests } from './core/testNames';
import { locateGraderRuntime } from './graderRuntime';
import { clampToBounds, TIME_LIMIT_SECONDS } from '../util/limits';
import { restrictedModeMessage } from '../util/workspaceTrust';
import { createNodeTestRunner } from './nodeTestProcess';
import { ProgressBook, ProgressBooks } from './progress';
import { registerGradingCommands } from './commands';

/** Default of the `ddiaLabs.grading.timeLimitSeconds` setting. */
const DEFAULT_TIME_LIMIT_S = 20;
/** Set when any exercise has passed (here or in another workspace); completes a walkthrough step. */
export const ANY_PASSED_CONTEXT = 'ddiaLabs.anyExercisePassed';

/** Time limit per test process, read at each run so a changed setting applies at once. */
function timeLimitMs(): number {
  // Clamped, not trusted: VS Code only warns about an out-of-range value, and 1e7 s would overflow
  // setTimeout into 1 ms (the reference solution would then score 0).
  const seconds = vscode.workspace.getConfiguration('ddiaLabs').get<unknown>('grading.timeLimitSeconds');
  return clampToBounds(seconds, TIME_LIMIT_SECONDS, DEFAULT_TIME_LIMIT_S) * 1000;
}

interface ExerciseRef {
  readonly lab: LabManifest;
  readonly exercise: ExerciseManifest;
  readonly exerciseDir: string;
}

export interface GradingApi {
  readonly controller: vscode.TestController;
  /** The default Run profile of the Testing view. */
  readonly runProfile: vscode.TestRunProfile;
  readonly progress: ProgressBooks;
  /** Fires after a run recorded progress, so views can refresh their checkmarks. */
  readonly onDidChangeProgress: vscode.Event<void>;
  /** Grades one exercise headlessly (no Testing view run); for tests and automation. */
  grade(labId: string, exerciseId: string): Promise<ExerciseResult>;
}

export function registerGrading(context: vscode.ExtensionContext, store: CatalogStore): GradingApi {
  const controller = vscode.tests.createTestController('ddiaLabs.grading', 'DDIA Labs Exercises');
  const progress = new ProgressBooks([
    new ProgressBook(context.workspaceState, () => new Date()),
    new ProgressBook(context.globalState, () => new Date()),
  ]);
  const changed = new vscode.EventEmitter<void>();
  const exercises = new Map<string, ExerciseRef>();
  const distDir = path.join(context.extensionPath, 'dist');
  const testsDir = (lab: LabManifest): string => path.join(store.labSourceDir(lab), 'tests');
  const readText = (file: string): string | undefined => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };

  const discover = (): void => {
    const root = labsRoot();
    exercises.clear();
    const items: vscode.TestItem[] = [];
    for (const lab of root ? store.labs : []) {
      const labDir = vscode.Uri.joinPath(root as vscode.Uri, lab.id);
      if (lab.exercises.length === 0 || !fs.existsSync(path.join(labDir.fsPath, lab.labFile))) continue;
      const labItem = controller.createTestItem(`lab:${lab.id}`, lab.title, labDir);
      for (const exercise of lab.exercises) {
        const id = `${lab.id}/${exercise.id}`;
        exercises.set(id, { lab, exercise, exerciseDir: labDir.fsPath });
        const starter = exercise.starter[0];
        const exItem = controller.createTestItem(`ex:${id}`, exercise.title, starter ? vscode.Uri.joinPath(labDir, starter) : labDir);
        for (const file of exercise.tests) {
          const absolute = path.join(testsDir(lab), file);
          for (const t of declaredTests(readText(absolute) ?? '')) {
            const item = controller.createTestItem(testId(id, t.name), t.name, vscode.Uri.file(absolute));
            item.range = new vscode.Range(t.line - 1, t.column - 1, t.line - 1, t.column - 1);
            exItem.children.add(item);
          }
        }
        labItem.children.add(exItem);
      }
      items.push(labItem);
    }
    controller.items.replace(items);
  };

  /**
   * Discovery from an event (a file watcher, a settings change): an unusable ddiaLabs.labsFolder
   * makes labsRoot() throw, and an exception in a listener would only be logged. Show it once.
   */
  let lastDiscoveryError: string | undefined;
  const rediscover = (): void => {
    try {
      discover();
      lastDiscoveryError = undefined;
    } catch (err) {
      exercises.clear();
      controller.items.replace([]);
      const message = err instanceof Error ? err.message : String(err);
      if (message !== lastDiscoveryError) void vscode.window.showErrorMessage(message);
      lastDiscoveryError = message;
    }
  };

  controller.resolveHandler = async (item) => {
    if (!item) rediscover();
  };
  controller.refreshHandler = async () => rediscover();

  const run = async (request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> => {
    const testRun = controller.createTestRun(request);
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    try {
      if (!vscode.workspace.isTrusted) {
        testRun.appendOutput(`${restrictedModeMessage('run exercise tests')}\r\n`);
        return;
      }
      const runner = createNodeTestRunner(locateGraderRuntime(distDir));
      for (const [exId, selected] of selection(request)) {
        if (token.isCancellationRequested) break;
        const ref = exercises.get(exId);
        const exItem = controller.items.get(`lab:${ref?.lab.id}`)?.children.get(`ex:${exId}`);
        if (!ref || !exItem) continue;
        const wanted = selected ?? allChildren(exItem);
        for (const item of wanted) testRun.started(item);
        const result = await gradeExercise({
          labId: ref.lab.id,
          exercise: ref.exercise,
          testsDir: testsDir(ref.lab),
          exerciseDir: ref.exerciseDir,
          runner,
          timeLimitMs: timeLimitMs(),
          readText,
          signal: abort.signal,
        });
        if (token.isCancellationRequested) {
          for (const item of wanted) testRun.skipped(item);
          break;
        }
        reportResult(controller, testRun, exItem, exId, result, wanted);
        await progress.record(result, selected === undefined);
        changed.fire();
      }
    } finally {
      testRun.end();
    }
  };

  /** Exercise id → the test items asked for (undefined: the whole exercise). */
  const selection = (request: vscode.TestRunRequest): Map<string, vscode.TestItem[] | undefined> => {
    const out = new Map<string, vscode.TestItem[] | undefined>();
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const addExercise = (exId: string): void => void out.set(exId, undefined);
    const roots = request.include ?? [...gather(controller.items)];
    for (const item of roots) {
      if (excluded.has(item.id)) continue;
      if (item.id.startsWith('lab:')) gather(item.children).forEach((c) => !excluded.has(c.id) && addExercise(c.id.slice(3)));
      else if (item.id.startsWith('ex:')) addExercise(item.id.slice(3));
      else if (item.id.startsWith('test:')) {
        const exId = item.id.slice(5).split('::')[0] as string;
        const current = out.get(exId);
        if (out.has(exId) && current === undefined) continue;
        out.set(exId, [...(current ?? []), item]);
      }
    }
    return out;
  };

  const profile = controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, run, true);
  const updateContext = (): void => void vscode.commands.executeCommand('setContext', ANY_PASSED_CONTEXT, progress.anyPassed());
  updateContext();
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.lab.md');
  context.subscriptions.push(
    controller,
    profile,
    changed,
    changed.event(updateContext),
    watcher,
    watcher.onDidCreate(rediscover),
    watcher.onDidDelete(rediscover),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('ddiaLabs.labsFolder') && rediscover()),
    vscode.workspace.onDidChangeWorkspaceFolders(rediscover),
    ...registerGradingCommands(store, progress),
  );

  return {
    controller,
    runProfile: profile,
    progress,
    onDidChangeProgress: changed.event,
    grade: async (labId, exerciseId) => {
      discover();
      const ref = exercises.get(`${labId}/${exerciseId}`);
      if (!ref) throw new Error(`exercise ${labId}/${exerciseId} is not started in this workspace`);
      const result = await gradeExercise({
        labId,
        exercise: ref.exercise,
        testsDir: testsDir(ref.lab),
        exerciseDir: ref.exerciseDir,
        runner: createNodeTestRunner(locateGraderRuntime(distDir)),
        timeLimitMs: timeLimitMs(),
        readText,
      });
      await progress.record(result);
      changed.fire();
      return result;
    },
  };
}

function testId(exerciseId: string, name: string): string {
  return `test:${exerciseId}::${name}`;
}

function gather(collection: vscode.TestItemCollection): vscode.TestItem[] {
  const out: vscode.TestItem[] = [];
  collection.forEach((i) => out.push(i));
  return out;
}

function allChildren(item: vscode.TestItem): vscode.TestItem[] {
  return gather(item.children);
}

function toLocation(loc: SourceLocation): vscode.Location {
  return new vscode.Location(vscode.Uri.file(loc.file), new vscode.Position(loc.line - 1, Math.max(0, loc.column - 1)));
}

function reportResult(
  controller: vscode.TestController,
  testRun: vscode.TestRun,
  exItem: vscode.TestItem,
  exId: string,
  result: ExerciseResult,
  wanted: readonly vscode.TestItem[],
): void {
  const wantedIds = new Set(wanted.map((i) => i.id));
  const whole = wanted.length === exItem.children.size;
  for (const t of result.tests) {
    let item = exItem.children.get(testId(exId, t.name));
    if (!item) {
      // A test the static scan could not see (a computed name): list it now that it has run.
      item = controller.createTestItem(testId(exId, t.name), t.name, t.testLocation ? vscode.Uri.file(t.testLocation.file) : exItem.uri);
      if (t.testLocation) item.range = new vscode.Range(t.testLocation.line - 1, 0, t.testLocation.line - 1, 0);
      exItem.children.add(item);
    } else if (!whole && !wantedIds.has(item.id)) continue;
    if (t.output) testRun.appendOutput(t.output.replace(/\r?\n/g, '\r\n') + '\r\n', undefined, item);
    if (t.status === 'pass') {
      testRun.passed(item, t.durationMs);
      continue;
    }
    const text = [t.message, t.replayHint].filter(Boolean).join('\n\n');
    const message =
      t.expected !== undefined && t.actual !== undefined
        ? vscode.TestMessage.diff(text, t.expected, t.actual)
        : new vscode.TestMessage(text);
    const where = t.location ?? t.testLocation;
    if (where) message.location = toLocation(where);
    if (t.status === 'fail') testRun.failed(item, message, t.durationMs);
    else testRun.errored(item, message, t.durationMs);
  }
  if (result.output) testRun.appendOutput(result.output.replace(/\r?\n/g, '\r\n') + '\r\n');
}
