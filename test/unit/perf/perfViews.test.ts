/**
 * The pure parts behind the perf views: the USE dashboard built from reports over time (states,
 * sparkline history, "not available here"), the cheap /proc reader (same text as readFile,
 * fresh on every read, missing files retried later), line filtering before parsing, benchmark
 * binning and units, sparkline paths, and validation of chart reference lines and perf outputs.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { binSamples } from '../../../extension/perf/bench/benchView';
import { formatNs, timeUnit } from '../../../extension/views/perf/benchText';
import { procReader } from '../../../extension/perf/collect/procReader';
import { type UseReport } from '../../../extension/perf/use/computeUse';
import { type ResourceUse } from '../../../extension/perf/use/resource';
import { keepLines } from '../../../extension/perf/use/readSnapshot';
import { buildUseDashboard, dashboardText, DASHBOARD_HISTORY } from '../../../extension/perf/use/useDashboard';
import { sparklinePath } from '../../../webviews/perf/useTable';
import { chartOutput } from '../../../extension/views/chart/chartOutput';
import { benchOutput, compareOutput, useDashboardOutput } from '../../../extension/views/perf/perfOutputs';

function report(cpuUtil: number, diskAvailable: boolean): UseReport {
  const na = { notAvailable: 'not available here: no link speed' };
  const cpuState = cpuUtil >= 0.9 ? 'bad' : cpuUtil >= 0.7 ? 'warn' : 'ok';
  const cpu: ResourceUse = {
    kind: 'cpu',
    name: 'CPUs',
    utilization: { value: cpuUtil, unit: 'fraction', state: cpuState, evidence: `busy ${cpuUtil}` },
    saturation: { value: 0.5, unit: 'runnable per CPU', state: 'ok', evidence: 'load' },
    errors: na,
    details: {},
  };
  const disk: ResourceUse = {
    kind: 'disk',
    name: 'sda',
    utilization: { value: 0.1, unit: 'fraction', state: 'ok', evidence: 'io' },
    saturation: { value: 0, unit: 'queue length', state: 'ok', evidence: 'q' },
    errors: na,
    details: {},
  };
  return { elapsedSec: 1, resources: diskAvailable ? [cpu, disk] : [cpu] };
}

describe('USE dashboard', () => {
  test('states map to ok/warning/saturated, history follows each resource, missing metrics say why', () => {
    const d = buildUseDashboard([report(0.2, false), report(0.75, true), report(0.95, true)], {
      status: 'sampling',
      intervalMs: 1000,
      platform: 'linux',
      plannedSamples: 5,
    });
    assert.equal(d.samples, 3);
    const cpu = d.rows[0]!;
    assert.equal(cpu.utilization.state, 'saturated');
    assert.equal(cpu.utilization.text, '95.0%');
    assert.deepEqual(cpu.utilization.history, [0.2, 0.75, 0.95]);
    assert.equal(cpu.errors.state, 'not-available');
    assert.match(cpu.errors.evidence, /^not available here: no link speed/);
    assert.deepEqual(d.rows[1]!.utilization.history, [null, 0.1, 0.1], 'a disk that appeared later has gaps before it');
    const text = dashboardText(d);
    assert.match(text, /USE dashboard \(sampling, 3\/5 samples every 1 s, linux\)/);
    assert.match(text, /CPUs\s+95\.0% SATURATED\s+0\.5 runnable per CPU ok\s+not available here/);
    assert.ok(useDashboardOutput.check(d).ok);
  });

  test(`history keeps the last ${DASHBOARD_HISTORY} samples; no report yet reads "waiting"`, () => {
    const many = Array.from({ length: DASHBOARD_HISTORY + 15 }, (_, i) => report((i % 10) / 10, false));
    const d = buildUseDashboard(many, { status: 'final', intervalMs: 1000, platform: 'linux' });
    assert.equal(d.rows[0]!.utilization.history.length, DASHBOARD_HISTORY);
    assert.match(
      dashboardText(buildUseDashboard([], { status: 'sampling', intervalMs: 1000, platform: 'darwin' })),
      /waiting for the first sample/,
    );
  });

  test('sparkline paths scale to the box and break at missing values', () => {
    assert.equal(sparklinePath([], 80, 18), '');
    assert.equal(sparklinePath([0, 1], 80, 18), 'M0.0,17.0L80.0,1.0');
    assert.equal(sparklinePath([1, null, 1], 80, 18), 'M0.0,1.0M80.0,1.0');
  });
});

describe('procReader', () => {
  test('reads the same text as readFile, fresh on each read, with one handle per file', async (t) => {
    if (process.platform !== 'linux') return t.skip('reads /proc');
    const r = procReader();
    try {
      assert.equal(
        await r.readText('/proc/meminfo').then((s) => s?.split('\n')[0]),
        readFileSync('/proc/meminfo', 'latin1').split('\n')[0],
      );
      const a = await r.readText('/proc/stat');
      await new Promise((res) => setTimeout(res, 50));
      const b = await r.readText('/proc/stat');
      // ctxt (context switches) rises between any two reads 50 ms apart on a running system.
      assert.notEqual(a, b, 'a re-read regenerates the file');
      assert.equal(r.openFiles, 2);
    } finally {
      r.close();
    }
    assert.equal(r.openFiles, 0);
  });

  test('a file larger than the buffer is read whole; a missing file is retried after retryMs', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'procreader-'));
    let now = 0;
    const r = procReader({ retryMs: 1000, now: () => now });
    try {
      const big = path.join(dir, 'big');
      const text = 'x'.repeat(40_000) + '\nend\n';
      await writeFile(big, text);
      assert.equal(await r.readText(big), text);
      const later = path.join(dir, 'later');
      assert.equal(await r.readText(later), undefined);
      await writeFile(later, 'now here\n');
      now = 500;
      assert.equal(await r.readText(later), undefined, 'still remembered as missing');
      now = 1500;
      assert.equal(await r.readText(later), 'now here\n');
    } finally {
      r.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('keepLines keeps only lines with the given prefixes, last line without a newline too', () => {
    assert.equal(keepLines('cpu 1 2\nintr 1 2 3\nctxt 5\nbtime 9', ['cpu', 'ctxt ', 'btime ']), 'cpu 1 2\nctxt 5\nbtime 9');
    assert.equal(keepLines('', ['cpu']), '');
  });
});

describe('benchmark view data', () => {
  test('units read as 1–999 and every sample lands in one of 8–40 bins', () => {
    assert.deepEqual(timeUnit(999), { unit: 'ns', scale: 1 });
    assert.deepEqual(timeUnit(1500), { unit: 'µs', scale: 1e3 });
    assert.equal(formatNs(2_500_000), '2.50 ms');
    assert.equal(formatNs(NaN), 'n/a');
    const xs = Array.from({ length: 100 }, (_, i) => 1000 + i * 10).sort((a, b) => a - b);
    const bins = binSamples(xs, 1e3);
    assert.ok(bins.length >= 8 && bins.length <= 40);
    assert.equal(
      bins.reduce((n, b) => n + b.count, 0),
      100,
    );
    assert.equal(binSamples([5, 5, 5], 1)[0]?.count, 3, 'identical samples make one narrow bin');
  });

  test('charts validate reference lines; perf outputs validate their parts', () => {
    const base = { version: 1, kind: 'histogram', bins: [{ x0: 0, x1: 1, count: 2 }] };
    assert.ok(chartOutput.check({ ...base, markers: [{ x: 0.5, label: 'p50' }] }).ok);
    const bad = chartOutput.check({ ...base, markers: [{ x: 'a', label: 'p50' }] });
    assert.ok(!bad.ok && /^markers\[0\]\.x: expected a finite number, got "a"$/.test(bad.problem));
    assert.ok(!chartOutput.check({ version: 1, kind: 'line', series: [{ name: 's', points: [[0, 1]] }], baselines: 'x' }).ok);
    assert.ok(
      chartOutput.check({ version: 1, kind: 'line', series: [{ name: 's', points: [[0, 1]] }], baselines: [{ y: 1, label: 'baseline' }] })
        .ok,
    );
    assert.ok(!benchOutput.check({ version: 1, name: 'x', summary: {}, histogram: { version: 1, kind: 'nope' } }).ok);
    assert.ok(!compareOutput.check({ version: 1, verdict: 'maybe' }).ok);
    assert.ok(!useDashboardOutput.check({ version: 1, status: 'sampling', rows: [{ name: 'CPUs', utilization: {} }] }).ok);
  });
});
