/**
 * The benchmark harness on a virtual clock: each call of the benchmarked function advances
 * the clock by a known (optionally seeded-noisy) amount, so calibration, sample values and
 * the summary can be checked exactly, and comparisons and regression checks run on
 * distributions we chose. No real time is measured here.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { checkRegression, loadBaseline, saveBaseline, type FileStore } from '../../../extension/perf/bench/baseline';
import { compareBench } from '../../../extension/perf/bench/compareBench';
import { createLatencyHistogram } from '../../../extension/perf/bench/latencyHistogram';
import { runBench, type BenchProgress } from '../../../extension/perf/bench/runBench';
import { createRandom } from '../../../extension/util/prng';

function virtualClock(): { now(): number; advance(ms: number): void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

function memoryStore(): FileStore & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return { files, read: async (p) => files.get(p), write: async (p, t) => void files.set(p, t) };
}

describe('bench harness', () => {
  test('a 2 µs operation calibrates to 10 000 calls per 20 ms sample and reports 2000 ns', async () => {
    const clock = virtualClock();
    const r = await runBench('fixed', () => clock.advance(0.002), { clock, samples: 30, warmupMs: 5 });
    assert.equal(r.iterationsPerSample, 10000);
    assert.equal(r.samplesNs.length, 30);
    for (const s of r.samplesNs) assert.ok(Math.abs(s - 2000) < 1e-6, String(s));
    assert.ok(Math.abs(r.summary.median - 2000) < 1e-6);
    assert.equal(r.p99Ns, 2000);
    assert.ok(r.summary.stddev < 1e-6);
  });

  test('a 50 ms operation is sampled one call at a time', async () => {
    const clock = virtualClock();
    const r = await runBench('slow', () => clock.advance(50), { clock, samples: 5, warmupMs: 0, warmupMinIterations: 1 });
    assert.equal(r.iterationsPerSample, 1);
    assert.deepEqual(r.samplesNs, [5e7, 5e7, 5e7, 5e7, 5e7]);
  });

  test('noisy samples with a stall in every 10th: summary, HDR percentiles and Tukey outliers (seed 17)', async () => {
    const clock = virtualClock();
    const random = createRandom(17);
    let stallNext = false;
    // Calls take 0.9–1.1 µs; after every 10th sample the next call stalls 0.5 ms, which adds
    // 500 ns to that sample's per-operation mean (≈1000 calls per 1 ms sample).
    const r = await runBench(
      'noisy',
      () => {
        clock.advance(0.001 * (0.9 + 0.2 * random.next()) + (stallNext ? 0.5 : 0));
        stallNext = false;
      },
      {
        clock,
        samples: 100,
        warmupMs: 1,
        targetSampleMs: 1,
        onProgress: (p) => (stallNext = p.phase === 'sample' && p.done % 10 === 0 && p.done < 100),
      },
    );
    assert.ok(Math.abs(r.iterationsPerSample - 1000) < 50, String(r.iterationsPerSample));
    assert.ok(Math.abs(r.summary.median - 1000) < 10, `median ${r.summary.median}`);
    assert.deepEqual(r.outliers.high, [10, 20, 30, 40, 50, 60, 70, 80, 90]);
    assert.ok(r.p99Ns > 1400 && r.p90Ns < 1100, `p90 ${r.p90Ns} p99 ${r.p99Ns}`);
    assert.ok(r.meanCi.low < r.summary.mean && r.summary.mean < r.meanCi.high);
  });

  test('progress goes warmup → calibrate → samples 1..N', async () => {
    const clock = virtualClock();
    const seen: BenchProgress[] = [];
    await runBench('p', () => clock.advance(1), {
      clock,
      samples: 3,
      warmupMs: 0,
      warmupMinIterations: 1,
      onProgress: (p) => seen.push(p),
    });
    assert.deepEqual(
      seen.map((p) => `${p.phase}:${p.done}/${p.total}`),
      ['warmup:0/3', 'calibrate:0/3', 'sample:1/3', 'sample:2/3', 'sample:3/3'],
    );
  });

  test('an AbortSignal fired mid-run rejects with its reason and stops calling fn', async () => {
    const clock = virtualClock();
    const ctl = new AbortController();
    let calls = 0;
    const run = runBench('c', () => (calls++, clock.advance(1)), {
      clock,
      samples: 1000,
      warmupMs: 0,
      warmupMinIterations: 1,
      onProgress: (p) => p.done === 2 && ctl.abort(new Error('stopped by user')),
      signal: ctl.signal,
    });
    await assert.rejects(run, /stopped by user/);
    const after = calls;
    assert.ok(after < 200, `calls ${after}`);
  });

  test('async functions are awaited per call', async () => {
    const clock = virtualClock();
    const r = await runBench('async', async () => clock.advance(5), { clock, samples: 4, warmupMs: 0, warmupMinIterations: 1 });
    assert.equal(r.iterationsPerSample, 4);
    assert.ok(Math.abs((r.summary.mean as number) - 5e6) < 1e-3);
  });
});

describe('latency histogram (hdr-histogram-js)', () => {
  test('percentiles of 1..1000 µs are within HDR precision of the exact ones', () => {
    const h = createLatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.recordNs(i * 1000);
    assert.equal(h.count, 1000);
    for (const [p, exact] of [
      [50, 500000],
      [90, 900000],
      [99, 990000],
      [100, 1000000],
    ] as const) {
      assert.ok(Math.abs(h.percentileNs(p) - exact) <= exact * 0.001, `p${p} ${h.percentileNs(p)}`);
    }
    assert.equal(h.minNs, 1000);
    assert.deepEqual(
      h.spectrum().map((s) => s.percentile),
      [0, 50, 75, 90, 95, 99, 99.9, 99.99, 100],
    );
  });
});

describe('compare and baselines', () => {
  async function benchWithMean(name: string, meanMs: number, seed: number): Promise<Awaited<ReturnType<typeof runBench>>> {
    const clock = virtualClock();
    const random = createRandom(seed);
    return runBench(name, () => clock.advance(meanMs * (0.8 + 0.4 * random.next())), {
      clock,
      samples: 40,
      warmupMs: 0,
      warmupMinIterations: 1,
      targetSampleMs: meanMs,
    });
  }

  test('B at 0.7× A is faster; equal distributions are no significant difference (seeds 1-4)', async () => {
    const a = await benchWithMean('a', 1, 1);
    const fast = await benchWithMean('b', 0.7, 2);
    const same = await benchWithMean('c', 1, 3);
    const c1 = compareBench(a, fast);
    assert.equal(c1.verdict, 'faster', c1.explanation);
    assert.equal(c1.candidate, 'b');
    assert.equal(compareBench(a, same).verdict, 'no significant difference');
    assert.equal(compareBench(fast, a, { test: 'welch-t' }).verdict, 'slower');
  });

  test('a baseline round-trips through the store and flags a 30% slowdown as a regression (seeds 5-7)', async () => {
    const store = memoryStore();
    const base = await benchWithMean('parse', 1, 5);
    await saveBaseline(store, 'bench/parse.json', base, '2024-11-26T07:00:00Z', { node: 'v20' });
    const loaded = await loadBaseline(store, 'bench/parse.json');
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.baseline.samplesNs, base.samplesNs);
    assert.equal(loaded.baseline.savedAt, '2024-11-26T07:00:00Z');
    assert.equal(checkRegression(loaded.baseline, await benchWithMean('parse', 1.3, 6)).regressed, true);
    assert.equal(checkRegression(loaded.baseline, await benchWithMean('parse', 1, 7)).regressed, false);
    // A significant but small (2%) slowdown is below the default 5% threshold.
    const slightly = { samplesNs: base.samplesNs.map((x) => x * 1.02) };
    assert.equal(checkRegression(loaded.baseline, slightly).regressed, false);
  });

  test('missing, non-JSON and foreign baseline files give typed errors', async () => {
    const store = memoryStore();
    store.files.set('x.json', '{oops');
    store.files.set('y.json', '{"format":"other"}');
    store.files.set('z.json', '{"format":"ddia-labs-bench-baseline","version":1,"name":"n","samplesNs":[1]}');
    assert.deepEqual((await loadBaseline(store, 'none.json')).ok, false);
    for (const [p, reason] of [
      ['none.json', 'missing'],
      ['x.json', 'invalid'],
      ['y.json', 'invalid'],
      ['z.json', 'invalid'],
    ]) {
      const r = await loadBaseline(store, p as string);
      assert.ok(!r.ok && r.reason === reason, `${p}: ${JSON.stringify(r)}`);
    }
  });
});
