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
import { type Random } from '../../util/prng';
import { DEFAULT_BOUNDS, SimBoundError, type SimBounds } from './bounds';
import { nextIssueTime, type ClientSpec, type ClientState } from './client';
import { LocalClock } from './clock';
import { EventQueue } from './eventQueue';
import { type Fault, type ScheduledFault } from './faults';
import { type HistoryEvent, type HistoryType } from './history';
import { sampleLatencyMs } from './latency';
import { DEFAULT_LINK, linkKey, Network, type LinkConfig } from './network';
import { type ClientRequest, type ClientResponse, type NodeContext, type NodeHandlers, type NodeId, type NodeProgram } from './node';
import { deriveRandom } from './streams';
import { traceHash, type TraceEvent } from './trace';

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
  trace: TraceEvent[];
  history: HistoryEvent[];
  /** traceHash(trace), or '' when the trace was not recorded. */
  hash: string;
  endMs: number;
  eventCount: number;
  /** Each node's inspect() snapshot at the end (null for a node that is down). */
  nodeStates: Record<NodeId, unknown>;
  durable: Record<NodeId, D>;
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

const DELIVER = 0;
const TIMER = 1;
const FAULT = 2;
const ISSUE = 3;
const TIMEOUT = 4;

/** One monomorphic shape for every queued event keeps the heap fast. */
interface Item {
  at: number;
  seq: number;
  kind: number;
  to: NodeId;
  from: NodeId;
  /** msgId, timer generation or opId. */
  id: number;
  /** Incarnation for timers. */
  aux: number;
  payload: unknown;
  cause: number;
}

interface NodeRt<D> {
  id: NodeId;
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

class Simulation<D> {
  private now = 0;
  private events = 0;
  private cause = -1;
  private nextMsgId = 0;
  private nextOpId = 0;
  private nextTimerGen = 0;
  private nextProcess: number;
  private readonly bounds: SimBounds;
  private readonly queue: EventQueue<Item>;
  private readonly net: Network;
  private readonly nodes = new Map<NodeId, NodeRt<D>>();
  private readonly clients = new Map<string, ClientState>();
  private readonly linkRandom = new Map<string, Random>();
  private readonly trace: TraceEvent[] = [];
  private readonly history: HistoryEvent[] = [];
  private readonly tracing: boolean;

  constructor(private readonly o: SimOptions<D>) {
    this.bounds = { ...DEFAULT_BOUNDS, ...o.bounds };
    this.tracing = o.trace ?? true;
    this.queue = new EventQueue<Item>(this.bounds.maxQueueSize, () => ({ atMs: this.now, events: this.events }));
    this.net = new Network({ ...DEFAULT_LINK, ...o.network });
    for (const l of o.links ?? []) this.net.setLink(l.from, l.to, l.config);
    for (const id of o.nodes) this.nodes.set(id, this.makeNode(id));
    const clients = o.clients ?? [];
    clients.forEach((spec, i) => {
      if (this.nodes.has(spec.id)) throw new Error(`client id ${spec.id} collides with a node id`);
      this.clients.set(spec.id, { spec, process: i, next: 0, target: spec.target, openOpId: -1 });
    });
    this.nextProcess = clients.length;
  }

  run(): SimResult<D> {
    for (const f of this.o.faults ?? []) this.push(f.atMs, FAULT, '', '', 0, 0, f.fault);
    for (const n of this.nodes.values()) {
      this.record({ i: 0, t: 0, k: 'start', node: n.id });
      n.up = true;
      n.handlers = this.invoke(n, () => this.o.program.create(n.ctx));
      this.invoke(n, () => n.handlers?.onStart?.());
    }
    this.cause = -1;
    for (const c of this.clients.values()) this.scheduleIssue(c, true);
    this.loop();
    const nodeStates: Record<NodeId, unknown> = {};
    const durable: Record<NodeId, D> = {};
    for (const n of this.nodes.values()) {
      nodeStates[n.id] = n.up ? (n.handlers?.inspect?.() ?? {}) : null;
      durable[n.id] = n.durable;
    }
    return {
      seed: this.o.seed,
      trace: this.trace,
      history: this.history,
      hash: this.tracing ? traceHash(this.trace) : '',
      endMs: this.now,
      eventCount: this.events,
      nodeStates,
      durable,
    };
  }

