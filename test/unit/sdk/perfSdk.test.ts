/**
 * The perf SDK as cells use it: perf.bench on real (tiny) functions, perf.compare on two
 * benchmarks that truly differ, baselines in a temporary folder, perf.use on this machine,
 * and the display handles that make live outputs replace themselves. A fake display sink
 * stands in for the kernel worker and records what a cell would show.
 */
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { display, perf, setDisplaySink, toOutputBundle } from '../../../extension/sdk/index';
import { PERF_MIME, type BenchSpec, type CompareSpec, type UseDashboardSpec } from '../../../extension/views/perf/perfOutputs';
import type { OutputBundle } from '../../../extension/views/notebook/outputBundle';
import { CHART_MIME } from '../../../extension/views/chart/chartOutput';

type Shown = { kind: 'display' | 'update'; bundle: OutputBundle };

function recordingSink(): { shown: Shown[]; finalById(): Map<string, OutputBundle> } {
  const shown: Shown[] = [];
  setDisplaySink({
    display: (bundle) => shown.push({ kind: 'display', bundle }),
    update: (bundle) => shown.push({ kind: 'update', bundle }),
  });
  return {
    shown,
    finalById() {
      const m = new Map<string, OutputBundle>();
      for (const s of shown) m.set(s.bundle.displayId as string, s.bundle);
      return m;
    },
  };
}

const quick = { warmupMs: 10, samples: 20, targetSampleMs: 2 };

function busyArray(n: number): () => number {
  const xs = Array.from({ length: n }, (_, i) => i);
  return () => xs.reduce((s, x) => s + x, 0);
}

