/**
 * Exercise "bench-stats" (lab statistics-benchmarking): the statistics a benchmark report
 * stands on.
 *
 *   - `nearestRank(values, p)`: the nearest-rank percentile. For n sorted values and p in
 *     (0, 100], it is the value at 1-based rank ⌈p/100 · n⌉; p = 0 gives the minimum. It
 *     always returns a value that was actually observed.
 *   - `interpolated(values, p)`: the linear-interpolation percentile (Hyndman & Fan type 7,
 *     the default of NumPy and R): with h = (n − 1) · p/100, interpolate between the sorted
 *     values at ⌊h⌋ and ⌈h⌉ (0-based).
 *   - `correctCoordinatedOmission(latencies, expectedInterval)`: the back-fill HdrHistogram
 *     does in `recordValueWithExpectedInterval`. A load generator meant to send one request
 *     every `expectedInterval`; when a response took longer, the requests it should have sent
 *     meanwhile were never sent, and their latencies never recorded. For each latency v, keep
 *     v, then add v − I, v − 2I, … for as long as the added value is ≥ I (I = expectedInterval).
 *     With I <= 0 nothing is added.
 *   - `welch(a, b)`: Welch's t statistic, t = (mean a − mean b) / √(s²a/na + s²b/nb), and its
 *     Welch–Satterthwaite degrees of freedom, with s² the sample variance (divide by n − 1).
 *
 * None of them may reorder or modify the caller's array.
 * Checked by tests/bench-stats.test.ts, which ships with DDIA Labs.
 */

function sortedCopy(values: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError('a percentile of no values is undefined');
  return [...values].sort((a, b) => a - b);
}

function checkP(p: number): void {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`p must be between 0 and 100, got ${p}`);
}

export function nearestRank(values: readonly number[], p: number): number {
  checkP(p);
  const sorted = sortedCopy(values);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function interpolated(values: readonly number[], p: number): number {
  checkP(p);
  const sorted = sortedCopy(values);
  const h = (sorted.length - 1) * (p / 100);
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

export function correctCoordinatedOmission(latencies: readonly number[], expectedInterval: number): number[] {
  const out: number[] = [];
  for (const v of latencies) {
    out.push(v);
    if (expectedInterval <= 0) continue;
    for (let missing = v - expectedInterval; missing >= expectedInterval; missing -= expectedInterval) out.push(missing);
  }
  return out;
}

function meanAndVariance(xs: readonly number[]): { mean: number; variance: number } {
  if (xs.length < 2) throw new RangeError('Welch’s test needs at least two values per sample');
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

export function welch(a: readonly number[], b: readonly number[]): { t: number; df: number } {
  const A = meanAndVariance(a);
  const B = meanAndVariance(b);
  const va = A.variance / a.length;
  const vb = B.variance / b.length;
  const t = (A.mean - B.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { t, df };
}
