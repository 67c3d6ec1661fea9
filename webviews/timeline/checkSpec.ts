/** Validates a timeline output before drawing, naming the first problem found. */
import type { TimelineSpec } from '../../extension/protocol/timelineOutputs';

export function checkTimelineSpec(x: unknown): { ok: true; value: TimelineSpec } | { ok: false; problem: string } {
  if (typeof x !== 'object' || x === null) return { ok: false, problem: 'a timeline is a JSON object' };
  const s = x as Partial<TimelineSpec>;
  if (s.version !== 1) return { ok: false, problem: `unsupported timeline version ${String(s.version)}` };
  if (!Array.isArray(s.nodes) || !s.nodes.every((n) => typeof n === 'string'))
    return { ok: false, problem: 'nodes must be an array of node ids' };
  if (!Array.isArray(s.events)) return { ok: false, problem: 'events must be an array' };
  if (!Array.isArray(s.history)) return { ok: false, problem: 'history must be an array' };
  if (!Array.isArray(s.anomalies)) return { ok: false, problem: 'anomalies must be an array' };
  if (typeof s.hash !== 'string' || typeof s.scenario !== 'string' || typeof s.seed !== 'number')
    return { ok: false, problem: 'scenario, seed and hash are required' };
  for (let i = 0; i < s.events.length; i++) {
    const e = s.events[i] as { i?: unknown; t?: unknown; k?: unknown } | null;
    if (typeof e !== 'object' || e === null || e.i !== i || typeof e.t !== 'number' || typeof e.k !== 'string')
      return { ok: false, problem: `event ${i} is malformed` };
  }
  return { ok: true, value: s as TimelineSpec };
}
