/** Checks perf outputs before drawing, so bad JSON shows an error box naming the problem. Pure. */
import type { BenchSpec, CompareSpec, UseDashboardSpec } from '../../extension/protocol/perfOutputs';
import { checkChart, type Checked } from '../renderers/validate';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const STATES = ['ok', 'warning', 'saturated', 'not-available'];

export function checkUseDashboard(v: unknown): Checked<UseDashboardSpec> {
  if (!isObj(v) || v['version'] !== 1) return { ok: false, problem: 'the USE dashboard data is not a version 1 object' };
  if (!['sampling', 'final', 'stopped'].includes(v['status'] as string))
    return { ok: false, problem: `unknown status ${JSON.stringify(v['status'])}` };
  if (!Array.isArray(v['rows'])) return { ok: false, problem: "a USE dashboard needs a 'rows' list" };
  for (const [i, r] of (v['rows'] as unknown[]).entries()) {
    if (!isObj(r) || typeof r['name'] !== 'string') return { ok: false, problem: `row ${i} needs a resource name` };
    for (const col of ['utilization', 'saturation', 'errors']) {
      const c = r[col];
      if (!isObj(c) || !STATES.includes(c['state'] as string) || typeof c['text'] !== 'string' || !Array.isArray(c['history']))
        return { ok: false, problem: `row '${r['name']}' ${col} needs {state, text, evidence, history}` };
    }
  }
  return { ok: true, value: v as unknown as UseDashboardSpec };
}

export function checkBench(v: unknown): Checked<BenchSpec> {
  if (!isObj(v) || v['version'] !== 1 || typeof v['name'] !== 'string')
    return { ok: false, problem: 'the benchmark data is not a version 1 result' };
  if (!isObj(v['summary'])) return { ok: false, problem: "a benchmark result needs a 'summary'" };
  const h = checkChart(v['histogram']);
  if (!h.ok) return { ok: false, problem: `histogram: ${h.problem}` };
  return { ok: true, value: v as unknown as BenchSpec };
}

export function checkCompare(v: unknown): Checked<CompareSpec> {
  if (!isObj(v) || v['version'] !== 1) return { ok: false, problem: 'the comparison data is not a version 1 verdict' };
  if (!['faster', 'slower', 'no significant difference'].includes(v['verdict'] as string))
    return { ok: false, problem: `unknown verdict ${JSON.stringify(v['verdict'])}` };
  const b = checkChart(v['box']);
  if (!b.ok) return { ok: false, problem: `box plot: ${b.problem}` };
  return { ok: true, value: v as unknown as CompareSpec };
}
