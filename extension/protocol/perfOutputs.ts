/**
 * Perf-check outputs (notebook renderer `ddia-labs.perf`, also the payload of the USE dashboard
 * panel): the live USE dashboard, one benchmark's result, and an A/B comparison verdict. Built
 * by the SDK (perf.use, perf.bench, perf.compare) and the panel host; drawn by
 * webviews/perf/. Numbers are plain JSON; times are nanoseconds unless a field says otherwise.
 */
import type { ChartSpec } from './outputs';

export const PERF_MIME = {
  use: 'application/vnd.ddia-labs.perf-use+json',
  bench: 'application/vnd.ddia-labs.perf-bench+json',
  compare: 'application/vnd.ddia-labs.perf-compare+json',
} as const;

/** A USE cell's state as the dashboard shows it; "saturated" is the model's "bad". */
export type UseCellState = 'ok' | 'warning' | 'saturated' | 'not-available';

export interface UseCellSpec {
  readonly state: UseCellState;
  /** Short value for the table ("42.0%", "1.2 runnable/CPU"), or "n/a". */
  readonly text: string;
  /** The evidence behind the value, or the reason it is not available here. */
  readonly evidence: string;
  /** Recent values for the sparkline, oldest first; null where the metric was unavailable. */
  readonly history: readonly (number | null)[];
}

export interface UseRowSpec {
  readonly kind: 'cpu' | 'memory' | 'disk' | 'network' | 'event-loop';
  readonly name: string;
  readonly utilization: UseCellSpec;
  readonly saturation: UseCellSpec;
  readonly errors: UseCellSpec;
}

export interface UseDashboardSpec {
  readonly version: 1;
  /** sampling: more reports are coming; final: the run ended; stopped: it was stopped early. */
  readonly status: 'sampling' | 'final' | 'stopped';
  readonly intervalMs: number;
  /** Reports taken so far, and how many the run will take (absent for an open-ended panel). */
  readonly samples: number;
  readonly plannedSamples?: number;
  readonly platform: string;
  readonly rows: readonly UseRowSpec[];
}

export interface BenchSummarySpec {
  readonly meanNs: number;
  readonly medianNs: number;
  readonly p50Ns: number;
  readonly p90Ns: number;
  readonly p99Ns: number;
  readonly p999Ns: number;
  readonly stddevNs: number;
  /** Coefficient of variation, stddev / mean (a ratio). */
  readonly cv: number;
  readonly minNs: number;
  readonly maxNs: number;
  readonly ciLowNs: number;
  readonly ciHighNs: number;
  /** Confidence level of the interval of the mean, e.g. 0.95. */
  readonly ciLevel: number;
  readonly outliersLow: number;
  readonly outliersHigh: number;
}

export interface BenchSpec {
  readonly version: 1;
  readonly name: string;
  readonly samples: number;
  readonly iterationsPerSample: number;
  readonly totalMs: number;
  readonly summary: BenchSummarySpec;
  /** Histogram of per-operation times with p50/p90/p99/p999 markers. */
  readonly histogram: ChartSpec;
}

export interface CompareSpec {
  readonly version: 1;
  readonly baseline: string;
  readonly candidate: string;
  readonly verdict: 'faster' | 'slower' | 'no significant difference';
  /** The test by name, e.g. "Mann–Whitney U". */
  readonly testName: string;
  readonly pValue: number;
  readonly alpha: number;
  readonly relativeChange: number;
  readonly centre: 'median' | 'mean';
  readonly effectSize: number;
  readonly effectSizeName: string;
  readonly explanation: string;
  /** Box plots of both sample sets. */
  readonly box: ChartSpec;
}
