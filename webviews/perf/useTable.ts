/**
 * The USE dashboard as DOM: resources × utilization / saturation / errors, each cell with its
 * state (ok, warning, saturated, or "not available here"), the value, a sparkline of recent
 * values, and the evidence as a tooltip and as screen-reader text. Shared by the notebook
 * renderer (perf.use in a cell) and the USE dashboard panel, so both look the same.
 * Redrawing replaces the table in place; focus stays on the same cell across live updates.
 */
import type { UseCellSpec, UseDashboardSpec } from '../../extension/views/perf/perfOutputs';

const STATE_LABEL: Record<UseCellSpec['state'], string> = {
  ok: 'ok',
  warning: 'warning',
  saturated: 'saturated',
  'not-available': 'not available here',
};

/** SVG path of a sparkline through `values` (nulls break the line), in a w × h box. */
export function sparklinePath(values: readonly (number | null)[], w: number, h: number): string {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return '';
  const lo = Math.min(0, ...finite);
  const hi = Math.max(...finite);
  const span = hi > lo ? hi - lo : 1;
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    const x = values.length > 1 ? i * step : w / 2;
    const y = h - 1 - ((v - lo) / span) * (h - 2);
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  });
  return d;
}

function sparkline(values: readonly (number | null)[]): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'ddia-spark');
  svg.setAttribute('width', '80');
  svg.setAttribute('height', '18');
  svg.setAttribute('viewBox', '0 0 80 18');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', sparklinePath(values, 80, 18));
  svg.append(path);
  return svg;
}

function cell(spec: UseCellSpec, column: string, resource: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.className = `ddia-use-cell ddia-use-${spec.state}`;
  td.dataset['state'] = spec.state;
  td.tabIndex = -1;
  td.title = spec.evidence;
  const badge = document.createElement('span');
  badge.className = 'ddia-use-badge';
  badge.textContent = spec.state === 'not-available' ? 'n/a' : STATE_LABEL[spec.state];
  const value = document.createElement('span');
  value.className = 'ddia-use-value';
  value.textContent = spec.state === 'not-available' ? 'not available here' : spec.text;
  td.append(badge, value);
  if (spec.state !== 'not-available') td.append(sparkline(spec.history));
  const sr = document.createElement('span');
  sr.className = 'ddia-sr-only';
  sr.textContent = `${resource} ${column}: ${STATE_LABEL[spec.state]}. ${spec.evidence}`;
  td.append(sr);
  return td;
}

export function statusText(d: UseDashboardSpec): string {
  const count = d.plannedSamples !== undefined ? `${d.samples} of ${d.plannedSamples} samples` : `${d.samples} samples`;
  const every = `every ${d.intervalMs / 1000} s`;
  if (d.status === 'sampling')
    return d.samples === 0 ? `Starting: the first report comes after ${d.intervalMs / 1000} s…` : `Sampling ${every} · ${count}`;
  return `${d.status === 'final' ? 'Done' : 'Stopped'} · ${count} ${every} · ${d.platform}`;
}