  private loop(): void {
    const stopAt = this.o.stopAtMs ?? Infinity;
    const { maxEvents, maxTimeMs } = this.bounds;
    for (;;) {
      const item = this.queue.peek();
      if (item === undefined || item.at > stopAt) break;
      if (item.at > maxTimeMs) throw new SimBoundError('time', maxTimeMs, this.now, this.events);
      if (this.events >= maxEvents) throw new SimBoundError('events', maxEvents, this.now, this.events);
      this.queue.pop();
      this.now = item.at;
      this.events++;
      switch (item.kind) {
        case DELIVER:
          this.deliver(item);
          break;
        case TIMER:
          this.fireTimer(item);
          break;
        case FAULT:
          this.applyFault(item.payload as Fault);
          break;
        case ISSUE:
          this.issue(item.to);
          break;
        case TIMEOUT:
          this.timeout(item.to, item.id);
          break;
      }
      this.cause = -1;
    }
  }

  private push(at: number, kind: number, to: NodeId, from: NodeId, id: number, aux: number, payload: unknown): void {
    this.queue.push({ at, seq: 0, kind, to, from, id, aux, payload, cause: this.cause });
  }

  private record(e: TraceEvent): number {
    if (!this.tracing) return -1;
    e.i = this.trace.length;
    this.trace.push(e);
    return e.i;
  }

  // ---- nodes ----

  private makeNode(id: NodeId): NodeRt<D> {
    const cluster = this.o.nodes;
    const rt = {
      id,
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
      send: (to, msg) => this.transmit(id, to, msg),
      setTimer: (name, delayMs) => {
        const gen = ++this.nextTimerGen;
        rt.timers.set(name, gen);
        this.push(this.now + rt.clock.toVirtualDelay(Math.max(0, delayMs)), TIMER, id, id, gen, rt.incarnation, name);
      },
      cancelTimer: (name) => void rt.timers.delete(name),
      note: (label, data) => {
        const e: TraceEvent = { i: 0, t: this.now, k: 'note', cause: this.cause, node: id, label };
        if (data !== undefined) e.data = data;
        this.record(e);
      },
    };
    return rt;
  }

