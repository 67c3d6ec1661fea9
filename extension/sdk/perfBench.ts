/**
 * `perf.bench`, `perf.compare` and `perf.baseline` for cells and exercises: sound
 * micro-benchmarks (warm-up, automatic iteration count, many samples, HDR percentiles,
 * a confidence interval, outliers) and an A/B verdict that names its test.
 *
 * The numbers come from extension/perf/bench and extension/perf/stats; this module adds what
 * a notebook needs: progress shown in the cell while a run runs (one output replaced in place),
 * cancellation, and Displayable results drawn by the `ddia-labs.perf` renderer (with a
 * text/plain fallback for the CLI and other viewers).
 *
 * Cancellation: the Stop button terminates the kernel worker, which ends any benchmark at once;
 * `opts.signal` (an AbortSignal) cancels from code, between batches.
 */
import * as os from 'node:os';
import { realClock } from '../perf/collect/clock';
import { type BenchProgress, type BenchResult, runBench } from '../perf/bench/runBench';
import { compareBench } from '../perf/bench/compareBench';
import { type CompareOptions as StatsCompareOptions } from '../perf/stats/verdict';
import { benchSpec, compareSpec, progressText } from '../perf/bench/benchView';
import { benchText, compareText } from '../views/perf/benchText';
import { PERF_MIME, type BenchSpec, type BenchSummarySpec, type CompareSpec } from '../views/perf/perfOutputs';
import { display, hasDisplaySink, newDisplayId, type DisplayHandle } from './display';
import { DISPLAYABLE, type Displayable } from './outputs';
import { CHART_MIME } from '../views/chart/chartOutput';

export { baseline } from './perfBaseline';
export { use, type UseOptions, type UseRun } from './perfUse';

/** Options of {@link bench}. Every field is optional; the defaults suit functions from ~1 ns to ~10 ms. */
export interface BenchOptions {
  /** Time spent calling `fn` before measuring, so the JIT and caches are warm (default 200 ms). */
  readonly warmupMs?: number;
  /** Number of samples (default 60). Each sample times a batch of calls and divides. */
  readonly samples?: number;
  /** Target duration of one sample's batch (default 20 ms); the iteration count is calibrated to it. */
  readonly targetSampleMs?: number;
  /** Upper bound on calls per batch (default 1e9). */
  readonly maxIterationsPerSample?: number;
  /** Cancels the run between batches; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Show a progress line in the cell while the run runs (default true; only inside a notebook). */
  readonly progress?: boolean;
  /** Called on every phase change and sample, inside and outside a notebook. */
  readonly onProgress?: (p: BenchProgress) => void;
}

/** The statistics of a benchmark, per operation, in nanoseconds unless named otherwise. */
export interface BenchStats extends BenchSummarySpec {
  readonly samples: number;
  readonly iterationsPerSample: number;
  readonly totalMs: number;
}

/**
 * One benchmark's result: the numbers (`stats`, `samplesNs`) and, displayed, a latency
 * histogram with p50/p90/p99/p999 markers and a summary table.
 */
export interface BenchRun extends Displayable {
  readonly name: string;
  /** Per-operation time of each sample, ns, in the order taken. */
  readonly samplesNs: readonly number[];
  readonly stats: BenchStats;
  /** The harness's full result (spectrum, outlier indices, CI method). */
  readonly raw: BenchResult;
  /** The JSON drawn by the renderer. */
  readonly spec: BenchSpec;
}

/** Options of {@link compare}. */
export interface CompareOptions {
  /** 'mann-whitney-u' (default: latency is skewed) or 'welch-t' (compares means). */
  readonly test?: 'mann-whitney-u' | 'welch-t';
  /** Significance level (default 0.05). */
  readonly alpha?: number;
  /** Smallest relative change of the centre that counts as a difference (default 0). */
  readonly minRelativeChange?: number;
}

