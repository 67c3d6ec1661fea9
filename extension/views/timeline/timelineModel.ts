/**
 * The timeline model: a trace turned into what a quorum-timeline view draws and a stepper walks.
 * Lanes (one per node, then one per client), message spans (send → delivery or drop), operation
 * spans (invoke → completion) with the acknowledgements that formed their quorum, and the
 * checker's anomalies pinned to the operations and events that show them.
 *
 * Pure and index-based (typed arrays where there is one entry per event), so it can be built in
 * the extension host, in a webview, or in a benchmark from the same trace and always agrees. It
 * reads the trace as columns (TraceColumns: the simulator's own record, or a decoded run), never as
 * an object per event: a 100k-event run costs a few typed arrays plus one object per message and
 * per operation. An event object is made only for the one a view shows (`trace.event(i)`).
 */
import type { Anomaly } from '../../sim/checkers/anomaly';
import type { HistoryEvent } from '../../sim/core/history';
import type { SourceLoc } from '../../sim/core/node';
import type { TraceEvent } from '../../sim/core/trace';
import * as tc from '../../sim/core/traceColumns';
import { columnsFromEvents, type TraceColumns } from '../../sim/core/traceColumns';
import { deriveQuorums } from './quorum';

// Module-level copies: read per event in the build loop (see traceCodec.ts for why).
const { K_DELIVER, K_DROP, K_HISTORY, K_SEND, DROP_REASONS, REASON_SHIFT } = tc;

/** A run to model: its trace as columns (preferred) or as event objects (converted once). */
export type TimelineInput = {
  readonly nodes: readonly string[];
  readonly history: readonly HistoryEvent[];
  readonly anomalies: readonly Anomaly[];
} & ({ readonly columns: TraceColumns } | { readonly events: readonly TraceEvent[] });

export interface Lane {
  readonly id: string;
  readonly kind: 'node' | 'client';
}

export type SpanOutcome = 'deliver' | 'drop' | 'pending';

/** One message on the wire: from its send to one delivery (a duplicated message has two spans) or drop. */
export interface MessageSpan {
  readonly msgId: number;
  readonly sendIdx: number;
  readonly sendMs: number;
  /** The delivery or drop event; -1 while it is still in flight when the trace ends. */
  readonly endIdx: number;
  readonly endMs: number;
  readonly fromLane: number;
  readonly toLane: number;
  readonly outcome: SpanOutcome;
  readonly dropReason?: string;
  /** The message's `type` field when it has one (e.g. put, put-ack, client-req). */
  readonly label: string;
  /** The client operation whose causal tree this message belongs to, or -1. */
  readonly opId: number;
  /** True when this delivery is one of the acknowledgements that completed its operation's quorum. */
  quorum: boolean;
}

export interface OpSpan {
  readonly opId: number;
  readonly lane: number;
  readonly client: string;
  readonly process: number;
  readonly f: string;
  readonly key?: string;
  readonly input: unknown;
  output: unknown;
  status: 'ok' | 'fail' | 'info' | 'open';
  readonly invokeIdx: number;
  readonly invokeMs: number;
  /** Completion event (ok/fail/info); -1 while open. */
  completeIdx: number;
  /** Completion time, or the trace's end for an open operation (info ops end at their timeout). */
  endMs: number;
  readonly loc?: SourceLoc;
  /** The node that answered the client (the coordinator), when there was an answer. */
  coordinator?: string;
  /** Delivery event indices of the acknowledgements to the coordinator that preceded its answer. */
  quorumAcks: number[];
  /** Checker messages for anomalies this operation observed. */
  anomalies: string[];
}

export interface AnomalyMark {
  readonly anomaly: Anomaly;
  /** The event at which the anomaly became visible: the observing operation's completion (or invoke). */
  readonly eventIdx: number;
}

export interface TimelineModel {
  readonly lanes: readonly Lane[];
  readonly laneOf: ReadonlyMap<string, number>;
  /** The trace, one column entry per event; `trace.event(i)` makes event i's object when a view needs it. */
  readonly trace: TraceColumns;
  readonly endMs: number;
  /** In order of send (hence of time). */
  readonly spans: readonly MessageSpan[];
  readonly maxSpanMs: number;
  /** In order of invocation. */
  readonly ops: readonly OpSpan[];
  readonly maxOpMs: number;
  readonly opById: ReadonlyMap<number, OpSpan>;
  /** Per event: the opId at the root of its cause chain, or -1 (start-up, timers, faults). */
  readonly rootOp: Int32Array;
  /** Per event: the message span it starts or ends (deliver/drop → that span), or -1. */
  readonly spanAt: Int32Array;
  /** Anomalies in event order. */
  readonly anomalies: readonly AnomalyMark[];
}

