/**
 * Confidence intervals, two documented methods:
 *
 * - Student-t interval for the mean: mean ± t(1 − α/2, n − 1) · s / √n. Exact for normal
 *   data, and by the central limit theorem close enough for means of many samples.
 * - Percentile bootstrap for any statistic (median, p99, …): resample the data with
 *   replacement B times using the injected PRNG, compute the statistic on each resample and
 *   take the type-7 α/2 and 1 − α/2 quantiles of those B values (Efron's percentile method).
 *   Same seed, same interval. It needs no distributional assumption but is known to be too
 *   narrow for small n (say under 20) and for extreme percentiles of short runs.
 */
import { type Random } from '../../util/prng';
import { mean, sortAscending, stddev } from './descriptive';
import { quantileSorted } from './percentile';
import { studentTQuantile } from './distributions';

export interface Interval {
  low: number;
  high: number;
  /** Confidence level in (0, 1), e.g. 0.95. */
  level: number;
  method: 'student-t' | 'percentile-bootstrap';
}

export function tIntervalMean(xs: readonly number[], level = 0.95): Interval {
  const n = xs.length;
  if (n < 2) return { low: NaN, high: NaN, level, method: 'student-t' };
  const m = mean(xs);
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (stddev(xs) / Math.sqrt(n));
  return { low: m - half, high: m + half, level, method: 'student-t' };
}

export interface BootstrapOptions {
  random: Random;
  /** Number of resamples B; 2000 is a common default for 95% intervals. */
  resamples?: number;
  level?: number;
}

export function bootstrapInterval(
  xs: readonly number[],
  statistic: (sample: readonly number[]) => number,
  opts: BootstrapOptions,
): Interval {
  const level = opts.level ?? 0.95;
  const resamples = opts.resamples ?? 2000;
  const n = xs.length;
  if (n === 0) return { low: NaN, high: NaN, level, method: 'percentile-bootstrap' };
  const stats: number[] = new Array<number>(resamples);
  const buf: number[] = new Array<number>(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) buf[i] = xs[opts.random.int(n)] as number;
    stats[b] = statistic(buf);
  }
  const sorted = sortAscending(stats);
  const alpha = 1 - level;
  return {
    low: quantileSorted(sorted, alpha / 2),
    high: quantileSorted(sorted, 1 - alpha / 2),
    level,
    method: 'percentile-bootstrap',
  };
}
