/**
 * Fault intervals for drawing: when each node was down (crash → restart) or paused, and when the
 * network was cut (a partition or blocked link → the next heal). Intervals still open at the end of
 * the trace end at endMs.
 */
import type { Fault } from '../../sim/core/faults';
import { K_FAULT, type TraceColumns } from '../../sim/core/traceColumns';
import { describeFault } from './describeFault';

export interface FaultInterval {
  kind: 'down' | 'paused' | 'cut';
  /** The node, or '' for network cuts. */
  node: string;
  startMs: number;
  endMs: number;
  startIdx: number;
  label: string;
}

export function faultIntervals(trace: TraceColumns, endMs: number): FaultInterval[] {
  const out: FaultInterval[] = [];
  const down = new Map<string, FaultInterval>();
  let cut: FaultInterval | undefined;
  for (let i = 0; i < trace.length; i++) {
    if (trace.kind[i] !== K_FAULT) continue;
    const f = trace.ref[i] as Fault;
    const e = { i, t: trace.t[i] as number };
    switch (f.kind) {
      case 'crash':
        if (!down.has(f.node)) {
          const iv: FaultInterval = { kind: 'down', node: f.node, startMs: e.t, endMs, startIdx: e.i, label: describeFault(f) };
          down.set(f.node, iv);
          out.push(iv);
        }
        break;
      case 'restart': {
        const iv = down.get(f.node);
        if (iv !== undefined) iv.endMs = e.t;
        down.delete(f.node);
        break;
      }
      case 'pause':
        if (!down.has(f.node))
          out.push({
            kind: 'paused',
            node: f.node,
            startMs: e.t,
            endMs: Math.min(endMs, e.t + f.durationMs),
            startIdx: e.i,
            label: describeFault(f),
          });
        break;
      case 'partition':
      case 'block':
        if (cut === undefined) {
          cut = { kind: 'cut', node: '', startMs: e.t, endMs, startIdx: e.i, label: describeFault(f) };
          out.push(cut);
        } else cut.label += `; ${describeFault(f)}`;
        break;
      case 'heal':
        if (cut !== undefined) cut.endMs = e.t;
        cut = undefined;
        break;
      default:
        break;
    }
  }
  return out;
}
