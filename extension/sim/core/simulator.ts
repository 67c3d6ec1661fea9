/**
 * The deterministic simulator. A run is a pure function of its options (seed, nodes, program,
 * clients, fault schedule, network, bounds): the main loop pops one event at a time from a queue
 * ordered by (virtual time, insertion order), and every random decision comes from a named
 * sub-stream of the seed (see streams.ts). Same options → the same trace, byte for byte.
 *
 * Per message the link stream draws exactly six numbers (loss, latency, reorder?, reorder delay,
 * duplicate?, duplicate latency) whatever the link's configuration, so changing one link's loss
 * rate never shifts the latencies drawn for anything else.
 */
import { seedSfc32, sfc32Fill } from '../../util/prng';
import { DEFAULT_BOUNDS, SimBoundError, type SimBounds } from './bounds';
import { nextIssueTime, type ClientSpec, type ClientState } from './client';
import { LocalClock } from './clock';
import { EventQueue } from './eventQueue';
import { type Fault, type ScheduledFault } from './faults';
import { type HistoryEvent, type HistoryType } from './history';
import { sampleLatencyMs } from './latency';
import { DEFAULT_LINK, linkKey, Network, type LinkConfig } from './network';
import { type ClientRequest, type ClientResponse, type NodeContext, type NodeHandlers, type NodeId, type NodeProgram } from './node';
import { deriveRandom, deriveSeed } from './streams';
import { traceHash, traceHashOf, type TraceEvent } from './trace';
import * as traceColumns from './traceColumns';
import { TraceColumns } from './traceColumns';

export interface SimOptions<D> {
  seed: number;
  nodes: readonly NodeId[];
  program: NodeProgram<D>;
  clients?: readonly ClientSpec[];
  faults?: readonly ScheduledFault[];
  /** Defaults for every link (merged over DEFAULT_LINK). */
  network?: Partial<LinkConfig>;
  links?: readonly { from: NodeId; to: NodeId; config: Partial<LinkConfig> }[];
  bounds?: Partial<SimBounds>;
  /** The run ends normally when the next event is later than this; events left in the queue are discarded. */
  stopAtMs?: number;
  /** Record the trace (default true). Without it the run is faster and has no hash. */
  trace?: boolean;
}

export interface SimResult<D> {
  seed: number;
  /**
   * The trace as objects ([] when it was not recorded). Built from `traceColumns` the first time
   * it is read, then kept: a caller that only needs the columns (an encoder, a count) never pays
   * for an object per event.
   */
  trace: TraceEvent[];
  history: HistoryEvent[];
  /** traceHash(trace), or '' when the trace was not recorded. Computed the first time it is read, then kept. */
  hash: string;
  endMs: number;
  eventCount: number;
  /** Each node's inspect() snapshot at the end (null for a node that is down). */
  nodeStates: Record<NodeId, unknown>;
  durable: Record<NodeId, D>;
  /** The trace as recorded (null without a trace). Not enumerable, so JSON and copies of a result are unchanged. */
  readonly traceColumns: TraceColumns | null;
}

/** A node handler threw; wraps the error with where and when. */
export class SimNodeError extends Error {
  override readonly name = 'SimNodeError';
  constructor(
    readonly node: NodeId,
    readonly atMs: number,
    readonly original: unknown,
  ) {
    super(`node ${node} failed at ${atMs} ms: ${original instanceof Error ? original.message : String(original)}`);
  }
}

// Module-level copies of the trace kind codes: the hot path reads them per event, and under a
// CommonJS transform (tsx: the tests and benches) every read of an imported binding is a getter call.
const { K_DELIVER, K_DROP, K_DUPLICATE, K_FAULT, K_HISTORY, K_NOTE, K_SEND, K_START, K_TIMER, REASON_SHIFT } = traceColumns;
const REASON_LOSS = 0 * REASON_SHIFT;
const REASON_PARTITION = 1 * REASON_SHIFT;
const REASON_DOWN = 2 * REASON_SHIFT;

const DELIVER = 0;
const TIMER = 1;
const FAULT = 2;
const ISSUE = 3;
const TIMEOUT = 4;

interface NodeRt<D> {
  id: NodeId;
  index: number;
  durable: D;
  handlers: NodeHandlers | null;
  up: boolean;
  incarnation: number;
  pausedUntil: number;
  clock: LocalClock;
  timers: Map<string, number>;
  ctx: NodeContext<D>;
}

