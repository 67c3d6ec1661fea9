/**
 * The replication views in a real VS Code. A notebook cell runs a registry scenario and outputs a
 * quorum timeline; "Open in stepper" (the command the renderer's button runs) opens the stepper
 * panel; injecting a partition at the cursor creates and activates a branch, and switching back
 * restores the original. A saved trace opened with "Open Trace in Stepper…" highlights, as the
 * cursor moves, the source line of the operation behind each event (read through the stepper's
 * state hook and the visible editor).
 */
import { timelineModelOf } from '../../extension/views/timeline/timelineRun';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { STEPPER_COMMANDS, type BranchInfo } from '../../extension/views/stepper/stepperMessages';
import { OPEN_TIMELINE_IN_STEPPER } from '../../extension/views/timeline/timelineMessages';
import { TIMELINE_MIME, type TimelineSpec } from '../../extension/views/timeline/timelineOutput';
import { importTrace } from '../../extension/sim/core/trace';
import { buildTimelineModel, locOfEvent } from '../../extension/views/timeline/timelineModel';
import { EXTENSION_ID, extensionApi, outputText, waitFor } from './util';

interface State {
  open: boolean;
  cursor: number;
  activeBranch: string;
  branches: BranchInfo[];
  highlight?: { uri: string; line: number };
  status: string;
}

const state = async (): Promise<State> => (await vscode.commands.executeCommand(STEPPER_COMMANDS.state)) as State;

async function waitState(what: string, ok: (s: State) => boolean, timeoutMs = 30_000): Promise<State> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await state();
    if (ok(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function seek(index: number): Promise<State> {
  await vscode.commands.executeCommand(STEPPER_COMMANDS.seek, index);
  return waitState(`the cursor at ${index}`, (s) => s.cursor === index);
}

describe('replication: timeline and stepper', function () {
  this.timeout(180_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a cell outputs a quorum timeline; Open in stepper opens it; a partition injected at the cursor makes a branch', async () => {
    await extensionApi();
    // A lab no other suite opens: re-opening one whose files another suite changed would stop at
    // the "replace your changes?" dialog.
    await vscode.commands.executeCommand('ddiaLabs.openLab', 'leaderless-quorums');
    const editor = await waitFor('the lab notebook', () => {
      const e = vscode.window.activeNotebookEditor;
      return e && e.notebook.uri.path.includes('leaderless-quorums') ? e : undefined;
    });
    const nb = editor.notebook;
    const at = nb.cellCount;
    const edit = new vscode.WorkspaceEdit();
    const code = "import { sim } from 'ddia-labs';\nsim.scenario('sloppy-quorum-stale-read', { seed: 1, title: 'sloppy quorum' })";
    edit.set(nb.uri, [
      vscode.NotebookEdit.insertCells(at, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, code, 'typescript')]),
    ]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const cell = nb.cellAt(at);
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: at, end: at + 1 }], document: nb.uri });
    await waitFor('the cell to finish', () => cell.executionSummary?.success !== undefined, 120_000);
    assert.equal(cell.executionSummary?.success, true, outputText(cell).slice(0, 500));
    const item = cell.outputs.flatMap((o) => o.items).find((i) => i.mime === TIMELINE_MIME);
    assert.ok(item, `the cell output a timeline (got ${cell.outputs.flatMap((o) => o.items.map((i) => i.mime)).join(', ')})`);
    const spec = JSON.parse(new TextDecoder().decode(item.data)) as TimelineSpec;
    assert.equal(spec.scenario, 'sloppy-quorum-stale-read');
    assert.equal(spec.anomalies.length, 1);

    await vscode.commands.executeCommand(OPEN_TIMELINE_IN_STEPPER, { notebook: nb.uri.toString(), hash: spec.hash });
    let s = await waitState('the stepper to open', (x) => x.open);
    assert.equal(s.branches.length, 1);
    assert.equal(s.branches[0]?.hash, spec.hash);
    // The webview reports its cursor once it has loaded the run and built its index.
    s = await seek(40);

    await vscode.commands.executeCommand(STEPPER_COMMANDS.nextAnomaly);
    const model = timelineModelOf(spec);
    s = await waitState('the cursor at the anomaly', (x) => x.cursor === model.anomalies[0]?.eventIdx);

    s = await seek(40);
    const branch = (await vscode.commands.executeCommand(STEPPER_COMMANDS.inject, {
      kind: 'partition',
      groups: [['n1'], ['n2', 'n3', 'n4', 'n5']],
    })) as BranchInfo;
    s = await waitState('the branch to be active', (x) => x.activeBranch === branch.id);
    assert.equal(s.branches.length, 2);
    assert.notEqual(branch.hash, spec.hash, 'the branch is a different run');
    assert.match(branch.injected ?? '', /partition \{n1\}/);
    assert.equal(s.cursor, 40, 'the cursor stays at the injection point');

    await vscode.commands.executeCommand(STEPPER_COMMANDS.switchBranch, 'b0');
    s = await waitState('the original branch', (x) => x.activeBranch === 'b0');
    assert.equal(s.branches.length, 2, 'switching back keeps the branch list');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Open Trace in Stepper on a saved trace: stepping moves the editor highlight to the line that issued each event', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID) as vscode.Extension<unknown>;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const dir = path.join(folder.uri.fsPath, 'traces');
    fs.mkdirSync(dir, { recursive: true });
    for (const f of ['demo.trace.json', 'demo-workload.ts'])
      fs.copyFileSync(path.join(ext.extensionPath, 'test', 'fixtures', 'stepper', f), path.join(dir, f));
    const traceUri = vscode.Uri.file(path.join(dir, 'demo.trace.json'));
    const file = importTrace(fs.readFileSync(traceUri.fsPath, 'utf8'));
    const model = buildTimelineModel({ nodes: ['n1', 'n2', 'n3', 'n4', 'n5'], events: file.events, history: file.history, anomalies: [] });
    const lineAt = (i: number): number | undefined => locOfEvent(model, i)?.line;
    // An event with no source line followed by one with a line, and a later event on another line.
    const first = file.events.findIndex((_, i) => lineAt(i) === undefined && lineAt(i + 1) !== undefined);
    assert.ok(first >= 0);
    const l1 = lineAt(first + 1) as number;
    const other = file.events.findIndex((_, i) => lineAt(i) !== undefined && lineAt(i) !== l1);
    const l2 = lineAt(other) as number;

    await vscode.commands.executeCommand(STEPPER_COMMANDS.openTrace, traceUri);
    await waitState('the stepper to open the trace', (x) => x.open && x.branches[0]?.hash === file.hash);
    let s = await seek(first);
    await waitState('no highlight on an event without a source line', (x) => x.highlight === undefined);

    await vscode.commands.executeCommand(STEPPER_COMMANDS.step);
    s = await waitState(`the highlight on line ${l1}`, (x) => x.cursor === first + 1 && x.highlight?.line === l1);
    assert.ok(s.highlight?.uri.endsWith('/traces/demo-workload.ts'), s.highlight?.uri);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath.endsWith('demo-workload.ts'));
    assert.ok(shown, 'the workload file was opened beside the stepper');
    assert.match(shown.document.lineAt(l1 - 1).text, /op\('/, 'the highlighted line issues an operation');

    s = await seek(other);
    s = await waitState(`the highlight on line ${l2}`, (x) => x.highlight?.line === l2);
    assert.notEqual(l1, l2);
    assert.ok(
      shown.visibleRanges.some((r) => r.contains(new vscode.Position(l2 - 1, 0))),
      'the highlighted line is revealed',
    );
    assert.equal(s.branches.length, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