/** Draws (or redraws) the dashboard into `element`. */
export function drawUseDashboard(element: HTMLElement, d: UseDashboardSpec, title = 'USE method'): void {
  // Keep keyboard focus on the same cell across live redraws.
  const focused = element.querySelector<HTMLTableCellElement>('td:focus');
  const focusKey = focused ? `${focused.parentElement?.dataset['resource']}|${focused.cellIndex}` : undefined;

  const root = document.createElement('section');
  root.className = 'ddia-use';
  root.dataset['status'] = d.status;
  root.dataset['samples'] = String(d.samples);
  const head = document.createElement('div');
  head.className = 'ddia-use-head';
  const h = document.createElement('strong');
  h.textContent = title;
  const status = document.createElement('span');
  status.className = 'ddia-use-status';
  status.setAttribute('role', 'status');
  status.textContent = statusText(d);
  head.append(h, status);
  root.append(head);

  const table = document.createElement('table');
  table.className = 'ddia-table ddia-use-table';
  const thead = table.createTHead().insertRow();
  for (const label of ['resource', 'utilization', 'saturation', 'errors']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    thead.append(th);
  }
  const body = table.createTBody();
  for (const r of d.rows) {
    const tr = body.insertRow();
    tr.dataset['resource'] = r.name;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = r.name;
    tr.append(th, cell(r.utilization, 'utilization', r.name), cell(r.saturation, 'saturation', r.name), cell(r.errors, 'errors', r.name));
  }
  root.append(table);
  const legend = document.createElement('div');
  legend.className = 'ddia-chart-caption';
  legend.textContent = 'Hover or focus a cell (arrow keys) for the evidence. Sparklines show the last minute.';
  root.append(legend);
  element.replaceChildren(root);

  // Arrow keys move between cells; the evidence is announced through the cell's text.
  table.tabIndex = 0;
  table.addEventListener('keydown', (e) => {
    const cells = [...table.querySelectorAll<HTMLTableCellElement>('tbody td')];
    if (cells.length === 0) return;
    const cur = document.activeElement instanceof HTMLTableCellElement ? cells.indexOf(document.activeElement) : -1;
    const delta = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 3, ArrowUp: -3 }[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    cells[Math.max(0, Math.min(cells.length - 1, cur < 0 ? 0 : cur + delta))]?.focus();
  });
  if (focusKey) {
    const [name, idx] = focusKey.split('|');
    const row = [...body.rows].find((tr) => tr.dataset['resource'] === name);
    (row?.cells[Number(idx)] as HTMLElement | undefined)?.focus();
  }
}

export const USE_CSS = `
.ddia-use { font-family: var(--vscode-font-family); color: var(--vscode-foreground); margin: 4px 0; }
.ddia-use-head { display: flex; gap: 12px; align-items: baseline; margin-bottom: 4px; }
.ddia-use-status { color: var(--vscode-descriptionForeground); font-size: 12px; }
.ddia-use-table td, .ddia-use-table th[scope=row] { vertical-align: middle; white-space: nowrap; }
.ddia-use-cell:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.ddia-use-badge { display: inline-block; min-width: 62px; text-align: center; font-size: 11px; padding: 0 4px; margin-right: 6px; border-radius: 2px;
  border: 1px solid currentColor; }
.ddia-use-ok .ddia-use-badge { color: var(--vscode-charts-green, #388a34); }
.ddia-use-warning .ddia-use-badge { color: var(--vscode-editorWarning-foreground, #bf8803); }
.ddia-use-saturated .ddia-use-badge { color: var(--vscode-errorForeground, #e51400); font-weight: 600; }
.ddia-use-saturated { background: color-mix(in srgb, var(--vscode-errorForeground, #e51400) 10%, transparent); }
.ddia-use-not-available .ddia-use-badge, .ddia-use-not-available .ddia-use-value { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); font-style: italic; }
.ddia-use-value { font-variant-numeric: tabular-nums; display: inline-block; min-width: 110px; }
.ddia-spark { vertical-align: middle; margin-left: 6px; }
.ddia-spark path { fill: none; stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 1.5; }
.ddia-use-warning .ddia-spark path { stroke: var(--vscode-editorWarning-foreground, #bf8803); }
.ddia-use-saturated .ddia-spark path { stroke: var(--vscode-errorForeground, #e51400); }
.ddia-reference-label { font-size: 10px; }
.ddia-bench { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
.ddia-bench-summary td:last-child { text-align: right; font-variant-numeric: tabular-nums; }
.ddia-verdict { font-size: 14px; font-weight: 600; margin: 4px 0; }
.ddia-verdict[data-verdict=slower] { color: var(--vscode-errorForeground, #e51400); }
.ddia-verdict[data-verdict=faster] { color: var(--vscode-charts-green, #388a34); }
.ddia-verdict-detail { color: var(--vscode-descriptionForeground); font-size: 12px; margin-bottom: 4px; }
`;