export function runSimulation<D>(o: SimOptions<D>): SimResult<D> {
  return new Simulation(o).run();
}

/**
 * Endpoints are numbered: server nodes 0..N-1 in `o.nodes` order, then clients. Queued events and
 * network links refer to endpoints by number; ids (strings) appear only at the node API boundary.
 * Trace events are only built when tracing is on, so a run without a trace allocates little more
 * than the messages and history the node code itself produces.
 */
class Simulation<D> {
  private now = 0;
  private events = 0;
  private cause = -1;
  private nextMsgId = 0;
  private nextOpId = 0;
  private nextTimerGen = 0;
  private nextProcess: number;
  private readonly bounds: SimBounds;
  private readonly queue: EventQueue;
  private readonly net: Network;
  private readonly ids: NodeId[];
  /** By endpoint number; undefined for clients. */
  private readonly nodes: (NodeRt<D> | undefined)[] = [];
  /** By endpoint number minus the node count. */
  private readonly clients: ClientState[] = [];
  private readonly endpointCount: number;
  /** One sfc32 stream per directed link (4 words each), seeded on first use. */
  private readonly linkState: Uint32Array;
  private readonly linkSeeded: Uint8Array;
  /** Scratch for one message's six draws. */
  private readonly draws = new Float64Array(6);
  private readonly trace: TraceColumns;
  private readonly history: HistoryEvent[] = [];
  private readonly tracing: boolean;

  constructor(private readonly o: SimOptions<D>) {
    this.bounds = { ...DEFAULT_BOUNDS, ...o.bounds };
    this.tracing = o.trace ?? true;
    this.queue = new EventQueue(this.bounds.maxQueueSize, () => ({ atMs: this.now, events: this.events }));
    const clients = o.clients ?? [];
    const nodeIds = new Set(o.nodes);
    for (const spec of clients) if (nodeIds.has(spec.id)) throw new Error(`client id ${spec.id} collides with a node id`);
    this.ids = [...o.nodes, ...clients.map((c) => c.id)];
    this.endpointCount = this.ids.length;
    this.trace = new TraceColumns(this.ids);
    this.net = new Network(this.ids, { ...DEFAULT_LINK, ...o.network });
    for (const l of o.links ?? []) this.net.setLink(l.from, l.to, l.config);
    this.linkState = new Uint32Array(4 * this.endpointCount * this.endpointCount);
    this.linkSeeded = new Uint8Array(this.endpointCount * this.endpointCount);
    o.nodes.forEach((id, i) => this.nodes.push(this.makeNode(id, i)));
    clients.forEach((spec, i) => this.clients.push({ spec, process: i, next: 0, target: spec.target, openOpId: -1 }));
    this.nextProcess = clients.length;
  }

  run(): SimResult<D> {
    for (const f of this.o.faults ?? []) this.push(f.atMs, FAULT, -1, -1, 0, 0, f.fault);
    for (const n of this.nodes) {
      if (n === undefined) continue;
      if (this.tracing) this.trace.push(K_START, 0, -1, n.index, 0, 0, null);
      n.up = true;
      n.handlers = this.invoke(n, () => this.o.program.create(n.ctx));
      this.invoke(n, () => n.handlers?.onStart?.());
    }
    this.cause = -1;
    for (const c of this.clients) this.scheduleIssue(c, true);
    this.loop();
    const nodeStates: Record<NodeId, unknown> = {};
    const durable: Record<NodeId, D> = {};
    for (const n of this.nodes) {
      if (n === undefined) continue;
      nodeStates[n.id] = n.up ? (n.handlers?.inspect?.() ?? {}) : null;
      durable[n.id] = n.durable;
    }
    return simResult(this.o.seed, this.tracing ? this.trace : null, this.history, this.now, this.events, nodeStates, durable);
  }

