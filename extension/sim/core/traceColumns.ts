/**
 * The simulator's trace as it is recorded: a struct of arrays, one slot per event, instead of one
 * object per event. A traced run of the benchmark workload records ~380k events; as objects they
 * were most of the run's allocation and garbage-collection work, and all of it was paid again when
 * the trace was hashed. Recording a slot is a handful of typed-array stores plus, for the kinds
 * that carry a value (message, fault, history event, timer name, note label), one reference.
 *
 * The object form (TraceEvent[], trace.ts) is built from the columns on demand by `events()`,
 * field for field and in the key order the simulator always used, so JSON.stringify of an event —
 * and so traceHash — is unchanged.
 *
 * Columns per event (endpoint numbers index `endpoints`, the run's nodes then its clients):
 *   kind   KIND_CODE of TraceEvent['k']
 *   t      virtual time, ms
 *   cause  the causing event's index, -1 for none (unused for start and fault)
 *   a      start/timer/note: the node; send/deliver/drop: from
 *   b      send/deliver/drop: to; drop: also the reason (high bits, see DROP_REASONS)
 *   msgId  send/deliver/drop/duplicate
 *   ref    send: msg; timer: name; fault: the Fault; history: the HistoryEvent; note: label
 * Note data, rare, lives in a map by event index (`noteData`).
 */
import type { Fault } from './faults';
import type { HistoryEvent } from './history';
import type { NodeId } from './node';
import type { TraceEvent, TraceKind } from './trace';

export const TRACE_KINDS: readonly TraceKind[] = ['start', 'send', 'deliver', 'drop', 'duplicate', 'timer', 'fault', 'history', 'note'];
export const K_START = 0;
export const K_SEND = 1;
export const K_DELIVER = 2;
export const K_DROP = 3;
export const K_DUPLICATE = 4;
export const K_TIMER = 5;
export const K_FAULT = 6;
export const K_HISTORY = 7;
export const K_NOTE = 8;

export type DropReason = Extract<TraceEvent, { k: 'drop' }>['reason'];
export const DROP_REASONS: readonly DropReason[] = ['loss', 'partition', 'down'];
/** `b` of a drop holds to + reason * REASON_SHIFT (endpoint counts stay far below it). */
export const REASON_SHIFT = 1 << 20;

export class TraceColumns {
  length = 0;
  kind = new Uint8Array(0);
  t = new Float64Array(0);
  cause = new Int32Array(0);
  a = new Int32Array(0);
  b = new Int32Array(0);
  msgId = new Float64Array(0);
  ref: unknown[] = [];
  readonly noteData = new Map<number, unknown>();
  private cap = 0;

  constructor(
    readonly endpoints: readonly NodeId[],
    initialCapacity = 1024,
  ) {
    if (endpoints.length >= REASON_SHIFT) throw new Error(`too many endpoints for a trace (${endpoints.length})`);
    this.grow(initialCapacity);
  }

  /** Append one event; returns its index. Fields a kind does not use are passed as 0 / null. */
  push(kind: number, t: number, cause: number, a: number, b: number, msgId: number, ref: unknown): number {
    const i = this.length;
    if (i === this.cap) this.grow(this.cap * 2);
    this.kind[i] = kind;
    this.t[i] = t;
    this.cause[i] = cause;
    this.a[i] = a;
    this.b[i] = b;
    this.msgId[i] = msgId;
    this.ref[i] = ref;
    this.length = i + 1;
    return i;
  }

  /** Event `i` as the object the trace format defines (a fresh object each call). */
  event(i: number): TraceEvent {
    const t = this.t[i] as number;
    const cause = this.cause[i] as number;
    const a = this.a[i] as number;
    const b = this.b[i] as number;
    const ids = this.endpoints;
    switch (this.kind[i]) {
      case K_START:
        return { i, t, k: 'start', node: ids[a] as NodeId };
      case K_SEND:
        return { i, t, k: 'send', cause, from: ids[a] as NodeId, to: ids[b] as NodeId, msgId: this.msgId[i] as number, msg: this.ref[i] };
      case K_DELIVER:
        return { i, t, k: 'deliver', cause, from: ids[a] as NodeId, to: ids[b] as NodeId, msgId: this.msgId[i] as number };
      case K_DROP: {
        const to = b % REASON_SHIFT;
        const reason = DROP_REASONS[(b - to) / REASON_SHIFT] as DropReason;
        return { i, t, k: 'drop', cause, from: ids[a] as NodeId, to: ids[to] as NodeId, msgId: this.msgId[i] as number, reason };
      }
      case K_DUPLICATE:
        return { i, t, k: 'duplicate', cause, msgId: this.msgId[i] as number };
      case K_TIMER:
        return { i, t, k: 'timer', cause, node: ids[a] as NodeId, name: this.ref[i] as string };
      case K_FAULT:
        return { i, t, k: 'fault', fault: this.ref[i] as Fault };
      case K_HISTORY:
        return { i, t, k: 'history', cause, event: this.ref[i] as HistoryEvent };
      case K_NOTE: {
        const e: TraceEvent = { i, t, k: 'note', cause, node: ids[a] as NodeId, label: this.ref[i] as string };
        if (this.noteData.has(i)) e.data = this.noteData.get(i);
        return e;
      }
      default:
        throw new Error(`trace column ${i} has unknown kind code ${String(this.kind[i])}`);
    }
  }