/** The verdict of {@link compare}; displayed, a verdict line naming the test and box plots of A and B. */
export interface BenchComparison extends Displayable {
  readonly verdict: 'faster' | 'slower' | 'no significant difference';
  /** True unless the verdict is "no significant difference". */
  readonly differ: boolean;
  readonly test: 'mann-whitney-u' | 'welch-t';
  /** The test by name, e.g. "Mann–Whitney U". */
  readonly testName: string;
  readonly pValue: number;
  readonly alpha: number;
  /** (centre(B) − centre(A)) / centre(A); negative means B is faster. */
  readonly relativeChange: number;
  readonly effectSize: number;
  readonly effectSizeName: string;
  /** One sentence a learner can read. */
  readonly explanation: string;
  readonly spec: CompareSpec;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Wraps a harness result as a BenchRun; shown under `displayId` it replaces the progress line. */
export function toBenchRun(raw: BenchResult, displayId?: string): BenchRun {
  const spec = benchSpec(raw);
  const stats: BenchStats = {
    ...spec.summary,
    samples: spec.samples,
    iterationsPerSample: spec.iterationsPerSample,
    totalMs: spec.totalMs,
  };
  return {
    name: raw.name,
    samplesNs: raw.samplesNs,
    stats,
    raw,
    spec,
    [DISPLAYABLE]: () => ({
      items: [
        { mime: PERF_MIME.bench, data: spec },
        { mime: CHART_MIME, data: spec.histogram },
      ],
      text: benchText(spec),
      ...(displayId ? { displayId } : {}),
    }),
  };
}

/**
 * Benchmarks `fn` (sync or async): warm-up, calibration of the calls per sample, then
 * `samples` timed batches. Inside a notebook a progress line shows in the cell and is replaced
 * by the result when the result is displayed.
 *
 * @example
 * const a = await perf.bench('Array.includes', () => arr.includes(999));
 * a.stats.p99Ns; // numbers
 * a;             // as a cell's last expression: histogram + summary table
 */
export async function bench(name: string, fn: () => unknown, opts: BenchOptions = {}): Promise<BenchRun> {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('perf.bench(name, fn): name must be a non-empty string');
  if (typeof fn !== 'function') throw new TypeError(`perf.bench('${name}', fn): fn must be a function`);
  const samples = opts.samples ?? 60;
  if (!Number.isInteger(samples) || samples < 2)
    throw new RangeError(`perf.bench('${name}'): samples must be an integer ≥ 2, got ${samples}`);
  let handle: DisplayHandle | undefined;
  let lastShown = 0;
  const showProgress = opts.progress !== false && hasDisplaySink();
  const displayId = showProgress ? newDisplayId() : undefined;
  const onProgress = (p: BenchProgress): void => {
    opts.onProgress?.(p);
    if (!showProgress) return;
    const now = realClock.now();
    // At most four updates a second: each one is a message to the host and a re-render.
    if (handle && now - lastShown < 250 && p.done !== p.total) return;
    lastShown = now;
    const text = progressText(p);
    if (!handle) handle = display(text);
    else handle.update(text);
  };
  const raw = await runBench(name, fn, {
    clock: realClock,
    samples,
    ...(opts.warmupMs !== undefined ? { warmupMs: opts.warmupMs } : {}),
    ...(opts.targetSampleMs !== undefined ? { targetSampleMs: opts.targetSampleMs } : {}),
    ...(opts.maxIterationsPerSample !== undefined ? { maxIterationsPerSample: opts.maxIterationsPerSample } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onProgress,
    yieldNow: yieldToLoop,
  });
  const run = toBenchRun(raw, handle?.id ?? displayId);
  handle?.update(
    `${name}: done — ${raw.samplesNs.length} samples × ${raw.iterationsPerSample} calls in ${(raw.totalMs / 1000).toFixed(1)} s`,
  );
  return run;
}

/**
 * Is B faster or slower than A? Mann–Whitney U on the per-operation samples by default (or
 * Welch's t-test); the verdict names the test, p-value and effect size. Displayed: the verdict
 * and box plots of both.
 */
export function compare(a: BenchRun, b: BenchRun, opts: CompareOptions = {}): BenchComparison {
  for (const [label, r] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (!r || !Array.isArray(r.samplesNs) || r.samplesNs.length < 2)
      throw new TypeError(`perf.compare(a, b): ${label} must be a perf.bench result with at least two samples`);
  }
  const statsOpts: StatsCompareOptions = {
    ...(opts.test ? { test: opts.test } : {}),
    ...(opts.alpha !== undefined ? { alpha: opts.alpha } : {}),
    ...(opts.minRelativeChange !== undefined ? { minRelativeChange: opts.minRelativeChange } : {}),
  };
  const c = compareBench(a.raw, b.raw, statsOpts);
  const spec = compareSpec(c, a.samplesNs, b.samplesNs);
  return {
    verdict: c.verdict,
    differ: c.verdict !== 'no significant difference',
    test: c.test,
    testName: spec.testName,
    pValue: c.pValue,
    alpha: c.alpha,
    relativeChange: c.relativeChange,
    effectSize: c.effectSize,
    effectSizeName: c.effectSizeName,
    explanation: c.explanation,
    spec,
    [DISPLAYABLE]: () => ({
      items: [
        { mime: PERF_MIME.compare, data: spec },
        { mime: CHART_MIME, data: spec.box },
      ],
      text: compareText(spec),
    }),
  };
}

/** Facts about this machine stored with a baseline, so a reader can tell whether it is comparable. */
export function benchEnvironment(): Record<string, string> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
    arch: process.arch,
    cpu: cpus[0]?.model ?? 'unknown',
    cpus: String(cpus.length),
  };
}