  private loop(): void {
    const stopAt = this.o.stopAtMs ?? Infinity;
    const { maxEvents, maxTimeMs } = this.bounds;
    const q = this.queue;
    while (q.size > 0) {
      const at = q.peekAt();
      if (at > stopAt) break;
      if (at > maxTimeMs) throw new SimBoundError('time', maxTimeMs, this.now, this.events);
      if (this.events >= maxEvents) throw new SimBoundError('events', maxEvents, this.now, this.events);
      q.pop();
      this.now = at;
      this.events++;
      switch (q.topKind) {
        case DELIVER:
          this.deliver(q.topTo, q.topFrom, q.topId, q.topPayload, q.topCause);
          break;
        case TIMER:
          this.fireTimer(q.topTo, q.topId, q.topAux, q.topPayload as string, q.topCause);
          break;
        case FAULT:
          this.applyFault(q.topPayload as Fault);
          break;
        case ISSUE:
          this.issue(q.topTo);
          break;
        case TIMEOUT:
          this.timeout(q.topTo, q.topId);
          break;
      }
      this.cause = -1;
    }
  }

  private push(at: number, kind: number, to: number, from: number, id: number, aux: number, payload: unknown): void {
    this.queue.push(at, kind, to, from, id, aux, payload, this.cause);
  }

  // ---- nodes ----

  private makeNode(id: NodeId, index: number): NodeRt<D> {
    const cluster = this.o.nodes;
    const rt = {
      id,
      index,
      durable: this.o.program.initDurable(id, cluster),
      handlers: null,
      up: false,
      incarnation: 0,
      pausedUntil: 0,
      clock: new LocalClock(),
      timers: new Map<string, number>(),
    } as unknown as NodeRt<D>;
    const random = deriveRandom(this.o.seed, `node:${id}`);
    rt.ctx = {
      id,
      cluster,
      durable: rt.durable,
      random,
      now: () => rt.clock.readAt(this.now),
      send: (to, msg) => this.transmit(index, to, msg),
      setTimer: (name, delayMs) => {
        const gen = ++this.nextTimerGen;
        rt.timers.set(name, gen);
        this.push(this.now + rt.clock.toVirtualDelay(Math.max(0, delayMs)), TIMER, index, index, gen, rt.incarnation, name);
      },
      cancelTimer: (name) => void rt.timers.delete(name),
      note: (label, data) => {
        if (!this.tracing) return;
        const i = this.trace.push(K_NOTE, this.now, this.cause, index, 0, 0, label);
        if (data !== undefined) this.trace.noteData.set(i, data);
      },
    };
    return rt;
  }

