/**
 * Grading inside a real VS Code: a started lab's exercise and its built-in tests appear in the
 * Testing view's controller; running them through the controller's Run profile reports the
 * untouched starter's failures (with a location in the learner's file), expected/actual diffs
 * where an assertion compared values, an infinite loop as a timeout (the extension host stays
 * responsive), and a pass once the reference solution is in the workspace, which progress and
 * the Labs tree then show.
 *
 * The suite shares the workspace folder with the other suites: it puts the learner's kv-log.ts
 * and the time limit setting back as it found them, whatever order the suites run in.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DdiaLabsApi } from '../../extension/activate';

const EXTENSION_ID = 'ddia-labs.ddia-labs';
const LAB = 'hash-index-log';
const EXERCISE = 'kv-log';
const EX_ITEM = `ex:${LAB}/${EXERCISE}`;
const TIME_LIMIT_S = 2;

async function api(): Promise<DdiaLabsApi> {
  const ext = vscode.extensions.getExtension<DdiaLabsApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.activate();
}

function extensionPath(): string {
  return (vscode.extensions.getExtension(EXTENSION_ID) as vscode.Extension<unknown>).extensionPath;
}

function learnerFile(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens a workspace folder');
  return path.join(folder.uri.fsPath, 'ddia-labs', LAB, 'kv-log.ts');
}

interface Outcome {
  readonly state: 'started' | 'passed' | 'failed' | 'errored' | 'skipped';
  readonly messages: readonly vscode.TestMessage[];
}

/**
 * Runs `include` through the controller's default Run profile, as the Testing view's run button
 * does, and records what the run reported per test item id. The recording wraps the TestRun the
 * controller creates; everything else is the extension's own code.
 */
async function runThroughProfile(a: DdiaLabsApi, include: readonly vscode.TestItem[]): Promise<Map<string, Outcome>> {
  const controller = a.grading.controller;
  const outcomes = new Map<string, Outcome>();
  const original = controller.createTestRun;
  controller.createTestRun = (request, name, persist) => {
    const run = original.call(controller, request, name, persist);
    const recording = Object.create(run) as vscode.TestRun;
    const record =
      (state: Outcome['state']) =>
      (item: vscode.TestItem, message?: vscode.TestMessage | readonly vscode.TestMessage[]): void => {
        const messages = message === undefined ? [] : Array.isArray(message) ? message : [message as vscode.TestMessage];
        outcomes.set(item.id, { state, messages });
      };
    const define = (key: 'started' | 'passed' | 'failed' | 'errored' | 'skipped', fn: (...args: never[]) => void): void => {
      Object.defineProperty(recording, key, {
        value: (...args: never[]) => {
          fn(...args);
          return (run[key] as (...a: never[]) => void).apply(run, args);
        },
      });
    };
    define('started', (item: vscode.TestItem) => record('started')(item));
    define('passed', (item: vscode.TestItem) => record('passed')(item));
    define('skipped', (item: vscode.TestItem) => record('skipped')(item));
    define('failed', (item: vscode.TestItem, m: vscode.TestMessage | readonly vscode.TestMessage[]) => record('failed')(item, m));
    define('errored', (item: vscode.TestItem, m: vscode.TestMessage | readonly vscode.TestMessage[]) => record('errored')(item, m));
    return recording;
  };
  const cancel = new vscode.CancellationTokenSource();
  try {
    await a.grading.runProfile.runHandler(new vscode.TestRunRequest(include, [], a.grading.runProfile), cancel.token);
  } finally {
    controller.createTestRun = original;
    cancel.dispose();
  }
  return outcomes;
}

