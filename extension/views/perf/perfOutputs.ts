/**
 * Perf-check outputs (notebook renderer `ddia-labs.perf`, also the payload of the USE dashboard
 * panel): the live USE dashboard, one benchmark's result, and an A/B comparison verdict. Built
 * by the SDK (perf.use, perf.bench, perf.compare) and the panel host; drawn by
 * webviews/perf/. Numbers are plain JSON; times are nanoseconds unless a field says otherwise.
 */
import { chartOutput } from '../chart/chartOutput';
import { outputContract } from '../contract/outputContract';
import * as s from '../contract/shape';

export const PERF_MIME = {
  use: 'application/vnd.ddia-labs.perf-use+json',
  bench: 'application/vnd.ddia-labs.perf-bench+json',
  compare: 'application/vnd.ddia-labs.perf-compare+json',
} as const;

/** A USE cell's state as the dashboard shows it; "saturated" is the model's "bad". */
const useCellState = s.oneOf(['ok', 'warning', 'saturated', 'not-available']);

const useCell = s.object({
  state: useCellState,
  text: s.string('Short value for the table ("42.0%", "1.2 runnable/CPU"), or "n/a".'),
  evidence: s.string('The evidence behind the value, or the reason it is not available here.'),
  history: s.array(s.union([s.number(), s.nullValue()]), {
    description: 'Recent values for the sparkline, oldest first; null where the metric was unavailable.',
  }),
});

const useRow = s.object({
  kind: s.oneOf(['cpu', 'memory', 'disk', 'network', 'event-loop']),
  name: s.string(),
  utilization: useCell,
  saturation: useCell,
  errors: useCell,
});

const useDashboardShape = s.object(
  {
    version: s.literal(1),
    status: s.oneOf(
      ['sampling', 'final', 'stopped'],
      'sampling: more reports are coming; final: the run ended; stopped: it was stopped early.',
    ),
    intervalMs: s.number({ min: 0 }),
    samples: s.number({ integer: true, min: 0, description: 'Reports taken so far.' }),
    platform: s.string(),
    rows: s.array(useRow),
  },
  {
    plannedSamples: s.number({
      integer: true,
      min: 0,
      description: 'How many reports the run will take (absent for an open-ended panel).',
    }),
  },
);

const ns = s.number();
const benchSummary = s.object({
  meanNs: ns,
  medianNs: ns,
  p50Ns: ns,
  p90Ns: ns,
  p99Ns: ns,
  p999Ns: ns,
  stddevNs: ns,
  cv: s.number({ description: 'Coefficient of variation, stddev / mean (a ratio).' }),
  minNs: ns,
  maxNs: ns,
  ciLowNs: ns,
  ciHighNs: ns,
  ciLevel: s.number({ min: 0, max: 1, description: 'Confidence level of the interval of the mean, e.g. 0.95.' }),
  outliersLow: s.number({ integer: true, min: 0 }),
  outliersHigh: s.number({ integer: true, min: 0 }),
});

const benchShape = s.object({
  version: s.literal(1),
  name: s.string(),
  samples: s.number({ integer: true, min: 0 }),
  iterationsPerSample: s.number({ min: 0 }),
  totalMs: s.number({ min: 0 }),
  summary: benchSummary,
  histogram: chartOutput.shape,
});

const compareShape = s.object({
  version: s.literal(1),
  baseline: s.string(),
  candidate: s.string(),
  verdict: s.oneOf(['faster', 'slower', 'no significant difference']),
  testName: s.string('The test by name, e.g. "Mann–Whitney U".'),
  pValue: s.number({ min: 0, max: 1 }),
  alpha: s.number({ min: 0, max: 1 }),
  relativeChange: s.number(),
  centre: s.oneOf(['median', 'mean']),
  effectSize: s.number(),
  effectSizeName: s.string(),
  explanation: s.string(),
  box: chartOutput.shape,
});

export const useDashboardOutput = outputContract(
  {
    mime: PERF_MIME.use,
    what: 'USE dashboard',
    schemaName: 'perf-use',
    version: 1,
    title: 'DDIA Labs USE dashboard (version 1)',
    description:
      "Brendan Gregg's USE method as a table: utilization, saturation and errors per resource, each with its evidence and a sparkline of recent values. Replaced in place (displayId) while sampling.",
  },
  useDashboardShape,
);

export const benchOutput = outputContract(
  {
    mime: PERF_MIME.bench,
    what: 'benchmark',
    schemaName: 'perf-bench',
    version: 1,
    title: 'DDIA Labs benchmark result (version 1)',
    description: "One benchmark's samples summarised (percentiles, confidence interval of the mean, outliers) with a latency histogram.",
  },
  benchShape,
);

export const compareOutput = outputContract(
  {
    mime: PERF_MIME.compare,
    what: 'comparison',
    schemaName: 'perf-compare',
    version: 1,
    title: 'DDIA Labs A/B comparison (version 1)',
    description:
      'The verdict of a baseline/candidate comparison: the test, its p-value, the effect size, and box plots of both sample sets.',
  },
  compareShape,
);

export type UseCellState = s.Infer<typeof useCellState>;
export type UseCellSpec = s.Infer<typeof useCell>;
export type UseRowSpec = s.Infer<typeof useRow>;
export type UseDashboardSpec = s.Infer<typeof useDashboardShape>;
export type BenchSummarySpec = s.Infer<typeof benchSummary>;
export type BenchSpec = s.Infer<typeof benchShape>;
export type CompareSpec = s.Infer<typeof compareShape>;