  private invoke<T>(n: NodeRt<D>, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw this.nodeError(n, e);
    }
  }

  private nodeError(n: NodeRt<D>, e: unknown): unknown {
    if (e instanceof SimBoundError || e instanceof SimNodeError) return e;
    return new SimNodeError(n.id, this.now, e);
  }

  private fireTimer(to: number, gen: number, incarnation: number, name: string, cause: number): void {
    const n = this.nodes[to];
    if (n === undefined || !n.up || n.incarnation !== incarnation || n.timers.get(name) !== gen) return;
    if (n.pausedUntil > this.now) {
      // Re-queued under the current (empty) cause, as the event it stands for is not handled yet.
      this.push(n.pausedUntil, TIMER, to, to, gen, incarnation, name);
      return;
    }
    n.timers.delete(name);
    if (this.tracing) this.cause = this.trace.push(K_TIMER, this.now, cause, to, 0, 0, name);
    const h = n.handlers;
    if (h === null || h.onTimer === undefined) return;
    try {
      h.onTimer(name);
    } catch (e) {
      throw this.nodeError(n, e);
    }
  }

  // ---- network ----

  private transmit(from: number, toId: NodeId, msg: unknown): void {
    const to = this.net.indexOf(toId);
    if (to < 0) throw new Error(`send from ${this.ids[from] ?? ''} to unknown endpoint ${toId}`);
    const msgId = this.nextMsgId++;
    const tracing = this.tracing;
    const sendIdx = tracing ? this.trace.push(K_SEND, this.now, this.cause, from, to, msgId, msg) : -1;
    const link = from * this.endpointCount + to;
    const cfg = this.net.configAt(link, from, to);
    // Six draws per message whatever the configuration (see the header comment).
    const st = this.linkState;
    const off = 4 * link;
    if (this.linkSeeded[link] === 0) {
      this.linkSeeded[link] = 1;
      seedSfc32(deriveSeed(this.o.seed, `net:${linkKey(this.ids[from] ?? '', toId)}`), st, off);
    }
    const u = this.draws;
    sfc32Fill(st, off, u, 6);
    const uLoss = u[0] as number;
    const uLat = u[1] as number;
    const uReorder = u[2] as number;
    const uReorderDelay = u[3] as number;
    const uDup = u[4] as number;
    const uDupLat = u[5] as number;
    if (uLoss < cfg.lossProbability) {
      if (tracing) this.trace.push(K_DROP, this.now, sendIdx, from, to + REASON_LOSS, msgId, null);
      return;
    }
    let lat = sampleLatencyMs(cfg.latency, uLat);
    if (uReorder < cfg.reorderProbability) lat += uReorderDelay * cfg.reorderDelayMsMax;
    this.queue.push(this.now + lat, DELIVER, to, from, msgId, 0, msg, sendIdx);
    if (uDup < cfg.duplicateProbability) {
      if (tracing) this.trace.push(K_DUPLICATE, this.now, sendIdx, 0, 0, msgId, null);
      this.queue.push(this.now + sampleLatencyMs(cfg.latency, uDupLat), DELIVER, to, from, msgId, 0, msg, sendIdx);
    }
  }

  private deliver(to: number, from: number, msgId: number, payload: unknown, cause: number): void {
    const tracing = this.tracing;
    if (this.net.isBlockedAt(from * this.endpointCount + to)) {
      if (tracing) this.trace.push(K_DROP, this.now, cause, from, to + REASON_PARTITION, msgId, null);
      return;
    }
    const n = this.nodes[to];
    if (n !== undefined) {
      if (!n.up) {
        if (tracing) this.trace.push(K_DROP, this.now, cause, from, to + REASON_DOWN, msgId, null);
        return;
      }
      if (n.pausedUntil > this.now) {
        // Keep the original cause; the re-queued delivery keeps arrival order among paused events.
        this.queue.push(n.pausedUntil, DELIVER, to, from, msgId, 0, payload, cause);
        return;
      }
      const fromId = this.ids[from] as NodeId;
      if (tracing) this.cause = this.trace.push(K_DELIVER, this.now, cause, from, to, msgId, null);
      const h = n.handlers;
      if (h === null) return;
      try {
        h.onMessage(payload, fromId);
      } catch (e) {
        throw this.nodeError(n, e);
      }
      return;
    }
    if (tracing) this.cause = this.trace.push(K_DELIVER, this.now, cause, from, to, msgId, null);
    const c = this.clients[to - this.nodes.length];
    if (c !== undefined) this.clientResponse(c, payload as ClientResponse);
  }

  // ---- faults ----

  private applyFault(f: Fault): void {
    if (this.tracing) this.cause = this.trace.push(K_FAULT, this.now, -1, 0, 0, 0, f);
    switch (f.kind) {
      case 'crash': {
        const n = this.node(f.node);
        if (!n.up) return;
        n.up = false;
        n.incarnation++;
        n.handlers = null;
        n.timers.clear();
        n.pausedUntil = 0;
        return;
      }
      case 'restart': {
        const n = this.node(f.node);
        if (n.up) return;
        n.up = true;
        n.handlers = this.invoke(n, () => this.o.program.create(n.ctx));
        this.invoke(n, () => n.handlers?.onRecover?.());
        return;
      }
      case 'pause': {
        const n = this.node(f.node);
        if (n.up) n.pausedUntil = Math.max(n.pausedUntil, this.now + f.durationMs);
        return;
      }
      case 'clock-offset':
        this.node(f.node).clock.step(this.now, f.deltaMs);
        return;
      case 'clock-drift':
        this.node(f.node).clock.setDrift(this.now, f.drift);
        return;
      case 'partition':
        this.net.partition(f.groups);
        return;
      case 'block':
        this.net.block(f.from, f.to);
        return;
      case 'heal':
        this.net.heal();
        return;
      case 'link':
        this.net.setLink(f.from, f.to, f.config);
        return;
    }
  }

  private node(id: NodeId): NodeRt<D> {
    const n = this.nodes[this.net.indexOf(id)];
    if (n === undefined) throw new Error(`fault names unknown node ${id}`);
    return n;
  }

  // ---- clients ----

  private clientIndex(c: ClientState): number {
    return this.net.indexOf(c.spec.id);
  }

  private scheduleIssue(c: ClientState, first: boolean): void {
    const at = nextIssueTime(c, this.now, first);
    if (at !== undefined) this.push(at, ISSUE, this.clientIndex(c), -1, 0, 0, null);
  }

  private historyEvent(c: ClientState, type: HistoryType, opId: number, value: unknown, error?: string): void {
    const op = c.spec.ops[c.next];
    if (op === undefined) return;
    const e: HistoryEvent = { type, opId, process: c.process, client: c.spec.id, f: op.f, timeMs: this.now };
    if (op.key !== undefined) e.key = op.key;
    e.value = value;
    if (type === 'invoke') {
      e.node = op.target ?? c.target;
      if (op.loc !== undefined) e.loc = op.loc;
    }
    if (error !== undefined) e.error = error;
    this.history.push(e);
    if (!this.tracing) return;
    const idx = this.trace.push(K_HISTORY, this.now, this.cause, 0, 0, 0, e);
    if (type === 'invoke') this.cause = idx;
  }

  private issue(client: number): void {
    const c = this.clients[client - this.nodes.length];
    const op = c?.spec.ops[c.next];
    if (c === undefined || op === undefined) return;
    const opId = this.nextOpId++;
    c.openOpId = opId;
    this.historyEvent(c, 'invoke', opId, op.value ?? null);
    const req: ClientRequest = { type: 'client-req', opId, f: op.f };
    if (op.key !== undefined) req.key = op.key;
    if (op.value !== undefined) req.value = op.value;
    this.transmit(client, op.target ?? c.target, req);
    this.push(this.now + c.spec.timeoutMs, TIMEOUT, client, -1, opId, 0, null);
  }

  private complete(c: ClientState, type: HistoryType, value: unknown, error?: string): void {
    this.historyEvent(c, type, c.openOpId, value, error);
    c.openOpId = -1;
    c.next++;
    if (type === 'info') c.process = this.nextProcess++;
    this.scheduleIssue(c, false);
  }

  private clientResponse(c: ClientState, r: ClientResponse): void {
    if (r.opId !== c.openOpId) return; // a late reply to an operation that already timed out
    if (r.redirect !== undefined) c.target = r.redirect;
    const op = c.spec.ops[c.next];
    const value = r.ok ? (op?.f === 'read' ? (r.value ?? null) : (r.value ?? op?.value ?? null)) : (op?.value ?? null);
    this.complete(c, r.ok ? 'ok' : r.unknown === true ? 'info' : 'fail', value, r.error);
  }

  private timeout(client: number, opId: number): void {
    const c = this.clients[client - this.nodes.length];
    if (c === undefined || c.openOpId !== opId) return;
    this.complete(c, 'info', c.spec.ops[c.next]?.value ?? null, 'timeout');
  }
}

