/**
 * Single-leader scenarios (DDIA ch. 5): asynchronous replication losing acknowledged writes when
 * the leader fails over, and split brain when an old leader comes back without fencing.
 */
import { type ClientOp } from '../core/client';
import { runSimulation } from '../core/simulator';
import { deriveRandom } from '../core/streams';
import { checkLostWrites } from '../checkers/staleReads';
import { singleLeader, type ReplicationMode } from '../protocols/singleLeader';
import { injectedFaults, type Scenario } from './scenario';
import { scenarioResult } from './result';
import { finalReads } from './workload';

const NODES = ['n1', 'n2', 'n3'];
const MODES = ['async', 'semi-sync', 'sync'];

export interface FailoverOptions {
  mode: ReplicationMode;
  writes: number;
  writeEveryMs: number;
}

export const asyncFailoverLosesWrites: Scenario<FailoverOptions> = {
  name: 'async-failover-loses-writes',
  description:
    'The leader acknowledges writes before followers have them, then crashes; the follower that takes over never had the last writes.',
  defaults: { mode: 'async', writes: 30, writeEveryMs: 2 },
  limits: { mode: { choices: MODES }, writes: { min: 1, max: 10_000, integer: true }, writeEveryMs: { min: 0.01, max: 1000 } },
  run(seed, partial = {}) {
    const o = { ...asyncFailoverLosesWrites.defaults, ...partial };
    const rng = deriveRandom(seed, 'scenario');
    const keys = Array.from({ length: o.writes }, (_, i) => `k${i}`);
    const ops: ClientOp[] = keys.map((key, i) => ({ f: 'write', key, value: `v${i}`, target: 'n1', atMs: 5 + i * o.writeEveryMs }));
    const crashAtMs = 5 + (0.3 + 0.6 * rng.next()) * o.writes * o.writeEveryMs;
    const r = runSimulation({
      seed,
      nodes: NODES,
      program: singleLeader({ mode: o.mode }),
      clients: [{ id: 'writer', target: 'n1', ops, timeoutMs: 50 }, finalReads('reader', keys, ['n2', 'n3'], 500, 50)],
      faults: [
        { atMs: crashAtMs, fault: { kind: 'crash', node: 'n1' } },
        { atMs: 300, fault: { kind: 'restart', node: 'n1' } },
        ...injectedFaults(partial),
      ],
      stopAtMs: 800,
    });
    return scenarioResult(asyncFailoverLosesWrites.name, { ...o, crashAtMs }, r, checkLostWrites(r.history));
  },
};

export interface SplitBrainOptions {
  fencing: boolean;
  mode: ReplicationMode;
  pauseMs: number;
}

export const splitBrainWithoutFencing: Scenario<SplitBrainOptions> = {
  name: 'split-brain-without-fencing',
  description:
    'The leader pauses (think: a long GC pause), a follower takes over, and the old leader wakes up still believing it leads. Without fencing both leaders acknowledge writes and one side’s writes are lost; with fencing the old leader is turned away.',
  defaults: { fencing: false, mode: 'semi-sync', pauseMs: 150 },
  limits: { mode: { choices: MODES }, pauseMs: { min: 0, max: 100_000 } },
  run(seed, partial = {}) {
    const o = { ...splitBrainWithoutFencing.defaults, ...partial };
    const early = Array.from({ length: 4 }, (_, i): ClientOp => ({
      f: 'write',
      key: `a${i}`,
      value: `a${i}`,
      target: 'n1',
      atMs: 2 + i * 3,
    }));
    const late = Array.from({ length: 6 }, (_, i): ClientOp => ({
      f: 'write',
      key: `b${i}`,
      value: `b${i}`,
      target: 'n1',
      atMs: 60 + i * 20,
    }));
    const other = Array.from({ length: 6 }, (_, i): ClientOp => ({
      f: 'write',
      key: `c${i}`,
      value: `c${i}`,
      target: 'n2',
      atMs: 140 + i * 15,
    }));
    const keys = [...early, ...late, ...other].map((op) => op.key ?? '');
    const r = runSimulation({
      seed,
      nodes: NODES,
      program: singleLeader({ mode: o.mode, fencing: o.fencing }),
      clients: [
        { id: 'c1', target: 'n1', ops: [...early, ...late], timeoutMs: 40 },
        { id: 'c2', target: 'n2', ops: other, timeoutMs: 40 },
        finalReads('reader', keys, ['n2', 'n3'], 600, 50),
      ],
      faults: [{ atMs: 30, fault: { kind: 'pause', node: 'n1', durationMs: o.pauseMs } }, ...injectedFaults(partial)],
      stopAtMs: 900,
    });
    const leaders = r.trace.filter((e) => e.k === 'note' && e.label === 'become-leader').map((e) => (e.k === 'note' ? e.node : ''));
    return scenarioResult(splitBrainWithoutFencing.name, o, r, checkLostWrites(r.history), { newLeaders: leaders });
  },
};
