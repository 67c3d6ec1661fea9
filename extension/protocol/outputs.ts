/**
 * Rich cell outputs: one MIME type per kind, each carrying versioned JSON whose shape is
 * documented here (and in docs/outputs.md). Every output also carries a text/plain fallback so
 * a lab stays readable where our renderers are not installed. Shared by the SDK (which builds
 * them in the kernel worker), the CLI and the renderers (which draw them).
 */
export const MIME = {
  chart: 'application/vnd.ddia-labs.chart+json',
  table: 'application/vnd.ddia-labs.table+json',
  mermaid: 'application/vnd.ddia-labs.mermaid+json',
  /** A lab's "what you should see" line: shown as Markdown, checked by `ddia-labs run`. */
  claim: 'application/vnd.ddia-labs.claim+json',
} as const;

/** What the lab's prose says a cell shows, and whether this run showed it (sdk/claims.ts). */
export interface ClaimSpec {
  readonly version: 1;
  /** The claim in the lab's words, e.g. "the fixed cache's heap stays flat". */
  readonly text: string;
  readonly holds: boolean;
  /** The measured values behind the verdict, e.g. "leaky +7.6 MiB, fixed +0.2 MiB". */
  readonly detail?: string;
}

export type ChartKind = 'line' | 'scatter' | 'bar' | 'histogram' | 'heatmap' | 'box';

export interface Axis {
  readonly label?: string;
  readonly unit?: string;
  readonly scale?: 'linear' | 'log';
}

/** line and scatter: named series of [x, y] points. */
export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

/** bar: one value per category. */
export interface Bar {
  readonly label: string;
  readonly value: number;
}

/** histogram: bins computed by the SDK from raw values. */
export interface Bin {
  readonly x0: number;
  readonly x1: number;
  readonly count: number;
}

/** heatmap: values[row][column], rows along y, columns along x. */
export interface HeatMap {
  readonly xs: readonly (number | string)[];
  readonly ys: readonly (number | string)[];
  readonly values: readonly (readonly number[])[];
}

/** box plot: five-number summary per group (Tukey's 1.5 × IQR whiskers) and the outliers beyond them. */
export interface BoxSummary {
  readonly name: string;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  readonly outliers: readonly number[];
  readonly count: number;
}

export interface ChartSpec {
  readonly version: 1;
  readonly kind: ChartKind;
  readonly title?: string;
  readonly x?: Axis;
  readonly y?: Axis;
  readonly series?: readonly Series[];
  readonly bars?: readonly Bar[];
  readonly bins?: readonly Bin[];
  readonly heatmap?: HeatMap;
  readonly boxes?: readonly BoxSummary[];
  /** Optional vertical reference lines at x values (e.g. percentile markers on a histogram). */
  readonly markers?: readonly Marker[];
  /** Optional horizontal reference lines at y values (e.g. a saved baseline on a line chart). */
  readonly baselines?: readonly Baseline[];
}

/** A vertical line across the plot at `x`, labelled (histogram, line, scatter, heat map with numeric xs). */
export interface Marker {
  readonly x: number;
  readonly label: string;
}

/** A horizontal line across the plot at `y`, labelled (line, scatter, bar, box). */
export interface Baseline {
  readonly y: number;
  readonly label: string;
}

export interface TableSpec {
  readonly version: 1;
  readonly title?: string;
  readonly columns: readonly { readonly key: string; readonly label: string; readonly align?: 'left' | 'right' }[];
  readonly rows: readonly Readonly<Record<string, string | number | boolean | null>>[];
}

export interface MermaidSpec {
  readonly version: 1;
  readonly source: string;
}

/** One output as the kernel sends it: alternative representations, richest first. */
export interface OutputBundle {
  readonly items: readonly { readonly mime: string; readonly data: unknown }[];
  readonly text: string;
  /**
   * Optional: an output shown with the same displayId earlier in the same cell run is replaced
   * in place rather than appended (live dashboards, progress lines; Jupyter's display_id).
   */
  readonly displayId?: string;
}
