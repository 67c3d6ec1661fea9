/**
 * `sim` in the lab SDK: the deterministic cluster simulator of DDIA chapter 5, for cells and
 * exercises.
 *
 * Write a node as a class (or a factory function) with handlers — `onMessage(msg, from)`,
 * `onTimer(name)`, `onStart()`, `onRecover()` — that talk to the world only through the context
 * they are given (`ctx.send`, `ctx.setTimer`, `ctx.now()`, `ctx.durable`). Then build a cluster of
 * them with {@link runCluster}: pick the seed, the network, the faults and the client workload,
 * and get back a result with the operation history, the anomalies the checkers found and the full
 * trace, which `sim.timeline(result)` draws. The same seed always gives the same run.
 *
 * @example
 * ```ts
 * import { sim, display } from 'ddia-labs';
 *
 * class Echo implements sim.NodeHandlers {
 *   constructor(private ctx: sim.NodeContext<{}>) {}
 *   onMessage(msg: unknown, from: string) {
 *     if (sim.isClientRequest(msg)) sim.replyOk(this.ctx, from, msg.opId, msg.value);
 *   }
 * }
 * const result = sim.runCluster({ seed: 1, nodes: 3, node: Echo, workload: { clients: 2, opsPerClient: 5 } });
 * display(sim.timeline(result));
 * ```
 */
import { drawNemesis, type NemesisKind, type ScheduledFault } from '../sim/core/faults';
import { type ClientOp, type ClientSpec } from '../sim/core/client';
import { type HistoryEvent } from '../sim/core/history';
import { type LatencyDist } from '../sim/core/latency';
import { type LinkConfig } from '../sim/core/network';
import { type NodeContext, type NodeHandlers, type NodeId } from '../sim/core/node';
import { runSimulation, type SimResult } from '../sim/core/simulator';
import { deriveRandom } from '../sim/core/streams';
import { type SimBounds } from '../sim/core/bounds';
import { type Anomaly } from '../sim/checkers/anomaly';
import { checkHistoryLinearizable } from '../sim/checkers/historyLinearizable';
import { checkConsistentPrefix, checkMonotonicReads, checkReadYourWrites } from '../sim/checkers/sessionGuarantees';
import { checkLostWrites, checkStaleReads } from '../sim/checkers/staleReads';
import { scenarioResult } from '../sim/scenarios/result';
import { type ScenarioResult } from '../sim/scenarios/scenario';
import { drawRegisterWorkload } from '../sim/scenarios/workload';

export * from './simViews';

export type { NodeContext, NodeHandlers, NodeId, ClientRequest, ClientResponse, SourceLoc } from '../sim/core/node';
export { isClientRequest } from '../sim/core/node';
export type { Fault, ScheduledFault, NemesisKind } from '../sim/core/faults';
export type { ClientOp, ClientSpec } from '../sim/core/client';
export type { HistoryEvent, HistoryOp } from '../sim/core/history';
export { pairHistory } from '../sim/core/history';
export type { LatencyDist } from '../sim/core/latency';
export type { LinkConfig } from '../sim/core/network';
export type { TraceEvent } from '../sim/core/trace';
export { SimBoundError, type SimBounds } from '../sim/core/bounds';
export { SimNodeError } from '../sim/core/simulator';
export type { Anomaly, AnomalyKind } from '../sim/checkers/anomaly';
export type { ScenarioResult } from '../sim/scenarios/scenario';
export { listScenarios, runScenario, checkDeterminism } from '../sim/scenarios/registry';
export { replyOk, replyError, ringWalk, type Versioned, compareVersions } from '../sim/protocols/kv';
export { compareVv, mergeVv, type VersionVector, type VvOrder } from '../sim/protocols/versionVector';
export { assertEverySeed, sweepSeeds, replaySeed, SeedSweepError, type SweepOptions, type SweepResult } from '../sim/grading/seedSweep';
export { checkStaleReads, checkLostWrites, checkReadYourWrites, checkMonotonicReads, checkConsistentPrefix, checkHistoryLinearizable };

/** A node class (`new Node(ctx)`) or factory (`node(ctx)`) returning the node's handlers. */
export type NodeFactory<D> = (new (ctx: NodeContext<D>) => NodeHandlers) | ((ctx: NodeContext<D>) => NodeHandlers);

/** The history checkers {@link runCluster} can run, by name. */
export type CheckName = 'stale-reads' | 'lost-writes' | 'read-your-writes' | 'monotonic-reads' | 'consistent-prefix' | 'linearizable';