  /** Every event as objects, in order. */
  events(): TraceEvent[] {
    const out = new Array<TraceEvent>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.event(i);
    return out;
  }

  private grow(cap: number): void {
    const kind = new Uint8Array(cap);
    kind.set(this.kind);
    const t = new Float64Array(cap);
    t.set(this.t);
    const cause = new Int32Array(cap);
    cause.set(this.cause);
    const a = new Int32Array(cap);
    a.set(this.a);
    const b = new Int32Array(cap);
    b.set(this.b);
    const msgId = new Float64Array(cap);
    msgId.set(this.msgId);
    this.kind = kind;
    this.t = t;
    this.cause = cause;
    this.a = a;
    this.b = b;
    this.msgId = msgId;
    this.cap = cap;
  }
}

/**
 * The columns of an object trace (an imported file, a decoded one): endpoints are `nodes` first,
 * then every other id in the order the events first name it. Events must be numbered 0, 1, 2, …
 * (their `i`), as every trace the simulator writes is.
 */
export function columnsFromEvents(nodes: readonly NodeId[], events: readonly TraceEvent[]): TraceColumns {
  const endpoints = [...nodes];
  const index = new Map<NodeId, number>();
  endpoints.forEach((id, i) => {
    if (index.has(id)) throw new Error(`node ${id} is listed twice`);
    index.set(id, i);
  });
  const ep = (id: NodeId): number => {
    let n = index.get(id);
    if (n === undefined) {
      if (typeof id !== 'string') throw new Error(`a trace endpoint id must be a string, not ${typeof id}`);
      n = endpoints.length;
      endpoints.push(id);
      index.set(id, n);
    }
    return n;
  };
  // Endpoints first, so the columns are built with the full list.
  for (const e of events) {
    if (e.k === 'start' || e.k === 'timer' || e.k === 'note') ep(e.node);
    else if (e.k === 'send' || e.k === 'deliver' || e.k === 'drop') {
      ep(e.from);
      ep(e.to);
    }
  }
  const c = new TraceColumns(endpoints, Math.max(16, events.length));
  events.forEach((e, i) => {
    if (e.i !== i) throw new Error(`trace event ${i} has i = ${String(e.i)}; events must be numbered in order`);
    if (typeof e.t !== 'number') throw new Error(`trace event ${i} has no numeric time`);
    if ('cause' in e && !(Number.isInteger(e.cause) && e.cause >= -1 && e.cause < i)) {
      throw new Error(`trace event ${i} has cause ${String(e.cause)}; a cause is -1 or an earlier event's index`);
    }
    if ('msgId' in e && !Number.isSafeInteger(e.msgId)) throw new Error(`trace event ${i} has msgId ${String(e.msgId)}, not an integer`);
    switch (e.k) {
      case 'start':
        c.push(K_START, e.t, -1, ep(e.node), 0, 0, null);
        return;
      case 'send':
        c.push(K_SEND, e.t, e.cause, ep(e.from), ep(e.to), e.msgId, e.msg);
        return;
      case 'deliver':
        c.push(K_DELIVER, e.t, e.cause, ep(e.from), ep(e.to), e.msgId, null);
        return;
      case 'drop': {
        const reason = DROP_REASONS.indexOf(e.reason);
        if (reason < 0) throw new Error(`trace event ${i}: unknown drop reason ${String(e.reason)}`);
        c.push(K_DROP, e.t, e.cause, ep(e.from), ep(e.to) + reason * REASON_SHIFT, e.msgId, null);
        return;
      }
      case 'duplicate':
        c.push(K_DUPLICATE, e.t, e.cause, 0, 0, e.msgId, null);
        return;
      case 'timer':
        c.push(K_TIMER, e.t, e.cause, ep(e.node), 0, 0, e.name);
        return;
      case 'fault':
        c.push(K_FAULT, e.t, -1, 0, 0, 0, e.fault);
        return;
      case 'history':
        c.push(K_HISTORY, e.t, e.cause, 0, 0, 0, e.event);
        return;
      case 'note':
        c.push(K_NOTE, e.t, e.cause, ep(e.node), 0, 0, e.label);
        if ('data' in e) c.noteData.set(i, e.data);
        return;
      default:
        throw new Error(`trace event ${i} has unknown kind ${String((e as { k?: unknown }).k)}`);
    }
  });
  return c;
}
