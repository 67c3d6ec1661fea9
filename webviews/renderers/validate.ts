/**
 * Checks output JSON before drawing: a renderer given something it cannot draw shows an error
 * box naming the problem instead of a blank. Pure.
 */
import type { ChartSpec, MermaidSpec, TableSpec } from '../../extension/protocol/outputs';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);

export function checkChart(v: unknown): Checked<ChartSpec> {
  if (!isObj(v)) return { ok: false, problem: 'the chart data is not a JSON object' };
  if (v['version'] !== 1)
    return { ok: false, problem: `unsupported chart version ${JSON.stringify(v['version'])} (this renderer draws version 1)` };
  const kind = v['kind'];
  switch (kind) {
    case 'line':
    case 'scatter': {
      const series = v['series'];
      if (!Array.isArray(series) || series.length === 0) return { ok: false, problem: `a ${kind} chart needs a non-empty 'series' list` };
      for (const s of series) {
        if (!isObj(s) || !Array.isArray(s['points'])) return { ok: false, problem: "each series needs a 'points' list of [x, y] pairs" };
        const bad = (s['points'] as unknown[]).findIndex((p) => !Array.isArray(p) || !isNum(p[0]) || !isNum(p[1]));
        if (bad !== -1) return { ok: false, problem: `series '${String(s['name'])}' point ${bad} is not a pair of numbers` };
      }
      break;
    }
    case 'bar':
      if (!Array.isArray(v['bars']) || !(v['bars'] as unknown[]).every((b) => isObj(b) && isNum(b['value'])))
        return { ok: false, problem: "a bar chart needs 'bars': [{label, value}]" };
      break;
    case 'histogram':
      if (
        !Array.isArray(v['bins']) ||
        !(v['bins'] as unknown[]).every((b) => isObj(b) && isNum(b['x0']) && isNum(b['x1']) && isNum(b['count']))
      )
        return { ok: false, problem: "a histogram needs 'bins': [{x0, x1, count}]" };
      break;
    case 'heatmap': {
      const h = v['heatmap'];
      if (!isObj(h) || !Array.isArray(h['xs']) || !Array.isArray(h['ys']) || !Array.isArray(h['values']))
        return { ok: false, problem: "a heat map needs 'heatmap': {xs, ys, values}" };
      const rows = h['values'] as unknown[];
      if (
        rows.length !== (h['ys'] as unknown[]).length ||
        !rows.every((r) => Array.isArray(r) && r.length === (h['xs'] as unknown[]).length)
      )
        return { ok: false, problem: 'heat map values must have one row per y and one column per x' };
      break;
    }
    case 'box':
      if (
        !Array.isArray(v['boxes']) ||
        !(v['boxes'] as unknown[]).every((b) => isObj(b) && ['min', 'q1', 'median', 'q3', 'max'].every((k) => isNum(b[k])))
      )
        return { ok: false, problem: "a box plot needs 'boxes': [{name, min, q1, median, q3, max, outliers}]" };
      break;
    default:
      return { ok: false, problem: `unknown chart kind ${JSON.stringify(kind)}` };
  }
  const refs = checkReferences(v);
  if (refs) return { ok: false, problem: refs };
  return { ok: true, value: v as unknown as ChartSpec };
}

/** Optional reference lines: 'markers' [{x, label}] and 'baselines' [{y, label}]; a problem or undefined. */
function checkReferences(v: Record<string, unknown>): string | undefined {
  for (const [field, axis] of [
    ['markers', 'x'],
    ['baselines', 'y'],
  ] as const) {
    const list = v[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `'${field}' must be a list of {${axis}, label}`;
    const bad = list.findIndex((m) => !isObj(m) || !isNum(m[axis]) || !Number.isFinite(m[axis]) || typeof m['label'] !== 'string');
    if (bad !== -1) return `'${field}' item ${bad} needs a finite number '${axis}' and a string 'label'`;
  }
  return undefined;
}

export function checkTable(v: unknown): Checked<TableSpec> {
  if (!isObj(v) || v['version'] !== 1) return { ok: false, problem: 'the table data is not a version 1 table' };
  if (!Array.isArray(v['columns']) || !Array.isArray(v['rows'])) return { ok: false, problem: "a table needs 'columns' and 'rows' lists" };
  return { ok: true, value: v as unknown as TableSpec };
}

export function checkMermaid(v: unknown): Checked<MermaidSpec> {
  if (!isObj(v) || v['version'] !== 1 || typeof v['source'] !== 'string')
    return { ok: false, problem: "a diagram needs {version: 1, source: '…'}" };
  return { ok: true, value: v as unknown as MermaidSpec };
}