const CHECKERS: Record<CheckName, (h: readonly HistoryEvent[]) => Anomaly[]> = {
  'stale-reads': checkStaleReads,
  'lost-writes': checkLostWrites,
  'read-your-writes': checkReadYourWrites,
  'monotonic-reads': checkMonotonicReads,
  'consistent-prefix': checkConsistentPrefix,
  linearizable: (h) => checkHistoryLinearizable(h),
};

/** Run the named checkers over a history; the anomalies come back in checker order. */
export function check(history: readonly HistoryEvent[], checks: readonly CheckName[]): Anomaly[] {
  return checks.flatMap((c) => {
    const fn = CHECKERS[c];
    if (fn === undefined) throw new RangeError(`unknown check ${JSON.stringify(c)}; known: ${Object.keys(CHECKERS).join(', ')}`);
    return fn(history);
  });
}

/** Network settings for every link (see {@link LinkConfig} for per-link overrides). */
export interface NetworkOptions {
  /** Latency: `[min, max]` ms uniform, or any {@link LatencyDist}. Default uniform 1–5 ms. */
  latencyMs?: readonly [number, number] | LatencyDist;
  /** Probability a message is lost. */
  loss?: number;
  /** Probability a message is delivered twice. */
  duplicate?: number;
  /** Probability a message gets an extra delay of up to `reorderDelayMs` (so it overtakes nothing in order). */
  reorder?: number;
  reorderDelayMs?: number;
}

/** A random fault schedule drawn from the run's seed; every fault is repaired by `untilMs`. */
export interface NemesisOptions {
  kinds: readonly NemesisKind[];
  /** First fault no earlier than this (default 20 ms). */
  fromMs?: number;
  /** Everything healed and restarted at this time (default 400 ms). */
  untilMs?: number;
  /** Mean time between faults (default 60 ms). */
  meanIntervalMs?: number;
  /** Longest fault (default 80 ms). */
  maxDurationMs?: number;
  /** Only these nodes are crashed/paused/partitioned (default: all). */
  nodes?: readonly NodeId[];
}

/** A random register workload: clients reading and writing unique values (`c1-0`, `c1-1`, …). */
export interface WorkloadOptions {
  clients?: number;
  opsPerClient?: number;
  keys?: readonly string[];
  writeProbability?: number;
  /** Nodes clients send operations to (default: all). */
  targets?: readonly NodeId[];
  /** Each client sends every operation to one node (its first pick) instead of a random node each time. */
  sticky?: boolean;
  timeoutMs?: number;
  thinkMsMax?: number;
}

export interface ClusterOptions<D> {
  /** Seed of every random decision in the run (latencies, faults, workload). */
  seed: number;
  /** Node ids, or a count (n1, n2, …). Default 3. */
  nodes?: number | readonly NodeId[];
  /** The node's code: a class or a factory, called again after every restart. */
  node: NodeFactory<D>;
  /** Initial durable state (survives crashes) per node; default `{}`. */
  durable?: (id: NodeId, cluster: readonly NodeId[]) => D;
  network?: NetworkOptions;
  /** Per-link overrides, e.g. one slow follower. */
  links?: readonly { from: NodeId; to: NodeId; config: Partial<LinkConfig> }[];
  /** Scripted faults (crash, restart, pause, partition, heal, clock steps, …). */
  faults?: readonly ScheduledFault[];
  /** Random faults drawn from the seed, added to `faults`. */
  nemesis?: NemesisOptions;
  /** Explicit clients and their operations. */
  clients?: readonly ClientSpec[];
  /** A random workload drawn from the seed, added to `clients`. */
  workload?: WorkloadOptions;
  /** Checkers to run on the history (default: none). */
  checks?: readonly CheckName[];
  /** End of the run in virtual ms (default 2000). */
  stopAtMs?: number;
  bounds?: Partial<SimBounds>;
  /** Record the trace (default true; needed for timelines and the hash). */
  trace?: boolean;
  /** Name shown on the result and its timeline (default "cluster"). */
  name?: string;
}

/** A run of your cluster: a ScenarioResult (so `sim.timeline` draws it) plus each node's durable state. */
export interface ClusterResult<D> extends ScenarioResult {
  durable: Record<NodeId, D>;
  /** The faults that ran, scripted and drawn. */
  faults: ScheduledFault[];
}