/**
 * The result object, with `trace` and `hash` as enumerable properties computed on first read (so
 * JSON.stringify, spreads and structured clones of a result see plain values) and `traceColumns`
 * as a non-enumerable one.
 */
function simResult<D>(
  seed: number,
  columns: TraceColumns | null,
  history: HistoryEvent[],
  endMs: number,
  eventCount: number,
  nodeStates: Record<NodeId, unknown>,
  durable: Record<NodeId, D>,
): SimResult<D> {
  let trace: TraceEvent[] | undefined;
  let hash: string | undefined;
  const r = { seed } as SimResult<D>;
  Object.defineProperties(r, {
    trace: {
      enumerable: true,
      configurable: true,
      get: () => (trace ??= columns === null ? [] : columns.events()),
      set: (v: TraceEvent[]) => void (trace = v),
    },
    history: { enumerable: true, configurable: true, writable: true, value: history },
    hash: {
      enumerable: true,
      configurable: true,
      // From the objects when they were already built, else from the columns one event at a time.
      get: () =>
        (hash ??= columns === null ? '' : trace !== undefined ? traceHash(trace) : traceHashOf(columns.length, (i) => columns.event(i))),
      set: (v: string) => void (hash = v),
    },
    endMs: { enumerable: true, configurable: true, writable: true, value: endMs },
    eventCount: { enumerable: true, configurable: true, writable: true, value: eventCount },
    nodeStates: { enumerable: true, configurable: true, writable: true, value: nodeStates },
    durable: { enumerable: true, configurable: true, writable: true, value: durable },
    traceColumns: { enumerable: false, value: columns },
  });
  return r;
}