function labelOf(msg: unknown): string {
  if (typeof msg === 'object' && msg !== null && typeof (msg as { type?: unknown }).type === 'string')
    return (msg as { type: string }).type;
  return typeof msg;
}

export function buildTimelineModel(input: TimelineInput): TimelineModel {
  const trace = 'columns' in input ? input.columns : columnsFromEvents(input.nodes, input.events);
  const { kind, t, cause, a, b, msgId, ref, endpoints } = trace;
  const lanes: Lane[] = input.nodes.map((id) => ({ id, kind: 'node' as const }));
  const laneOf = new Map<string, number>(lanes.map((l, i) => [l.id, i]));
  const laneFor = (id: string): number => {
    let l = laneOf.get(id);
    if (l === undefined) {
      l = lanes.length;
      lanes.push({ id, kind: input.nodes.includes(id) ? 'node' : 'client' });
      laneOf.set(id, l);
    }
    return l;
  };
  // Clients get lanes in the order they first appear in the history, after every node.
  for (const h of input.history) laneFor(h.client);
  // Endpoint number → lane, resolved on first use (in trace order, as lanes were always assigned).
  const laneOfEndpoint = new Int32Array(endpoints.length).fill(-1);
  const epLane = (ep: number): number => {
    let l = laneOfEndpoint[ep] as number;
    if (l < 0) laneOfEndpoint[ep] = l = laneFor(endpoints[ep] as string);
    return l;
  };

  const n = trace.length;
  const rootOp = new Int32Array(n).fill(-1);
  const spanAt = new Int32Array(n).fill(-1);
  const spans: MessageSpan[] = [];
  const ops: OpSpan[] = [];
  const opById = new Map<number, OpSpan>();
  /**
   * msgId → its send event, for pairing deliveries and drops (a duplicate shares the send). The
   * simulator numbers messages 0, 1, 2, … so a typed array indexed by msgId does it without a
   * map entry per message; ids outside that range (an imported trace) go to the map.
   */
  const sendOfDense = new Int32Array(n + 1).fill(-1);
  const endedDense = new Uint8Array(n + 1);
  const sendOfSparse = new Map<number, number>();
  const endedSparse = new Set<number>();
  const dense = (m: number): boolean => m >= 0 && m <= n && Number.isInteger(m);
  let maxSpanMs = 0;
  let maxOpMs = 0;
  const endMs = n > 0 ? (t[n - 1] as number) : 0;

  for (let i = 0; i < n; i++) {
    const k = kind[i] as number;
    const c = cause[i] as number;
    if (c >= 0 && c < i) rootOp[i] = rootOp[c] as number;
    switch (k) {
      case K_HISTORY: {
        const h = ref[i] as HistoryEvent;
        const ti = t[i] as number;
        if (h.type === 'invoke') {
          rootOp[i] = h.opId;
          const op: OpSpan = {
            opId: h.opId,
            lane: laneFor(h.client),
            client: h.client,
            process: h.process,
            f: h.f,
            input: h.value ?? null,
            output: undefined,
            status: 'open',
            invokeIdx: i,
            invokeMs: ti,
            completeIdx: -1,
            endMs,
            quorumAcks: [],
            anomalies: [],
          };
          if (h.key !== undefined) (op as { key?: string }).key = h.key;
          if (h.loc !== undefined) (op as { loc?: SourceLoc }).loc = h.loc;
          ops.push(op);
          opById.set(h.opId, op);
        } else {
          const op = opById.get(h.opId);
          if (op !== undefined) {
            op.status = h.type;
            op.output = h.value ?? null;
            op.completeIdx = i;
            op.endMs = ti;
            rootOp[i] = h.opId;
          }
        }
        break;
      }
      case K_SEND: {
        const m = msgId[i] as number;
        if (dense(m)) sendOfDense[m] = i;
        else sendOfSparse.set(m, i);
        epLane(a[i] as number);
        epLane(b[i] as number);
        break;
      }
      case K_DELIVER:
      case K_DROP: {
        const m = msgId[i] as number;
        let s: number;
        if (dense(m)) {
          s = sendOfDense[m] as number;
          if (s < 0) break;
          endedDense[m] = 1;
        } else {
          const found = sendOfSparse.get(m);
          if (found === undefined) break;
          s = found;
          endedSparse.add(m);
        }
        spanAt[i] = spans.length;
        const sendMs = t[s] as number;
        const ti = t[i] as number;
        if (ti - sendMs > maxSpanMs) maxSpanMs = ti - sendMs;
        const span: MessageSpan = {
          msgId: m,
          sendIdx: s,
          sendMs,
          endIdx: i,
          endMs: ti,
          fromLane: epLane(a[s] as number),
          toLane: epLane(b[s] as number),
          outcome: k === K_DROP ? 'drop' : 'deliver',
          label: labelOf(ref[s]),
          opId: rootOp[s] as number,
          quorum: false,
        };
        if (k === K_DROP)
          (span as { dropReason?: string }).dropReason = DROP_REASONS[Math.floor((b[i] as number) / REASON_SHIFT)] as string;
        spans.push(span);
        break;
      }
      default:
        break;
    }
  }
  // Messages still on the wire at the end of the trace (in send order; the sort below orders all spans).
  const pending = (m: number, s: number): void => {
    const sendMs = t[s] as number;
    if (endMs - sendMs > maxSpanMs) maxSpanMs = endMs - sendMs;
    spans.push({
      msgId: m,
      sendIdx: s,
      sendMs,
      endIdx: -1,
      endMs,
      fromLane: epLane(a[s] as number),
      toLane: epLane(b[s] as number),
      outcome: 'pending',
      label: labelOf(ref[s]),
      opId: rootOp[s] as number,
      quorum: false,
    });
  };
  for (let m = 0; m <= n; m++) if ((sendOfDense[m] as number) >= 0 && endedDense[m] === 0) pending(m, sendOfDense[m] as number);
  for (const [m, s] of sendOfSparse) if (!endedSparse.has(m)) pending(m, s);
  spans.sort((x, y) => x.sendIdx - y.sendIdx || x.endIdx - y.endIdx);
  for (let s = 0; s < spans.length; s++) {
    const sp = spans[s] as MessageSpan;
    if (sp.endIdx >= 0) spanAt[sp.endIdx] = s;
  }
  for (const op of ops) maxOpMs = Math.max(maxOpMs, op.endMs - op.invokeMs);

  deriveQuorums(trace, rootOp, spanAt, spans, ops, laneOf);

  const anomalies: AnomalyMark[] = input.anomalies.map((an) => {
    const op = an.opIds[0] === undefined ? undefined : opById.get(an.opIds[0]);
    if (op !== undefined) op.anomalies.push(an.message);
    const eventIdx = op !== undefined ? (op.completeIdx >= 0 ? op.completeIdx : op.invokeIdx) : firstEventAtOrAfter(trace, an.atMs);
    return { anomaly: an, eventIdx };
  });
  anomalies.sort((x, y) => x.eventIdx - y.eventIdx);

  return { lanes, laneOf, trace, endMs, spans, maxSpanMs, ops, maxOpMs, opById, rootOp, spanAt, anomalies };
}

/** Binary search: the first event with t ≥ ms (events are in time order); n when none. */
export function firstEventAtOrAfter(trace: TraceColumns, ms: number): number {
  let lo = 0;
  let hi = trace.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((trace.t[mid] as number) < ms) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, Math.max(0, trace.length - 1));
}

/** The source line behind an event: its client operation's `loc`, found by walking `cause` back. */
export function locOfEvent(model: TimelineModel, idx: number): SourceLoc | undefined {
  const opId = model.rootOp[idx];
  if (opId === undefined || opId < 0) return undefined;
  return model.opById.get(opId)?.loc;
}

/** The cause chain of an event, newest first, at most `limit` long. */
export function causeChain(trace: TraceColumns, idx: number, limit = 12): number[] {
  const out: number[] = [];
  let i = idx;
  while (i >= 0 && i < trace.length && out.length < limit) {
    out.push(i);
    i = trace.cause[i] as number;
  }
  return out;
}
