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
 * Checked by tests/bench-stats.test.ts, which ships with DDIA Labs:
 *   - "nearest-rank percentiles return observed values"
 *   - "interpolated percentiles follow the type 7 definition"
 *   - "percentiles sort numerically, not as text"
 *   - "the tail of a bimodal sample is not its average"
 *   - "coordinated omission back-fills the requests that were never sent"
 *   - "back-fill stops below one interval and keeps fast samples as they are"
 *   - "correction moves the tail, not the median of a mostly fast run"
 *   - "welch t statistic and degrees of freedom match SciPy"
 *   - "welch handles samples of different sizes and variances"
 */

export function nearestRank(values: readonly number[], p: number): number {
  // TODO: sort a copy, find the 1-based rank ⌈p/100 · n⌉ (at least 1), return that value.
  void values;
  void p;
  return NaN;
}

export function interpolated(values: readonly number[], p: number): number {
  // TODO: sort a copy, h = (n − 1) · p/100, interpolate between the neighbours of h.
  void values;
  void p;
  return NaN;
}

export function correctCoordinatedOmission(latencies: readonly number[], expectedInterval: number): number[] {
  // TODO: keep every latency, and back-fill the requests that were never sent.
  void expectedInterval;
  return [...latencies];
}

export function welch(a: readonly number[], b: readonly number[]): { t: number; df: number } {
  // TODO: means, sample variances, the t statistic and the Welch–Satterthwaite df.
  void a;
  void b;
  return { t: NaN, df: NaN };
}
