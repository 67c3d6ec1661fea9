/**
 * Perf checks in a real VS Code. The USE dashboard panel: its webview script starts, dashboards
 * arrive once a second, and closing the panel stops and releases its sampler (read through the
 * `ddiaLabs.perf.usePanelState` test hook). Cells: perf.use shows one live dashboard output
 * that is replaced in place until it is final; perf.bench shows a histogram and perf.compare a
 * verdict naming its test, each under its own MIME type.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { UsePanelState } from '../../extension/perfViews/usePanel';
import { extensionApi, outputText, waitFor } from './util';

const USE = 'application/vnd.ddia-labs.perf-use+json';
const BENCH = 'application/vnd.ddia-labs.perf-bench+json';
const COMPARE = 'application/vnd.ddia-labs.perf-compare+json';

const panelState = async (): Promise<UsePanelState> =>
  (await vscode.commands.executeCommand('ddiaLabs.perf.usePanelState')) as UsePanelState;

async function waitForAsync<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function dashboardTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('ddiaLabs.useDashboard'));
}

async function notebookWith(...sources: string[]): Promise<vscode.NotebookDocument> {
  const data = new vscode.NotebookData(sources.map((s) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, s, 'typescript')));
  const nb = await vscode.workspace.openNotebookDocument('ddia-lab', data);
  await vscode.window.showNotebookDocument(nb);
  return nb;
}

function decode(item: vscode.NotebookCellOutputItem): unknown {
  return JSON.parse(new TextDecoder().decode(item.data));
}

describe('perf checks: USE dashboard and benchmarks', function () {
  this.timeout(180_000);

  it('the USE dashboard panel updates every second while open and stops its sampler when closed', async () => {
    await extensionApi();
    const before = await panelState();
    const t0 = Date.now();
    await vscode.commands.executeCommand('ddiaLabs.showUseDashboard');
    await waitFor('the USE Dashboard tab', dashboardTab);
    await waitForAsync('the webview to say ready', async () => (await panelState()).webviewReady > 0);
    const live = await waitForAsync('three dashboards after the first', async () => {
      const s = await panelState();
      return s.reports >= 3 && s.sampling ? s : undefined;
    });
    console.log(`      ${live.reports} reports, ${live.postedUpdates} updates in ${Date.now() - t0} ms`);
    assert.ok(live.postedUpdates > live.reports, 'every report was posted, plus the answer to ready');
    await vscode.window.tabGroups.close(await waitFor('the USE Dashboard tab', dashboardTab));
    const closed = await waitForAsync('the panel to close', async () => {
      const s = await panelState();
      return s.open ? undefined : s;
    });
    assert.equal(closed.sampling, false);
    assert.equal(closed.disposedSamplers, before.disposedSamplers + 1, 'closing the panel stopped and released its sampler');
    // Reopening starts a fresh sampler, and closing stops that one too.
    await vscode.commands.executeCommand('ddiaLabs.showUseDashboard');
    await waitForAsync('a fresh report', async () => (await panelState()).reports >= 1);
    await vscode.window.tabGroups.close(await waitFor('the USE Dashboard tab', dashboardTab));
    await waitForAsync('the second sampler to stop', async () => (await panelState()).disposedSamplers === before.disposedSamplers + 2);
  });

  it('perf.use in a cell shows one dashboard output, updated live and then final', async () => {
    const nb = await notebookWith(`import { perf } from 'ddia-labs';\nawait perf.use({ seconds: 3 });`);
    const cell = nb.cellAt(0);
    void vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 1 }], document: nb.uri });
    const seen = new Set<number>();
    await waitFor(
      'the cell to finish',
      () => {
        for (const o of cell.outputs) for (const i of o.items) if (i.mime === USE) seen.add((decode(i) as { samples: number }).samples);
        return cell.executionSummary?.success !== undefined;
      },
      60_000,
    );
    assert.equal(cell.executionSummary?.success, true, outputText(cell).slice(0, 500));
    const useOutputs = cell.outputs.filter((o) => o.items.some((i) => i.mime === USE));
    assert.equal(useOutputs.length, 1, 'live updates replace one output; the result replaces it too');
    const final = decode(useOutputs[0]!.items.find((i) => i.mime === USE)!) as {
      status: string;
      samples: number;
      rows: { kind: string }[];
    };
    assert.equal(final.status, 'final');
    assert.equal(final.samples, 3);
    assert.ok(final.rows.some((r) => r.kind === 'cpu') && final.rows.some((r) => r.kind === 'event-loop'));
    assert.ok(seen.size >= 2, `the output changed while sampling (saw sample counts ${[...seen].join(', ')})`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a bench cell shows a latency histogram and a comparison verdict', async () => {
    const nb = await notebookWith(
      [
        `import { perf, display } from 'ddia-labs';`,
        `const keys = Array.from({ length: 5000 }, (_, i) => i * 7);`,
        `const set = new Set(keys);`,
        `const opts = { samples: 20, warmupMs: 50, targetSampleMs: 5 };`,
        `const scan = await perf.bench('Array.includes', () => keys.includes(34993), opts);`,
        `const hash = await perf.bench('Set.has', () => set.has(34993), opts);`,
        `display(scan);`,
        `perf.compare(scan, hash);`,
      ].join('\n'),
    );
    const cell = nb.cellAt(0);
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 1 }], document: nb.uri });
    await waitFor('the cell to finish', () => cell.executionSummary?.success !== undefined, 90_000);
    assert.equal(cell.executionSummary?.success, true, outputText(cell).slice(0, 800));
    const bench = cell.outputs.flatMap((o) => o.items).find((i) => i.mime === BENCH);
    assert.ok(bench, 'a benchmark output');
    const spec = decode(bench) as { name: string; histogram: { kind: string; markers: { label: string }[] } };
    assert.equal(spec.name, 'Array.includes');
    assert.equal(spec.histogram.kind, 'histogram');
    assert.deepEqual(
      spec.histogram.markers.map((m) => m.label),
      ['p50', 'p90', 'p99', 'p99.9'],
    );
    const verdict = cell.outputs.find((o) => o.items.some((i) => i.mime === COMPARE));
    assert.ok(verdict, 'a comparison output');
    const text = new TextDecoder().decode(verdict.items.find((i) => i.mime === 'text/plain')!.data);
    assert.match(text, /Set\.has is faster than Array\.includes/);
    assert.match(text, /Mann–Whitney U/);
    assert.doesNotMatch(outputText(cell), /Array\.includes: sampling \[/, "the first bench's progress line was replaced by its result");
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
