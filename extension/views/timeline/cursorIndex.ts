/**
 * The stepper's cursor index: everything the stepper shows at an event (node states, the network's
 * cuts, clocks, recent notes, messages in flight, the source line behind the event) computed in
 * O(log n) per query from structures built once in O(n):
 *  - fault-driven node state and network cuts: per-node change lists, binary-searched by event;
 *  - notes: per-node lists of event indices, binary-searched;
 *  - messages in flight: a checkpoint of the in-flight set every CHECKPOINT_EVERY events plus the
 *    sends, deliveries and drops since it (a constant bound, independent of the trace's length).
 * `naiveCursorState` replays the trace from the start instead; tests check the two agree and the
 * stepper benchmark uses it as the reference.
 */
import type { SourceLoc } from '../../sim/core/node';
import type { Fault } from '../../sim/core/faults';
import type { TraceEvent } from '../../sim/core/trace';
import { K_FAULT, K_NOTE, type TraceColumns } from '../../sim/core/traceColumns';
import { applyFaultTo, clockAt, cutOffFrom, initialNodeState, type NodeFaultState } from './nodeStates';
import { causeChain, locOfEvent, type MessageSpan, type TimelineModel } from './timelineModel';

export const CHECKPOINT_EVERY = 256;
/** The stepper lists at most this many messages in flight (the count is always exact). */
export const IN_FLIGHT_SHOWN_MAX = 200;
const NOTES_SHOWN = 3;

export interface NodeView {
  id: string;
  up: boolean;
  paused: boolean;
  pausedUntilMs?: number;
  cutOffFrom: string[];
  clockMs: number;
  clockOffsetMs: number;
  drift: number;
  /** Newest first. */
  notes: { idx: number; label: string; data?: unknown }[];
}

export interface InFlightView {
  msgId: number;
  from: string;
  to: string;
  label: string;
  sendMs: number;
  /** When it will arrive (or be dropped); undefined if it never does within the trace. */
  endMs?: number;
  outcome: MessageSpan['outcome'];
}

export interface CursorState {
  index: number;
  timeMs: number;
  event: TraceEvent;
  nodes: NodeView[];
  inFlightCount: number;
  inFlight: InFlightView[];
  /** The client operation this event belongs to (walking `cause` back), or -1. */
  opId: number;
  loc?: SourceLoc;
  /** Indices of the event's cause chain, this event first. */
  chain: number[];
}

interface NodeChange {
  idx: number;
  state: NodeFaultState;
}

export interface CursorIndex {
  readonly model: TimelineModel;
  readonly nodeIds: readonly string[];
  stateAt(index: number): CursorState;
  /** The next / previous event that shows an anomaly, strictly after / before `index`. */
  nextAnomaly(index: number): number | undefined;
  prevAnomaly(index: number): number | undefined;
}

/** The last position in a sorted array whose value is ≤ x, or -1. */
export function lastAtOrBefore(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function buildCursorIndex(model: TimelineModel): CursorIndex {
  const { trace, spans } = model;
  const n = trace.length;
  const nodeIds = model.lanes.filter((l) => l.kind === 'node').map((l) => l.id);
  const live = new Map<string, NodeFaultState>(nodeIds.map((id) => [id, initialNodeState()]));
  const changes = new Map<string, NodeChange[]>(nodeIds.map((id) => [id, [{ idx: -1, state: initialNodeState() }]]));
  const blocked = new Set<string>();
  const netChanges: { idx: number; blocked: string[] }[] = [{ idx: -1, blocked: [] }];
  const notes = new Map<string, number[]>(nodeIds.map((id) => [id, []]));
  // spanStart[i] = first span whose send is at event ≥ i; spans sent at i are [spanStart[i], spanStart[i+1]).
  const spanStart = new Int32Array(n + 1);
  const checkpoints: Int32Array[] = [];
  const inFlight = new Set<number>();
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (i % CHECKPOINT_EVERY === 0) checkpoints.push(Int32Array.from(inFlight));
    while (s < spans.length && (spans[s] as MessageSpan).sendIdx < i) s++;
    spanStart[i] = s;
    const k = trace.kind[i];
    applyMessages(i);
    if (k === K_FAULT) {
      const changed = applyFaultTo(live, blocked, trace.ref[i] as Fault, trace.t[i] as number);
      if (changed === '') netChanges.push({ idx: i, blocked: [...blocked].sort() });
      else {
        let list = changes.get(changed);
        if (list === undefined) changes.set(changed, (list = [{ idx: -1, state: initialNodeState() }]));
        list.push({ idx: i, state: { ...(live.get(changed) as NodeFaultState) } });
      }
    } else if (k === K_NOTE) notes.get(trace.endpoints[trace.a[i] as number] as string)?.push(i);
  }
  spanStart[n] = spans.length;

  function applyMessages(i: number): void {
    for (let k = spanStart[i] as number; k < spans.length && (spans[k] as MessageSpan).sendIdx === i; k++) {
      if ((spans[k] as MessageSpan).endIdx !== i) inFlight.add(k);
    }
    const ended = model.spanAt[i] as number;
    if (ended >= 0 && (spans[ended] as MessageSpan).endIdx === i) inFlight.delete(ended);
  }

  const changeIdx = new Map<string, Int32Array>([...changes].map(([id, list]) => [id, Int32Array.from(list, (c) => c.idx)]));
  const netIdx = Int32Array.from(netChanges, (c) => c.idx);
  const anomalyIdx = Int32Array.from(model.anomalies, (a) => a.eventIdx);

  function inFlightAt(index: number): number[] {
    const cp = Math.floor(index / CHECKPOINT_EVERY);
    const set = new Set<number>(checkpoints[cp] ?? []);
    for (let i = cp * CHECKPOINT_EVERY; i <= index; i++) {
      for (let k = spanStart[i] as number; k < spans.length && (spans[k] as MessageSpan).sendIdx === i; k++) {
        if ((spans[k] as MessageSpan).endIdx !== i) set.add(k);
      }
      const ended = model.spanAt[i] as number;
      if (ended >= 0 && (spans[ended] as MessageSpan).endIdx === i) set.delete(ended);
    }
    return [...set].sort((a, b) => a - b);
  }

  return {
    model,
    nodeIds,
    stateAt(index: number): CursorState {
      const i = Math.max(0, Math.min(n - 1, Math.floor(index)));
      const t = trace.t[i] as number;
      const net = netChanges[lastAtOrBefore(netIdx, i)]?.blocked ?? [];
      const nodes = nodeIds.map((id) => {
        const list = changes.get(id) as NodeChange[];
        const st = (list[lastAtOrBefore(changeIdx.get(id) as Int32Array, i)] as NodeChange).state;
        const nl = notes.get(id) ?? [];
        const last = lastAtOrBefore(nl, i);
        const shown = [];
        for (let k = last; k >= 0 && shown.length < NOTES_SHOWN; k--) shown.push(nl[k] as number);
        return nodeView(id, st, t, net, shown, trace);
      });
      const flying = inFlightAt(i);
      return cursorState(model, i, nodes, flying);
    },
    nextAnomaly(index) {
      const k = lastAtOrBefore(anomalyIdx, index) + 1;
      return k < anomalyIdx.length ? anomalyIdx[k] : undefined;
    },
    prevAnomaly(index) {
      const k = lastAtOrBefore(anomalyIdx, index - 1);
      return k >= 0 ? anomalyIdx[k] : undefined;
    },
  };
}