async function exerciseItem(a: DdiaLabsApi, timeoutMs = 20_000): Promise<vscode.TestItem> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const item = a.grading.controller.items.get(`lab:${LAB}`)?.children.get(EX_ITEM);
    if (item && item.children.size > 0) return item;
    if (Date.now() > deadline) throw new Error(`the Testing view did not list ${EX_ITEM} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function testsOf(item: vscode.TestItem): vscode.TestItem[] {
  const out: vscode.TestItem[] = [];
  item.children.forEach((c) => out.push(c));
  return out;
}

function describeOutcomes(outcomes: Map<string, Outcome>): string {
  return [...outcomes]
    .map(([id, o]) => `${id}: ${o.state}${o.messages[0] ? ` (${String(o.messages[0].message).slice(0, 120)})` : ''}`)
    .join('\n');
}

describe('grading: Testing view, diffs, timeouts and progress', function () {
  this.timeout(180_000);
  let existedBefore: Buffer | undefined;
  let settingBefore: number | undefined;

  before(async () => {
    const file = learnerFile();
    existedBefore = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
    settingBefore = vscode.workspace.getConfiguration('ddiaLabs').inspect<number>('grading.timeLimitSeconds')?.globalValue;
    await vscode.commands.executeCommand('ddiaLabs.openLab', LAB);
    assert.ok(fs.existsSync(file), `${file} exists after Open Lab`);
    // Start from the untouched starter even if an earlier suite left something else.
    fs.copyFileSync(path.join(extensionPath(), 'labs', LAB, 'starter', 'kv-log.ts'), file);
    // Open the Testing view, as a learner would; it asks the controller to resolve its items.
    await vscode.commands.executeCommand('workbench.view.testing.focus');
  });

  after(async () => {
    const file = learnerFile();
    const starter = fs.readFileSync(path.join(extensionPath(), 'labs', LAB, 'starter', 'kv-log.ts'));
    fs.writeFileSync(file, existedBefore ?? starter);
    await vscode.workspace
      .getConfiguration('ddiaLabs')
      .update('grading.timeLimitSeconds', settingBefore, vscode.ConfigurationTarget.Global);
  });

  it('lists the started exercise and its built-in tests in the Testing view', async () => {
    const a = await api();
    const item = await exerciseItem(a);
    assert.equal(item.label, 'Append, index and recover');
    assert.equal(item.uri?.fsPath, learnerFile(), 'the exercise item points at the learner’s file');
    const names = testsOf(item).map((t) => t.label);
    for (const expected of ['put then get returns the value', 'a later put wins', 'open recovers every key from the file']) {
      assert.ok(names.includes(expected), `test '${expected}' is listed (listed: ${names.join(', ')})`);
    }
    for (const t of testsOf(item)) {
      assert.ok(t.uri && t.range, `${t.label} has a location in the built-in test file`);
      assert.ok(!t.uri.fsPath.startsWith(path.dirname(learnerFile())), 'built-in tests are not in the workspace');
    }
  });

  it('the untouched starter fails, with messages located in the learner’s file', async () => {
    const a = await api();
    const item = await exerciseItem(a);
    const outcomes = await runThroughProfile(a, [item]);
    const tests = testsOf(item);
    for (const t of tests) {
      const o = outcomes.get(t.id);
      assert.equal(o?.state, 'failed', `${t.label} failed:\n${describeOutcomes(outcomes)}`);
      const m = o.messages[0];
      assert.ok(m, `${t.label} has a message`);
      assert.match(String(m.message), /not implemented/, `${t.label}: the starter's own error is reported`);
      assert.equal(m.location?.uri.fsPath, learnerFile(), `${t.label}: the message points into the learner's kv-log.ts`);
      // The starter's put throws before any assertion compares values, so these are plain messages, not diffs.
      assert.equal(m.expectedOutput, undefined);
    }
    const lab = a.catalog.find(LAB);
    const exercise = lab?.exercises.find((e) => e.id === EXERCISE);
    assert.ok(lab && exercise);
    assert.ok(a.grading.progress.get(LAB, EXERCISE).lastRunAt, 'progress records that the exercise was run');
    if (!a.grading.progress.passedAnywhere(LAB, EXERCISE)) {
      const exItem = a.labsTree.getTreeItem({ kind: 'exercise', lab, exercise });
      assert.match(String(exItem.description), /^failed/, `exercise description: ${String(exItem.description)}`);
    }
  });

  it('an assertion that compared values fails with an expected/actual diff', async () => {
    const a = await api();
    const starter = fs.readFileSync(path.join(extensionPath(), 'labs', LAB, 'starter', 'kv-log.ts'), 'utf8');
    const throwing = "throw new Error('KvLog.put is not implemented yet');";
    assert.ok(starter.includes(throwing), 'the starter’s put throws (update this test if the starter changed)');
    // A known-wrong variant: put writes nothing, so get answers undefined and the file stays empty.
    fs.writeFileSync(learnerFile(), starter.replace(throwing, ''));
    const item = await exerciseItem(a);
    const outcomes = await runThroughProfile(a, [item]);
    const byLabel = new Map(testsOf(item).map((t) => [t.label, outcomes.get(t.id)]));
    const putGet = byLabel.get('put then get returns the value');
    assert.equal(putGet?.state, 'failed', describeOutcomes(outcomes));
    const diff = putGet.messages[0];
    assert.ok(diff instanceof vscode.TestMessage);
    assert.match(String(diff.expectedOutput), /meow/, 'expected shows the value put');
    assert.match(String(diff.actualOutput), /undefined/, 'actual shows what get returned');
    assert.ok(diff.location, 'the diff has a location');
    const layout = byLabel.get('records use the documented byte layout');
    assert.equal(layout?.state, 'failed');
    assert.ok(layout.messages[0]?.expectedOutput, 'the byte-layout failure is a diff too');
  });

  it('an infinite loop in the learner’s code ends as a timeout, and the extension host stays responsive', async () => {
    const a = await api();
    await vscode.workspace.getConfiguration('ddiaLabs').update('grading.timeLimitSeconds', TIME_LIMIT_S, vscode.ConfigurationTarget.Global);
    const starter = fs.readFileSync(path.join(extensionPath(), 'labs', LAB, 'starter', 'kv-log.ts'), 'utf8');
    const openLine = 'if (!fs.existsSync(file)) fs.writeFileSync(file,';
    assert.ok(starter.includes(openLine), 'KvLog.open’s first line is where the loop goes');
    fs.writeFileSync(learnerFile(), starter.replace(openLine, `for (;;) {\n      /* spins forever */\n    }\n    ${openLine}`));
    const item = await exerciseItem(a);
    let ticks = 0;
    const heartbeat = setInterval(() => ticks++, 100);
    const started = Date.now();
    let outcomes: Map<string, Outcome>;
    try {
      outcomes = await runThroughProfile(a, [item]);
    } finally {
      clearInterval(heartbeat);
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`      the looping exercise was graded in ${seconds.toFixed(1)} s with a ${TIME_LIMIT_S} s limit`);
    for (const t of testsOf(item)) {
      const o = outcomes.get(t.id);
      assert.equal(o?.state, 'errored', `${t.label} errored:\n${describeOutcomes(outcomes)}`);
      assert.match(String(o.messages[0]?.message), new RegExp(`timed out after ${TIME_LIMIT_S} s`));
    }
    assert.ok(ticks > seconds * 5, `the extension host kept running timers during the run (${ticks} ticks in ${seconds.toFixed(1)} s)`);
  });

  it('the reference solution passes every test, and progress and the Labs tree record the pass', async () => {
    const a = await api();
    fs.copyFileSync(path.join(extensionPath(), 'labs', LAB, 'reference', 'kv-log.ts'), learnerFile());
    const item = await exerciseItem(a);
    const lab = a.catalog.find(LAB);
    const exercise = lab?.exercises.find((e) => e.id === EXERCISE);
    assert.ok(lab && exercise);
    let treeChanged = false;
    const sub = a.labsTree.onDidChangeTreeData(() => (treeChanged = true));
    try {
      const outcomes = await runThroughProfile(a, [item]);
      for (const t of testsOf(item)) assert.equal(outcomes.get(t.id)?.state, 'passed', `${t.label}:\n${describeOutcomes(outcomes)}`);
    } finally {
      sub.dispose();
    }
    const progress = a.grading.progress.get(LAB, EXERCISE);
    assert.equal(progress.passed, true, 'progress records the pass');
    assert.ok(progress.passedAt, 'with the time it passed');
    assert.equal(progress.points, progress.maxPoints);
    assert.ok(treeChanged, 'the Labs tree was told to refresh');
    const exItem = a.labsTree.getTreeItem({ kind: 'exercise', lab, exercise });
    assert.match(String(exItem.description), /passed ✓/, `exercise description: ${String(exItem.description)}`);
    assert.equal((exItem.iconPath as vscode.ThemeIcon).id, 'pass');
    const labItem = a.labsTree.getTreeItem({ kind: 'lab', lab });
    // hash-index-log has two exercises (kv-log and compaction); only kv-log was graded here.
    assert.match(String(labItem.description), /1\/2 exercises passed/, `lab description: ${String(labItem.description)}`);
  });
});