describe('perf SDK', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'perf-sdk-'));
  });
  after(async () => {
    setDisplaySink(undefined);
    await rm(dir, { recursive: true, force: true });
  });

  test('bench: numbers are consistent and the output is a histogram with percentile markers and a summary', async () => {
    const r = await perf.bench('sum 1000', busyArray(1000), quick);
    const s = r.stats;
    assert.equal(r.samplesNs.length, 20);
    assert.ok(s.medianNs > 0 && s.minNs <= s.medianNs && s.medianNs <= s.maxNs);
    assert.ok(s.p50Ns <= s.p90Ns && s.p90Ns <= s.p99Ns && s.p99Ns <= s.p999Ns, 'percentiles ascend');
    assert.ok(s.ciLowNs <= s.meanNs && s.meanNs <= s.ciHighNs, 'the CI contains the mean');
    assert.equal(s.ciLevel, 0.95);
    const bundle = toOutputBundle(r);
    assert.deepEqual(
      bundle.items.map((i) => i.mime),
      [PERF_MIME.bench, CHART_MIME],
    );
    const spec = bundle.items[0]?.data as BenchSpec;
    assert.equal(spec.histogram.kind, 'histogram');
    assert.deepEqual(
      spec.histogram.markers?.map((m) => m.label),
      ['p50', 'p90', 'p99', 'p99.9'],
    );
    assert.equal(
      spec.histogram.bins?.reduce((n, b) => n + b.count, 0),
      20,
      'every sample lands in a bin',
    );
    for (const word of ['mean', 'median', 'p99.9', 'stddev', 'CV', 'CI of mean', 'outliers']) assert.match(bundle.text, new RegExp(word));
  });

  test('bench: progress updates one output in a notebook, and the result replaces it', async () => {
    const sink = recordingSink();
    try {
      const r = await perf.bench('progress', busyArray(100), quick);
      assert.ok(sink.shown.length >= 2, 'a progress line and at least one update');
      const ids = new Set(sink.shown.map((s) => s.bundle.displayId));
      assert.equal(ids.size, 1, 'all progress goes to one output');
      assert.equal(sink.shown[0]?.kind, 'display');
      assert.ok(sink.shown.slice(1).every((s) => s.kind === 'update'));
      assert.equal(toOutputBundle(r).displayId, sink.shown[0]?.bundle.displayId, 'the result replaces the progress line');
    } finally {
      setDisplaySink(undefined);
    }
  });

  test('bench: an aborted signal cancels the run with its reason', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop now'));
    await assert.rejects(
      perf.bench('x', () => 1, { ...quick, signal: ac.signal }),
      /stop now/,
    );
  });

  test('bench: bad arguments are clear errors', async () => {
    await assert.rejects(
      perf.bench('', () => 1),
      /non-empty/,
    );
    await assert.rejects(perf.bench('x', 3 as unknown as () => unknown), /must be a function/);
    await assert.rejects(
      perf.bench('x', () => 1, { samples: 1 }),
      /samples/,
    );
  });

  // 100× apart so that a run on a loaded machine (preempted samples) still tells them apart:
  // this checks the SDK's plumbing; the statistics have their own tests on fixed samples.
  test('compare: a 100× slower candidate is "slower" by Mann–Whitney U, with box plots of both', async () => {
    const a = await perf.bench('sum 200', busyArray(200), quick);
    const b = await perf.bench('sum 20000', busyArray(20_000), quick);
    const c = perf.compare(a, b);
    assert.equal(c.verdict, 'slower');
    assert.equal(c.differ, true);
    assert.equal(c.testName, 'Mann–Whitney U');
    assert.ok(c.pValue < 0.05 && c.relativeChange > 1);
    const bundle = toOutputBundle(c);
    assert.deepEqual(
      bundle.items.map((i) => i.mime),
      [PERF_MIME.compare, CHART_MIME],
    );
    const spec = bundle.items[0]?.data as CompareSpec;
    assert.deepEqual(
      spec.box.boxes?.map((x) => x.name),
      ['sum 200', 'sum 20000'],
    );
    assert.match(bundle.text, /sum 20000 is slower than sum 200/);
    assert.match(bundle.text, /Mann–Whitney U/);
    assert.equal(perf.compare(a, b, { test: 'welch-t' }).testName, "Welch's t-test");
    assert.throws(() => perf.compare(a, {} as never), /perf.bench result/);
  });

  test('baseline: check creates a missing baseline, passes an equal run, flags a 10× slowdown, rejects a non-baseline', async () => {
    const file = path.join(dir, 'sum.baseline.json');
    const fast = await perf.bench('sum', busyArray(200), quick);
    const created = await perf.baseline.check(file, fast);
    assert.equal(created.status, 'created');
    assert.equal(JSON.parse(await readFile(file, 'utf8')).format, 'ddia-labs-bench-baseline');
    const same = await perf.baseline.check(file, fast);
    assert.equal(same.status, 'ok');
    assert.equal(same.regressed, false);
    const slow = await perf.bench('sum', busyArray(2000), quick);
    const regressed = await perf.baseline.check(file, slow);
    assert.equal(regressed.status, 'regressed');
    assert.match(toOutputBundle(regressed).text, /REGRESSION/);
    await writeFile(path.join(dir, 'junk.json'), '{"hello": 1}');
    await assert.rejects(perf.baseline.check(path.join(dir, 'junk.json'), fast), /not a DDIA Labs baseline/);
    await assert.rejects(perf.baseline.check(path.join(dir, 'absent.json'), fast, { saveIfMissing: false }), /no baseline/);
    const saved = await perf.baseline.save(path.join(dir, 'nested', 'b.json'), fast);
    assert.equal((await perf.baseline.load(saved)).samplesNs.length, 20);
  });

  test('use: samples live every interval into one output, then the final dashboard replaces it', async () => {
    const sink = recordingSink();
    let run;
    try {
      run = await perf.use({ seconds: 1, intervalMs: 250 });
    } finally {
      setDisplaySink(undefined);
    }
    assert.ok(run.reports.length >= 3, `got ${run.reports.length} reports`);
    const ids = new Set(sink.shown.map((s) => s.bundle.displayId));
    assert.equal(ids.size, 1);
    assert.ok(sink.shown.filter((s) => s.kind === 'update').length >= 2, 'updates arrive while sampling');
    const last = sink.shown[sink.shown.length - 1]?.bundle.items[0]?.data as UseDashboardSpec;
    assert.equal(last.status, 'final');
    assert.deepEqual(
      last.rows.slice(0, 2).map((r) => r.kind),
      ['cpu', 'memory'],
    );
    assert.ok(last.rows.some((r) => r.kind === 'event-loop'));
    assert.equal(toOutputBundle(run).displayId, sink.shown[0]?.bundle.displayId);
    assert.equal(toOutputBundle(run).items[0]?.mime, PERF_MIME.use);
    if (process.platform === 'linux') assert.notEqual(last.rows[0]?.utilization.state, 'not-available');
  });

  test('use: an abort stops early with status "stopped"; bad options are clear errors', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const run = await perf.use({ seconds: 30, signal: ac.signal, live: false });
    assert.equal(run.dashboard.status, 'stopped');
    assert.throws(() => perf.use({ seconds: 0 }), /seconds/);
    assert.throws(() => perf.use({ intervalMs: 5 }), /intervalMs/);
  });

  test('display: a handle replaces its output; without a sink display prints and update is silent', () => {
    const sink = recordingSink();
    const h = display('one');
    h.update('two');
    setDisplaySink(undefined);
    assert.deepEqual(
      sink.shown.map((s) => [s.kind, s.bundle.text, s.bundle.displayId === h.id]),
      [
        ['display', 'one', true],
        ['update', 'two', true],
      ],
    );
    h.update('three');
    assert.equal(sink.shown.length, 2);
  });
});