  private invoke<T>(n: NodeRt<D>, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof SimBoundError || e instanceof SimNodeError) throw e;
      throw new SimNodeError(n.id, this.now, e);
    }
  }

  private fireTimer(item: Item): void {
    const n = this.nodes.get(item.to);
    if (n === undefined || !n.up || n.incarnation !== item.aux || n.timers.get(item.payload as string) !== item.id) return;
    if (n.pausedUntil > this.now) {
      this.push(n.pausedUntil, TIMER, item.to, item.from, item.id, item.aux, item.payload);
      return;
    }
    const name = item.payload as string;
    n.timers.delete(name);
    this.cause = this.record({ i: 0, t: this.now, k: 'timer', cause: item.cause, node: n.id, name });
    this.invoke(n, () => n.handlers?.onTimer?.(name));
  }

  // ---- network ----

  private linkRng(from: NodeId, to: NodeId): Random {
    const key = linkKey(from, to);
    let r = this.linkRandom.get(key);
    if (r === undefined) {
      r = deriveRandom(this.o.seed, `net:${key}`);
      this.linkRandom.set(key, r);
    }
    return r;
  }

  private transmit(from: NodeId, to: NodeId, msg: unknown): void {
    if (!this.nodes.has(to) && !this.clients.has(to)) throw new Error(`send from ${from} to unknown endpoint ${to}`);
    const msgId = this.nextMsgId++;
    const sendIdx = this.record({ i: 0, t: this.now, k: 'send', cause: this.cause, from, to, msgId, msg });
    const cfg = this.net.config(from, to);
    const rng = this.linkRng(from, to);
    const uLoss = rng.next();
    const uLat = rng.next();
    const uReorder = rng.next();
    const uReorderDelay = rng.next();
    const uDup = rng.next();
    const uDupLat = rng.next();
    if (uLoss < cfg.lossProbability) {
      this.record({ i: 0, t: this.now, k: 'drop', cause: sendIdx, from, to, msgId, reason: 'loss' });
      return;
    }
    let lat = sampleLatencyMs(cfg.latency, uLat);
    if (uReorder < cfg.reorderProbability) lat += uReorderDelay * cfg.reorderDelayMsMax;
    const saved = this.cause;
    this.cause = sendIdx;
    this.push(this.now + lat, DELIVER, to, from, msgId, 0, msg);
    if (uDup < cfg.duplicateProbability) {
      this.record({ i: 0, t: this.now, k: 'duplicate', cause: sendIdx, msgId });
      this.push(this.now + sampleLatencyMs(cfg.latency, uDupLat), DELIVER, to, from, msgId, 0, msg);
    }
    this.cause = saved;
  }

  private deliver(item: Item): void {
    const { from, to, id: msgId } = item;
    if (this.net.isBlocked(from, to)) {
      this.record({ i: 0, t: this.now, k: 'drop', cause: item.cause, from, to, msgId, reason: 'partition' });
      return;
    }
    const n = this.nodes.get(to);
    if (n !== undefined) {
      if (!n.up) {
        this.record({ i: 0, t: this.now, k: 'drop', cause: item.cause, from, to, msgId, reason: 'down' });
        return;
      }
      if (n.pausedUntil > this.now) {
        // Keep the original cause; the re-queued delivery keeps arrival order among paused events.
        this.queue.push({ ...item, at: n.pausedUntil });
        return;
      }
      this.cause = this.record({ i: 0, t: this.now, k: 'deliver', cause: item.cause, from, to, msgId });
      this.invoke(n, () => n.handlers?.onMessage(item.payload, from));
      return;
    }
    this.cause = this.record({ i: 0, t: this.now, k: 'deliver', cause: item.cause, from, to, msgId });
    const c = this.clients.get(to);
    if (c !== undefined) this.clientResponse(c, item.payload as ClientResponse);
  }

  // ---- faults ----

  private applyFault(f: Fault): void {
    this.cause = this.record({ i: 0, t: this.now, k: 'fault', fault: f });
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
    const n = this.nodes.get(id);
    if (n === undefined) throw new Error(`fault names unknown node ${id}`);
    return n;
  }

  // ---- clients ----

  private scheduleIssue(c: ClientState, first: boolean): void {
    const at = nextIssueTime(c, this.now, first);
    if (at !== undefined) this.push(at, ISSUE, c.spec.id, '', 0, 0, null);
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
    const idx = this.record({ i: 0, t: this.now, k: 'history', cause: this.cause, event: e });
    if (type === 'invoke') this.cause = idx;
  }

  private issue(clientId: string): void {
    const c = this.clients.get(clientId);
    const op = c?.spec.ops[c.next];
    if (c === undefined || op === undefined) return;
    const opId = this.nextOpId++;
    c.openOpId = opId;
    this.historyEvent(c, 'invoke', opId, op.value ?? null);
    const req: ClientRequest = { type: 'client-req', opId, f: op.f };
    if (op.key !== undefined) req.key = op.key;
    if (op.value !== undefined) req.value = op.value;
    this.transmit(clientId, op.target ?? c.target, req);
    this.push(this.now + c.spec.timeoutMs, TIMEOUT, clientId, '', opId, 0, null);
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

  private timeout(clientId: string, opId: number): void {
    const c = this.clients.get(clientId);
    if (c === undefined || c.openOpId !== opId) return;
    this.complete(c, 'info', c.spec.ops[c.next]?.value ?? null, 'timeout');
  }
}
