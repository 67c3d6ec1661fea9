/**
 * Chart outputs (`charts.*` in the SDK, drawn with d3 by webviews/renderers/): one declaration
 * gives the ChartSpec type, the renderer's check and chart.schema.json. Summaries that need the
 * raw data (histogram bins, box-plot quartiles) are computed by the SDK, not the renderer.
 */
import { outputContract } from '../contract/outputContract';
import * as s from '../contract/shape';

export const CHART_MIME = 'application/vnd.ddia-labs.chart+json';

const num = s.number();
const axis = s.object({}, { label: s.string(), unit: s.string(), scale: s.oneOf(['linear', 'log']) });

const series = s.object({ name: s.string(), points: s.array(s.tuple([num, num])) });
const bar = s.object({ label: s.string(), value: num });
const bin = s.object({ x0: num, x1: num, count: s.number({ integer: true, min: 0 }) });
const cell = s.union([s.number(), s.string()]);
const heatMap = s.object({ xs: s.array(cell), ys: s.array(cell), values: s.array(s.array(num)) });
const boxSummary = s.object({
  name: s.string(),
  min: num,
  q1: num,
  median: num,
  q3: num,
  max: num,
  outliers: s.array(num),
  count: s.number({ integer: true, min: 0 }),
});
const marker = s.object({ x: s.number({ finite: true }), label: s.string() });
const baseline = s.object({ y: s.number({ finite: true }), label: s.string() });

export const CHART_KINDS = ['line', 'scatter', 'bar', 'histogram', 'heatmap', 'box'] as const;

const chartShape = s.object(
  { version: s.literal(1), kind: s.oneOf(CHART_KINDS) },
  {
    title: s.string(),
    x: axis,
    y: axis,
    series: s.array(series, {
      description:
        "line and scatter: named series of [x, y] points. Large series are downsampled by the renderer to the chart's pixel width (min/max per column), never truncated.",
    }),
    bars: s.array(bar, { description: 'bar: one value per category, in order.' }),
    bins: s.array(bin, { description: 'histogram: half-open bins [x0, x1) with counts.' }),
    heatmap: s.refine(heatMap, (h) =>
      h.values.length !== h.ys.length || !h.values.every((r) => r.length === h.xs.length)
        ? 'heat map values must have one row per y and one column per x'
        : undefined,
    ),
    boxes: s.array(boxSummary, {
      description:
        'box: five-number summary per group with Tukey whiskers (1.5 × IQR) and the outliers beyond them; quartiles by linear interpolation (R type 7).',
    }),
    markers: s.array(marker, {
      description:
        'optional vertical reference lines at x values, e.g. percentile markers on a latency histogram (histogram, line, scatter).',
    }),
    baselines: s.array(baseline, {
      description: 'optional horizontal reference lines at y values, e.g. a saved baseline on a line chart (line, scatter, bar, box).',
    }),
  },
);

/** The field each kind draws from: a chart without it has nothing to draw. */
function kindProblem(c: s.Infer<typeof chartShape>): string | undefined {
  switch (c.kind) {
    case 'line':
    case 'scatter':
      return c.series && c.series.length > 0 ? undefined : `a ${c.kind} chart needs a non-empty 'series' list`;
    case 'bar':
      return c.bars ? undefined : "a bar chart needs 'bars': [{label, value}]";
    case 'histogram':
      return c.bins ? undefined : "a histogram needs 'bins': [{x0, x1, count}]";
    case 'heatmap':
      return c.heatmap ? undefined : "a heat map needs 'heatmap': {xs, ys, values}";
    case 'box':
      return c.boxes ? undefined : "a box plot needs 'boxes': [{name, min, q1, median, q3, max, outliers}]";
  }
}

export const chartOutput = outputContract(
  {
    mime: CHART_MIME,
    what: 'chart',
    schemaName: 'chart',
    version: 1,
    title: 'DDIA Labs chart (version 1)',
    description:
      'A chart drawn by the DDIA Labs notebook renderer with d3. Summaries that need raw data (histogram bins, box-plot quartiles) are computed by the SDK. Every output also carries a text/plain fallback.',
  },
  s.refine(chartShape, kindProblem),
);

export type ChartSpec = s.Infer<typeof chartShape>;
export type ChartKind = ChartSpec['kind'];
export type Axis = s.Infer<typeof axis>;
export type Series = s.Infer<typeof series>;
export type Bar = s.Infer<typeof bar>;
export type Bin = s.Infer<typeof bin>;
export type HeatMap = s.Infer<typeof heatMap>;
export type BoxSummary = s.Infer<typeof boxSummary>;
/** A vertical line across the plot at `x`, labelled (histogram, line, scatter, heat map with numeric xs). */
export type Marker = s.Infer<typeof marker>;
/** A horizontal line across the plot at `y`, labelled (line, scatter, bar, box). */
export type Baseline = s.Infer<typeof baseline>;
