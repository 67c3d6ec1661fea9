/**
 * USE reports over time → the dashboard the perf renderer and the USE panel draw: one row per
 * resource of the latest report, each cell with its state, a short value, the evidence (or
 * why it is not available here) and the recent values for a sparkline. Pure, so the SDK
 * (perf.use in a cell), the panel host and the tests build the same JSON.
 */
import { type UseCellSpec, type UseCellState, type UseDashboardSpec, type UseRowSpec } from '../../views/perf/perfOutputs';
import { type UseReport } from './computeUse';
import { isAvailable, type Metric, type UseState } from './metric';
import { type ResourceUse } from './resource';
import { textTable } from '../../util/textTable';

/** Sparklines show the last minute at one sample a second. */
export const DASHBOARD_HISTORY = 60;

const STATE: Record<UseState, UseCellState> = { ok: 'ok', warn: 'warning', bad: 'saturated' };

export function metricText(m: Metric): string {
  if (!isAvailable(m)) return 'n/a';
  if (m.unit === 'fraction') return `${(m.value * 100).toFixed(1)}%`;
  const v = Math.abs(m.value) >= 100 ? m.value.toFixed(0) : Number(m.value.toFixed(2)).toString();
  return `${v} ${m.unit}`;
}

function cell(m: Metric, history: (number | null)[]): UseCellSpec {
  return isAvailable(m)
    ? { state: STATE[m.state], text: metricText(m), evidence: m.evidence, history }
    : { state: 'not-available', text: 'n/a', evidence: m.notAvailable, history };
}

type Column = 'utilization' | 'saturation' | 'errors';

function historyOf(reports: readonly UseReport[], r: ResourceUse, column: Column): (number | null)[] {
  return reports.slice(-DASHBOARD_HISTORY).map((rep) => {
    const same = rep.resources.find((x) => x.kind === r.kind && x.name === r.name);
    const m = same?.[column];
    return m && isAvailable(m) ? m.value : null;
  });
}

export interface DashboardOptions {
  status: UseDashboardSpec['status'];
  intervalMs: number;
  platform: string;
  plannedSamples?: number;
}

/** The dashboard after `reports` (oldest first); with no report yet, an empty table that says it is starting. */
export function buildUseDashboard(reports: readonly UseReport[], o: DashboardOptions): UseDashboardSpec {
  const latest = reports[reports.length - 1];
  const rows: UseRowSpec[] = (latest?.resources ?? []).map((r) => ({
    kind: r.kind,
    name: r.name,
    utilization: cell(r.utilization, historyOf(reports, r, 'utilization')),
    saturation: cell(r.saturation, historyOf(reports, r, 'saturation')),
    errors: cell(r.errors, historyOf(reports, r, 'errors')),
  }));
  return {
    version: 1,
    status: o.status,
    intervalMs: o.intervalMs,
    samples: reports.length,
    ...(o.plannedSamples !== undefined ? { plannedSamples: o.plannedSamples } : {}),
    platform: o.platform,
    rows,
  };
}

const LABEL: Record<UseCellState, string> = { ok: 'ok', warning: 'WARNING', saturated: 'SATURATED', 'not-available': '' };

/** The dashboard as a plain-text table (text/plain fallback, CLI). */
export function dashboardText(d: UseDashboardSpec): string {
  const head = `USE dashboard (${d.status}, ${d.samples}${d.plannedSamples !== undefined ? `/${d.plannedSamples}` : ''} samples every ${d.intervalMs / 1000} s, ${d.platform})`;
  if (d.rows.length === 0) return `${head}\n  waiting for the first sample…`;
  const cellText = (c: UseCellSpec): string => (c.state === 'not-available' ? 'not available here' : `${c.text} ${LABEL[c.state]}`);
  const rows = d.rows.map((r) => [r.name, cellText(r.utilization), cellText(r.saturation), cellText(r.errors)]);
  const header = ['resource', 'utilization', 'saturation', 'errors'];
  return [head, textTable(header, rows)].join('\n');
}
