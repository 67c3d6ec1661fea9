/**
 * Leaderless (Dynamo-style) scenarios: strict quorums giving no stale reads without faults, and
 * a sloppy quorum acknowledging a write on the wrong side of a partition, so a quorum read on the
 * other side returns the old value.
 */
import { type ScheduledFault } from '../core/faults';
import { drawNemesis } from '../core/faults';
import { runSimulation } from '../core/simulator';
import { deriveRandom } from '../core/streams';
import { checkStaleReads } from '../checkers/staleReads';
import { leaderless } from '../protocols/leaderless';
import { ringWalk } from '../protocols/kv';
import { injectedFaults, type Scenario } from './scenario';
import { scenarioResult } from './result';
import { drawRegisterWorkload } from './workload';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

export interface QuorumOptions {
  n: number;
  w: number;
  r: number;
  sloppy: boolean;
  clients: number;
  opsPerClient: number;
  /** Turn on the random nemesis (crashes, partitions, pauses). */
  faults: boolean;
  /** Link latency is uniform in [1, latencyMsMax]. */
  latencyMsMax: number;
}

export const quorumNoStaleReads: Scenario<QuorumOptions> = {
  name: 'quorum-no-stale-reads',
  description:
    'Clients read and write through random coordinators with n=3, w=2, r=2: every read overlaps every acknowledged write in at least one replica.',
  defaults: { n: 3, w: 2, r: 2, sloppy: false, clients: 4, opsPerClient: 25, faults: false, latencyMsMax: 5 },
  limits: {
    n: { min: 1, max: NODES.length, integer: true },
    w: { min: 1, max: NODES.length, integer: true },
    r: { min: 1, max: NODES.length, integer: true },
    clients: { min: 1, max: 100, integer: true },
    opsPerClient: { min: 1, max: 10_000, integer: true },
    latencyMsMax: { min: 1, max: 10_000 },
  },
  crossCheck: (o) => (o.w > o.n || o.r > o.n ? `w and r cannot exceed n (n=${o.n}, w=${o.w}, r=${o.r})` : undefined),
  run(seed, partial = {}) {
    const o = { ...quorumNoStaleReads.defaults, ...partial };
    const clients = drawRegisterWorkload(deriveRandom(seed, 'workload'), {
      clients: o.clients,
      opsPerClient: o.opsPerClient,
      keys: ['x', 'y', 'z'],
      writeProbability: 0.5,
      nodes: NODES,
      timeoutMs: 40 * o.latencyMsMax,
      thinkMsMax: 5,
    });
    const faults: ScheduledFault[] = o.faults
      ? drawNemesis(deriveRandom(seed, 'nemesis'), {
          nodes: NODES,
          others: clients.map((c) => c.id),
          startMs: 20,
          endMs: 400,
          meanIntervalMs: 40,
          faultDurationMsMax: 80,
          kinds: ['crash', 'pause', 'partition', 'asymmetric'],
        })
      : [];
    const r = runSimulation({
      seed,
      nodes: NODES,
      program: leaderless({ n: o.n, w: o.w, r: o.r, sloppy: o.sloppy, antiEntropyMs: 100, requestTimeoutMs: 8 * o.latencyMsMax }),
      clients,
      faults: [...faults, ...injectedFaults(partial)],
      network: { latency: { kind: 'uniform', minMs: 1, maxMs: o.latencyMsMax } },
      stopAtMs: 4000,
    });
    return scenarioResult(quorumNoStaleReads.name, o, r, checkStaleReads(r.history), { faults: faults.length });
  },
};

export interface SloppyOptions {
  sloppy: boolean;
}

export const sloppyQuorumStaleRead: Scenario<SloppyOptions> = {
  name: 'sloppy-quorum-stale-read',
  description:
    'A partition cuts a key’s home replicas apart. With a sloppy quorum the write is acknowledged by stand-in nodes holding hints, and a quorum read on the other side still returns the old value; after healing, hinted handoff repairs it.',
  defaults: { sloppy: true },
  run(seed, partial = {}) {
    const o = { ...sloppyQuorumStaleRead.defaults, ...partial };
    const key = 'k';
    const walk = ringWalk(NODES, key);
    const [h1 = '', h2 = '', h3 = '', f1 = '', f2 = ''] = walk;
    const r = runSimulation({
      seed,
      nodes: NODES,
      program: leaderless({ n: 3, w: 2, r: 2, sloppy: o.sloppy, readRepair: true, handoffMs: 40 }),
      clients: [
        { id: 'c0', target: h1, ops: [{ f: 'write', key, value: 'old' }], timeoutMs: 200 },
        { id: 'c1', target: h1, ops: [{ f: 'write', key, value: 'new', atMs: 60 }], timeoutMs: 200 },
        {
          id: 'c2',
          target: h2,
          ops: [
            { f: 'read', key, atMs: 200 },
            { f: 'read', key, atMs: 500 },
          ],
          timeoutMs: 200,
        },
      ],
      faults: [
        {
          atMs: 50,
          fault: {
            kind: 'partition',
            groups: [
              [h1, f1, f2, 'c1'],
              [h2, h3, 'c2'],
            ],
          },
        },
        { atMs: 300, fault: { kind: 'heal' } },
        ...injectedFaults(partial),
      ],
      stopAtMs: 800,
    });
    return scenarioResult(sloppyQuorumStaleRead.name, o, r, checkStaleReads(r.history), { home: [h1, h2, h3], fallbacks: [f1, f2] });
  },
};
