/**
 * Percentiles with one documented definition: Hyndman & Fan's type 7 (the default of R's
 * `quantile`, NumPy's `percentile` and spreadsheets' PERCENTILE.INC). For sorted x[0..n−1]
 * and probability p in [0, 1], h = (n − 1)·p, and the result interpolates linearly between
 * x[⌊h⌋] and x[⌈h⌉]. It is continuous in p, returns the minimum at p = 0 and the maximum at
 * p = 1, and never invents a value outside the sample's range.
 *
 * The benchmark harness reports tail percentiles (p99, p999) from the HDR histogram instead,
 * which uses "the smallest recorded value ≥ p of the samples" at a stated precision; the two
 * agree to within the histogram's resolution on large samples.
 */

/** Quantile of an already ascending-sorted array; NaN when empty or p is outside [0, 1]. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Percentile (p in [0, 100]) of an unsorted array, type 7 definition above. */
export function percentile(xs: readonly number[], p: number): number {
  return quantileSorted(
    [...xs].sort((a, b) => a - b),
    p / 100,
  );
}