function nodeView(id: string, st: NodeFaultState, t: number, blocked: readonly string[], noteIdx: number[], trace: TraceColumns): NodeView {
  const clockMs = clockAt(st, t);
  const v: NodeView = {
    id,
    up: st.up,
    paused: st.up && st.pausedUntilMs > t,
    cutOffFrom: cutOffFrom(blocked, id),
    clockMs,
    clockOffsetMs: clockMs - t,
    drift: st.drift,
    notes: noteIdx.map((k) => {
      const label = trace.ref[k] as string;
      const data = trace.noteData.get(k);
      return data === undefined ? { idx: k, label } : { idx: k, label, data };
    }),
  };
  if (v.paused) v.pausedUntilMs = st.pausedUntilMs;
  return v;
}

function cursorState(model: TimelineModel, i: number, nodes: NodeView[], flying: number[]): CursorState {
  const lanes = model.lanes;
  const inFlight = flying.slice(0, IN_FLIGHT_SHOWN_MAX).map((k) => {
    const sp = model.spans[k] as MessageSpan;
    const v: InFlightView = {
      msgId: sp.msgId,
      from: lanes[sp.fromLane]?.id ?? '?',
      to: lanes[sp.toLane]?.id ?? '?',
      label: sp.label,
      sendMs: sp.sendMs,
      outcome: sp.outcome,
    };
    if (sp.endIdx >= 0) v.endMs = sp.endMs;
    return v;
  });
  // The one event object a cursor move makes: the event the stepper shows.
  const e: TraceEvent = model.trace.event(i);
  const st: CursorState = {
    index: i,
    timeMs: e.t,
    event: e,
    nodes,
    inFlightCount: flying.length,
    inFlight,
    opId: model.rootOp[i] as number,
    chain: causeChain(model.trace, i),
  };
  const loc = locOfEvent(model, i);
  if (loc !== undefined) st.loc = loc;
  return st;
}

/** The same state by replaying events 0..index with no index: the reference for tests and benchmarks. */
export function naiveCursorState(model: TimelineModel, index: number): CursorState {
  const { trace } = model;
  const i = Math.max(0, Math.min(trace.length - 1, Math.floor(index)));
  const nodeIds = model.lanes.filter((l) => l.kind === 'node').map((l) => l.id);
  const live = new Map<string, NodeFaultState>(nodeIds.map((id) => [id, initialNodeState()]));
  const blocked = new Set<string>();
  const notes = new Map<string, number[]>(nodeIds.map((id) => [id, []]));
  // Replays event objects, as a viewer without the columns would.
  for (let k = 0; k <= i; k++) {
    const e = trace.event(k);
    if (e.k === 'fault') applyFaultTo(live, blocked, e.fault, e.t);
    else if (e.k === 'note') notes.get(e.node)?.push(k);
  }
  const t = trace.t[i] as number;
  const net = [...blocked].sort();
  const nodes = nodeIds.map((id) =>
    nodeView(id, live.get(id) ?? initialNodeState(), t, net, (notes.get(id) ?? []).slice(-NOTES_SHOWN).reverse(), trace),
  );
  // A span is in flight from its send until its delivery or drop; a linear scan, no index.
  const flying: number[] = [];
  model.spans.forEach((sp, k) => {
    if (sp.sendIdx <= i && (sp.endIdx > i || sp.endIdx < 0)) flying.push(k);
  });
  return cursorState(model, i, nodes, flying);
}
