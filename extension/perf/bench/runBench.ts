/**
 * The benchmark harness: warm-up, calibration, sampling, summary.
 *
 * 1. Warm-up: call fn until warmupMs has passed (at least warmupMinIterations calls), so the
 *    JIT has compiled and caches are warm before anything is measured.
 * 2. Calibration: time batches of 1, 2, 4, … calls until a batch takes ≥ 1/4 of the target
 *    sample duration (that batch size timed three times, the fastest kept), then scale the
 *    count so one sample lasts ≈ targetSampleMs. Batching is
 *    what makes nanosecond operations measurable with a microsecond-resolution clock.
 * 3. Sampling: `samples` batches; each gives one per-operation time = batch time / count.
 *    These are batch means: for fast fns the spread (and p99/p999) describes batch-to-batch
 *    variation, not single-call tails; when one call exceeds the target, the count is 1 and
 *    each sample is one call.
 * 4. Summary: mean/median/stddev/CV/MAD (stats/descriptive), p90/p99/p999 (HDR histogram),
 *    a Student-t 95% CI of the mean, and Tukey outliers, reported but not removed.
 *
 * Time comes from the injected clock; `yieldNow` is awaited between batches so progress
 * callbacks reach the UI and an AbortSignal can fire (pass a setImmediate-based one from host
 * code). Cancellation rejects with the signal's reason.
 */
import { tIntervalMean, type Interval } from '../stats/confidence';
import { summarize, type Summary } from '../stats/descriptive';
import { findOutliers, TUKEY, type OutlierReport } from '../stats/outliers';
import { createLatencyHistogram } from './latencyHistogram';

export interface BenchClock {
  /** Monotonic milliseconds. */
  now(): number;
}

export type BenchPhase = 'warmup' | 'calibrate' | 'sample';

export interface BenchProgress {
  name: string;
  phase: BenchPhase;
  /** Samples done and wanted (0 of N during warm-up and calibration). */
  done: number;
  total: number;
}

export interface BenchOptions {
  clock: BenchClock;
  warmupMs?: number;
  warmupMinIterations?: number;
  targetSampleMs?: number;
  samples?: number;
  maxIterationsPerSample?: number;
  signal?: AbortSignal;
  onProgress?(p: BenchProgress): void;
  yieldNow?(): Promise<void>;
}

export interface BenchResult {
  name: string;
  iterationsPerSample: number;
  /** Per-operation time of each sample, ns, in the order taken. */
  samplesNs: number[];
  summary: Summary;
  p90Ns: number;
  p99Ns: number;
  p999Ns: number;
  spectrum: Array<{ percentile: number; valueNs: number }>;
  meanCi: Interval;
  outliers: OutlierReport;
  totalMs: number;
}

type Fn = () => unknown;

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new Error('benchmark cancelled');
}

/**
 * Every result is stored here, so the JIT cannot prove a call's result unused and delete the
 * call (a side-effect-free `arr.includes(k)` otherwise times as ~1 ns whatever the array size).
 */
let blackhole: unknown;

async function timeBatch(fn: Fn, n: number, clock: BenchClock, isAsync: boolean): Promise<number> {
  const t0 = clock.now();
  if (isAsync) for (let i = 0; i < n; i++) blackhole = await fn();
  else for (let i = 0; i < n; i++) blackhole = fn();
  return clock.now() - t0;
}

/** The last result the harness kept; exported only so the store above is observable. */
export function lastBenchResult(): unknown {
  return blackhole;
}

export async function runBench(name: string, fn: Fn, opts: BenchOptions): Promise<BenchResult> {
  const { clock, signal } = opts;
  const warmupMs = opts.warmupMs ?? 200;
  const target = opts.targetSampleMs ?? 20;
  const total = opts.samples ?? 60;
  const maxIter = opts.maxIterationsPerSample ?? 1e9;
  const yieldNow = opts.yieldNow ?? (() => Promise.resolve());
  const progress = (phase: BenchPhase, done: number): void => opts.onProgress?.({ name, phase, done, total });
  const start = clock.now();

  checkAbort(signal);
  progress('warmup', 0);
  const first = fn();
  const isAsync = first instanceof Promise;
  if (isAsync) await first;
  let warmCalls = 1;
  while (clock.now() - start < warmupMs || warmCalls < (opts.warmupMinIterations ?? 10)) {
    await timeBatch(fn, 1, clock, isAsync);
    warmCalls++;
    if (warmCalls % 1000 === 0) {
      await yieldNow();
      checkAbort(signal);
    }
  }

  progress('calibrate', 0);
  let n = 1;
  let elapsed = await timeBatch(fn, n, clock, isAsync);
  while (elapsed < target / 4 && n < maxIter) {
    await yieldNow();
    checkAbort(signal);
    n = Math.min(maxIter, n * 2);
    elapsed = await timeBatch(fn, n, clock, isAsync);
  }
  // One batch that was descheduled (a busy machine) would make every sample far too short:
  // time the final batch twice more and keep the fastest, the least disturbed estimate.
  for (let i = 0; i < 2 && elapsed >= target / 4; i++) {
    await yieldNow();
    checkAbort(signal);
    elapsed = Math.min(elapsed, await timeBatch(fn, n, clock, isAsync));
  }
  const iterations = Math.max(1, Math.min(maxIter, elapsed > 0 ? Math.round((n * target) / elapsed) : n));

  const hist = createLatencyHistogram();
  const samplesNs: number[] = [];
  for (let s = 0; s < total; s++) {
    await yieldNow();
    checkAbort(signal);
    const perOpNs = ((await timeBatch(fn, iterations, clock, isAsync)) / iterations) * 1e6;
    samplesNs.push(perOpNs);
    hist.recordNs(perOpNs);
    progress('sample', s + 1);
  }
  return {
    name,
    iterationsPerSample: iterations,
    samplesNs,
    summary: summarize(samplesNs),
    p90Ns: hist.percentileNs(90),
    p99Ns: hist.percentileNs(99),
    p999Ns: hist.percentileNs(99.9),
    spectrum: hist.spectrum(),
    meanCi: tIntervalMean(samplesNs),
    outliers: findOutliers(samplesNs, TUKEY),
    totalMs: clock.now() - start,
  };
}
