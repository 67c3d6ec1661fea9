/**
 * Benchmark results → the JSON the perf renderer draws (the text it and the CLI print is
 * extension/views/perf/benchText.ts). Pure: the
 * SDK (cells), `ddia-labs bench` and the tests share it, so a number reads the same everywhere.
 *
 * The histogram is binned from the per-operation samples (Freedman–Diaconis width, clamped to
 * 8–40 bins, because benchmark samples are few and skewed); its markers are the HDR
 * percentiles the summary reports, so the picture and the table agree.
 */
import { type BenchSpec, type CompareSpec } from '../../views/perf/perfOutputs';
import { quantileSorted } from '../stats/percentile';
import { type BenchProgress, type BenchResult } from './runBench';
import { type BenchComparison } from './compareBench';
import type { Bin, BoxSummary, ChartSpec } from '../../views/chart/chartOutput';
import { timeUnit } from '../../views/perf/benchText';

export function binSamples(sortedNs: readonly number[], scale: number): Bin[] {
  const n = sortedNs.length;
  if (n === 0) return [];
  const min = (sortedNs[0] as number) / scale;
  const max = (sortedNs[n - 1] as number) / scale;
  if (max <= min) return [{ x0: min, x1: min + Math.max(Math.abs(min) * 1e-3, 1e-9), count: n }];
  const iqr = (quantileSorted(sortedNs, 0.75) - quantileSorted(sortedNs, 0.25)) / scale;
  const fd = iqr > 0 ? (2 * iqr) / Math.cbrt(n) : (max - min) / 10;
  const count = Math.max(8, Math.min(40, Math.ceil((max - min) / fd)));
  const width = (max - min) / count;
  const bins = Array.from({ length: count }, (_, i) => ({ x0: min + i * width, x1: min + (i + 1) * width, count: 0 }));
  for (const v of sortedNs) {
    const i = Math.min(count - 1, Math.floor((v / scale - min) / width));
    (bins[i] as { count: number }).count++;
  }
  return bins;
}

export function benchSpec(r: BenchResult): BenchSpec {
  const sorted = [...r.samplesNs].sort((a, b) => a - b);
  const { unit, scale } = timeUnit(r.summary.median);
  const p50Ns = r.spectrum.find((s) => s.percentile === 50)?.valueNs ?? r.summary.median;
  const histogram: ChartSpec = {
    version: 1,
    kind: 'histogram',
    title: `${r.name}: time per operation`,
    x: { label: 'time per operation', unit },
    y: { label: 'samples' },
    bins: binSamples(sorted, scale),
    markers: [
      { x: p50Ns / scale, label: 'p50' },
      { x: r.p90Ns / scale, label: 'p90' },
      { x: r.p99Ns / scale, label: 'p99' },
      { x: r.p999Ns / scale, label: 'p99.9' },
    ],
  };
  return {
    version: 1,
    name: r.name,
    samples: r.samplesNs.length,
    iterationsPerSample: r.iterationsPerSample,
    totalMs: r.totalMs,
    summary: {
      meanNs: r.summary.mean,
      medianNs: r.summary.median,
      p50Ns,
      p90Ns: r.p90Ns,
      p99Ns: r.p99Ns,
      p999Ns: r.p999Ns,
      stddevNs: r.summary.stddev,
      cv: r.summary.cv,
      minNs: r.summary.min,
      maxNs: r.summary.max,
      ciLowNs: r.meanCi.low,
      ciHighNs: r.meanCi.high,
      ciLevel: r.meanCi.level,
      outliersLow: r.outliers.low.length,
      outliersHigh: r.outliers.high.length,
    },
    histogram,
  };
}

export function progressText(p: BenchProgress): string {
  if (p.phase === 'warmup') return `${p.name}: warming up…`;
  if (p.phase === 'calibrate') return `${p.name}: calibrating the calls per sample…`;
  const width = 20;
  const filled = Math.round((p.done / Math.max(1, p.total)) * width);
  return `${p.name}: sampling [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}`;
}

function box(name: string, sortedScaled: readonly number[]): BoxSummary {
  const q1 = quantileSorted(sortedScaled, 0.25);
  const q3 = quantileSorted(sortedScaled, 0.75);
  const lo = q1 - 1.5 * (q3 - q1);
  const hi = q3 + 1.5 * (q3 - q1);
  const inside = sortedScaled.filter((v) => v >= lo && v <= hi);
  return {
    name,
    min: inside[0] ?? NaN,
    q1,
    median: quantileSorted(sortedScaled, 0.5),
    q3,
    max: inside[inside.length - 1] ?? NaN,
    outliers: sortedScaled.filter((v) => v < lo || v > hi),
    count: sortedScaled.length,
  };
}

export const TEST_NAMES = { 'mann-whitney-u': 'Mann–Whitney U', 'welch-t': "Welch's t-test" } as const;

export function compareSpec(c: BenchComparison, aNs: readonly number[], bNs: readonly number[]): CompareSpec {
  const sa = [...aNs].sort((x, y) => x - y);
  const sb = [...bNs].sort((x, y) => x - y);
  const { unit, scale } = timeUnit(Math.max(quantileSorted(sa, 0.5), quantileSorted(sb, 0.5)));
  const boxChart: ChartSpec = {
    version: 1,
    kind: 'box',
    title: `${c.baseline} vs ${c.candidate}`,
    y: { label: 'time per operation', unit },
    boxes: [
      box(
        c.baseline,
        sa.map((v) => v / scale),
      ),
      box(
        c.candidate,
        sb.map((v) => v / scale),
      ),
    ],
  };
  return {
    version: 1,
    baseline: c.baseline,
    candidate: c.candidate,
    verdict: c.verdict,
    testName: TEST_NAMES[c.test],
    pValue: c.pValue,
    alpha: c.alpha,
    relativeChange: c.relativeChange,
    centre: c.centre,
    effectSize: c.effectSize,
    effectSizeName: c.effectSizeName,
    explanation: c.explanation,
    box: boxChart,
  };
}