/** Build a cluster of your nodes and run it. Throws SimBoundError/SimNodeError with where and when. */
export function runCluster<D = Record<string, unknown>>(o: ClusterOptions<D>): ClusterResult<D> {
  const nodes = typeof o.nodes === 'number' || o.nodes === undefined ? nodeIds(o.nodes ?? 3) : [...o.nodes];
  if (nodes.length === 0) throw new RangeError('a cluster needs at least one node');
  const create = toFactory(o.node);
  const clients: ClientSpec[] = [...(o.clients ?? [])];
  if (o.workload !== undefined) clients.push(...drawWorkload(o.seed, nodes, o.workload));
  const faults: ScheduledFault[] = [...(o.faults ?? [])];
  if (o.nemesis !== undefined) {
    const n = o.nemesis;
    faults.push(
      ...drawNemesis(deriveRandom(o.seed, 'nemesis'), {
        nodes: n.nodes ?? nodes,
        others: clients.map((c) => c.id),
        startMs: n.fromMs ?? 20,
        endMs: n.untilMs ?? 400,
        meanIntervalMs: n.meanIntervalMs ?? 60,
        faultDurationMsMax: n.maxDurationMs ?? 80,
        kinds: n.kinds,
      }),
    );
    faults.sort((a, b) => a.atMs - b.atMs);
  }
  const r: SimResult<D> = runSimulation<D>({
    seed: o.seed,
    nodes,
    program: { initDurable: o.durable ?? (() => ({}) as D), create },
    clients,
    faults,
    network: networkConfig(o.network),
    links: o.links ?? [],
    bounds: o.bounds ?? {},
    stopAtMs: o.stopAtMs ?? 2000,
    trace: o.trace ?? true,
  });
  const options = {
    nodes,
    network: o.network ?? {},
    nemesis: o.nemesis ?? null,
    workload: o.workload ?? null,
    checks: o.checks ?? [],
    stopAtMs: o.stopAtMs ?? 2000,
  };
  const anomalies = check(r.history, o.checks ?? []);
  return { ...scenarioResult(o.name ?? 'cluster', options, r, anomalies, { faults: faults.length }), durable: r.durable, faults };
}

/** How many operations completed ok / fail / info, e.g. to require that a protocol made progress. */
export function outcomes(history: readonly HistoryEvent[]): { ok: number; fail: number; info: number } {
  const out = { ok: 0, fail: 0, info: 0 };
  for (const e of history) if (e.type !== 'invoke') out[e.type]++;
  return out;
}

function nodeIds(n: number): NodeId[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`nodes must be a positive integer or a list of ids, got ${n}`);
  return Array.from({ length: n }, (_, i) => `n${i + 1}`);
}

function toFactory<D>(f: NodeFactory<D>): (ctx: NodeContext<D>) => NodeHandlers {
  if (typeof f !== 'function') throw new TypeError('node must be a class or a function returning handlers');
  const proto = (f as { prototype?: { onMessage?: unknown } }).prototype;
  if (proto !== undefined && typeof proto.onMessage === 'function') {
    const C = f as new (ctx: NodeContext<D>) => NodeHandlers;
    return (ctx) => new C(ctx);
  }
  return f as (ctx: NodeContext<D>) => NodeHandlers;
}

function networkConfig(n: NetworkOptions = {}): Partial<LinkConfig> {
  const out: Partial<LinkConfig> = {};
  if (n.latencyMs !== undefined) {
    out.latency = isRange(n.latencyMs) ? { kind: 'uniform', minMs: n.latencyMs[0], maxMs: n.latencyMs[1] } : n.latencyMs;
  }
  if (n.loss !== undefined) out.lossProbability = probability('loss', n.loss);
  if (n.duplicate !== undefined) out.duplicateProbability = probability('duplicate', n.duplicate);
  if (n.reorder !== undefined) out.reorderProbability = probability('reorder', n.reorder);
  if (n.reorderDelayMs !== undefined) out.reorderDelayMsMax = n.reorderDelayMs;
  return out;
}

function isRange(l: readonly [number, number] | LatencyDist): l is readonly [number, number] {
  return Array.isArray(l);
}

function probability(name: string, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`network.${name} is a probability in [0, 1], got ${p}`);
  return p;
}

function drawWorkload(seed: number, nodes: readonly NodeId[], w: WorkloadOptions): ClientSpec[] {
  const targets = w.targets ?? nodes;
  const specs = drawRegisterWorkload(deriveRandom(seed, 'workload'), {
    clients: w.clients ?? 3,
    opsPerClient: w.opsPerClient ?? 10,
    keys: w.keys ?? ['x', 'y'],
    writeProbability: w.writeProbability ?? 0.5,
    nodes: targets,
    timeoutMs: w.timeoutMs ?? 200,
    thinkMsMax: w.thinkMsMax ?? 5,
  });
  if (w.sticky !== true) return specs;
  return specs.map((c) => {
    const home = c.ops[0]?.target ?? c.target;
    return { ...c, target: home, ops: c.ops.map((op): ClientOp => ({ ...op, target: home })) };
  });
}
