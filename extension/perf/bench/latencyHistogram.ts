/**
 * Latency histogram for benchmark samples, backed by hdr-histogram-js (a port of Gil Tene's
 * HdrHistogram): values are recorded as integer nanoseconds with 3 significant digits, so a
 * percentile is exact to within 0.1% of its value whatever the range. HDR percentiles are
 * "the lowest recorded value v such that at least p% of values are ≤ v" (to that precision),
 * not the interpolated type-7 percentile of stats/percentile.ts.
 *
 * The interface is ours, so views and tests do not depend on the library's API, and the
 * spectrum is plain data that can be posted to a webview. (Bar histograms are binned by the
 * view from the raw samples the result also carries.)
 */
import * as hdr from 'hdr-histogram-js';

export interface LatencyHistogram {
  recordNs(valueNs: number): void;
  readonly count: number;
  /** Percentile p in [0, 100], in ns. */
  percentileNs(p: number): number;
  readonly maxNs: number;
  readonly minNs: number;
  /** Latency by percentile at the usual HdrHistogram ticks, for a percentile plot. */
  spectrum(): Array<{ percentile: number; valueNs: number }>;
}

const SPECTRUM = [0, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

export function createLatencyHistogram(): LatencyHistogram {
  const h = hdr.build({ numberOfSignificantValueDigits: 3, bitBucketSize: 'packed', useWebAssembly: false });
  let min = Infinity;
  return {
    recordNs(valueNs) {
      // HDR records integers ≥ 0; sub-nanosecond per-op times round to 0 or 1.
      const v = Math.max(0, Math.round(valueNs));
      min = Math.min(min, v);
      h.recordValue(v);
    },
    get count() {
      return h.totalCount;
    },
    percentileNs: (p) => (h.totalCount === 0 ? NaN : h.getValueAtPercentile(p)),
    get maxNs() {
      return h.totalCount === 0 ? NaN : h.maxValue;
    },
    get minNs() {
      return h.totalCount === 0 ? NaN : min;
    },
    spectrum: () => (h.totalCount === 0 ? [] : SPECTRUM.map((p) => ({ percentile: p, valueNs: h.getValueAtPercentile(p) }))),
  };
}
