import { CHART_MIME, type Axis, type BoxSummary, type ChartSpec, type Series } from '../views/chart/chartOutput';
import { TABLE_MIME, type TableSpec } from '../views/table/tableOutput';
import { MERMAID_MIME, type MermaidSpec } from '../views/mermaid/mermaidOutput';
import type { OutputBundle } from '../views/notebook/outputBundle';
/**
 * Builders for rich outputs. Each returns a Displayable: pass it to display(), or leave it as a
 * cell's last expression. Summaries that need the raw data (histogram bins, box-plot quartiles)
 * are computed here, so renderers draw without re-deriving them and the JSON stays small.
 */
import { textTable } from '../util/textTable';

export const DISPLAYABLE = Symbol.for('ddia-labs.displayable');

export interface Displayable {
  readonly [DISPLAYABLE]: () => OutputBundle;
}

export function isDisplayable(v: unknown): v is Displayable {
  return typeof v === 'object' && v !== null && typeof (v as Record<symbol, unknown>)[DISPLAYABLE] === 'function';
}

function displayable(mime: string, data: unknown, text: string): Displayable {
  return { [DISPLAYABLE]: () => ({ items: [{ mime, data }], text }) } as Displayable;
}

export interface ChartOptions {
  readonly title?: string;
  readonly x?: Axis;
  readonly y?: Axis;
}

type SeriesInput = Readonly<Record<string, readonly (readonly [number, number])[] | readonly number[]>>;

function toSeries(input: SeriesInput | readonly number[] | readonly (readonly [number, number])[]): Series[] {
  if (Array.isArray(input)) return [{ name: 'series', points: toPoints(input as readonly number[]) }];
  return Object.entries(input as SeriesInput).map(([name, pts]) => ({ name, points: toPoints(pts) }));
}

function toPoints(pts: readonly (readonly [number, number])[] | readonly number[]): [number, number][] {
  return (pts as readonly unknown[]).map((p, i) => (Array.isArray(p) ? [Number(p[0]), Number(p[1])] : [i, Number(p)]));
}

function chartText(spec: ChartSpec): string {
  const head = `${spec.kind} chart${spec.title ? `: ${spec.title}` : ''}`;
  if (spec.series) return `${head}\n${spec.series.map((s) => `  ${s.name}: ${s.points.length} points`).join('\n')}`;
  if (spec.bars) return `${head}\n${spec.bars.map((b) => `  ${b.label}: ${b.value}`).join('\n')}`;
  if (spec.bins) return `${head}\n${spec.bins.map((b) => `  [${fmt(b.x0)}, ${fmt(b.x1)}): ${b.count}`).join('\n')}`;
  if (spec.boxes)
    return `${head}\n${spec.boxes.map((b) => `  ${b.name}: min ${fmt(b.min)} q1 ${fmt(b.q1)} median ${fmt(b.median)} q3 ${fmt(b.q3)} max ${fmt(b.max)}`).join('\n')}`;
  if (spec.heatmap) return `${head}: ${spec.heatmap.ys.length} × ${spec.heatmap.xs.length} cells`;
  return head;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(4);
}

function chart(spec: ChartSpec): Displayable {
  return displayable(CHART_MIME, spec, chartText(spec));
}

export const charts = {
  line: (data: SeriesInput | readonly number[] | readonly (readonly [number, number])[], o: ChartOptions = {}) =>
    chart({ version: 1, kind: 'line', ...o, series: toSeries(data) }),
  scatter: (data: SeriesInput | readonly (readonly [number, number])[], o: ChartOptions = {}) =>
    chart({ version: 1, kind: 'scatter', ...o, series: toSeries(data) }),
  bar: (data: Readonly<Record<string, number>>, o: ChartOptions = {}) =>
    chart({ version: 1, kind: 'bar', ...o, bars: Object.entries(data).map(([label, value]) => ({ label, value })) }),
  histogram: (values: readonly number[], o: ChartOptions & { readonly bins?: number } = {}) =>
    chart({ version: 1, kind: 'histogram', ...o, bins: binValues(values, o.bins) }),
  heatmap: (heatmap: ChartSpec['heatmap'] & object, o: ChartOptions = {}) => chart({ version: 1, kind: 'heatmap', ...o, heatmap }),
  box: (groups: Readonly<Record<string, readonly number[]>>, o: ChartOptions = {}) =>
    chart({ version: 1, kind: 'box', ...o, boxes: Object.entries(groups).map(([name, xs]) => summarizeBox(name, xs)) }),
};

export function binValues(values: readonly number[], binCount?: number): { x0: number; x1: number; count: number }[] {
  const xs = values.filter((v) => Number.isFinite(v));
  if (xs.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of xs) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Sturges' rule by default: enough bins to show shape without noise for typical sample sizes.
  const n = Math.max(1, binCount ?? Math.ceil(Math.log2(xs.length) + 1));
  const width = max > min ? (max - min) / n : 1;
  const bins = Array.from({ length: n }, (_, i) => ({ x0: min + i * width, x1: min + (i + 1) * width, count: 0 }));
  for (const v of xs) {
    const i = Math.min(n - 1, Math.floor((v - min) / width));
    (bins[i] as { count: number }).count++;
  }
  return bins;
}

/** Quartiles by linear interpolation between order statistics (R's type 7, numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export function summarizeBox(name: string, values: readonly number[]): BoxSummary {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const q1 = quantile(s, 0.25);
  const q3 = quantile(s, 0.75);
  const iqr = q3 - q1;
  const lowFence = q1 - 1.5 * iqr;
  const highFence = q3 + 1.5 * iqr;
  const inside = s.filter((v) => v >= lowFence && v <= highFence);
  return {
    name,
    min: inside[0] ?? NaN,
    q1,
    median: quantile(s, 0.5),
    q3,
    max: inside[inside.length - 1] ?? NaN,
    outliers: s.filter((v) => v < lowFence || v > highFence),
    count: s.length,
  };
}

export function table(
  rows: readonly Readonly<Record<string, unknown>>[],
  o: { readonly title?: string; readonly columns?: readonly string[] } = {},
): Displayable {
  const keys: string[] = o.columns ? [...o.columns] : [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): string | number | boolean | null =>
    v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : JSON.stringify(v);
  const spec: TableSpec = {
    version: 1,
    ...(o.title ? { title: o.title } : {}),
    columns: keys.map((k) => ({ key: k, label: k, align: rows.every((r) => typeof r[k] === 'number' || r[k] == null) ? 'right' : 'left' })),
    rows: rows.map((r) => Object.fromEntries(keys.map((k) => [k, cell(r[k])]))),
  };
  const text = textTable(
    keys,
    spec.rows.map((r) => keys.map((k) => String(r[k] ?? ''))),
    { rule: true, trimEnd: false },
  );
  return displayable(TABLE_MIME, spec, text);
}

export function mermaid(source: string): Displayable {
  const spec: MermaidSpec = { version: 1, source };
  return displayable(MERMAID_MIME, spec, source);
}
