/**
 * Built-in tests for exercise "fencing": the learner's node runs a paused-leader failover under
 * 200 seeds (each seed moves the pause, its length and the message delays). A failure names the
 * first failing seed; set DDIA_SEED to replay just that run.
 */
import * as path from 'node:path';
import { test } from 'node:test';
import { sim } from 'ddia-labs';

interface Durable {
  epoch: number;
  leader: string;
  log: unknown[];
}
const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding fenced-node.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const learner = require(path.join(exerciseDir, 'fenced-node.ts')) as {
  createNode: (ctx: sim.NodeContext<Durable>) => sim.NodeHandlers;
  initDurable: (id: string, cluster: readonly string[]) => Durable;
};

/** Writes to n1 before and during its pause, writes to n2 after it took over, then final reads. */
function pausedLeader(seed: number, trace = false) {
  const pauseAt = 20 + (seed % 40);
  const pauseMs = 120 + ((seed * 37) % 120);
  const ops = (prefix: string, target: string, startMs: number, n: number, gapMs: number): sim.ClientOp[] =>
    Array.from({ length: n }, (_, i) => ({ f: 'write', key: `${prefix}${i}`, value: `${prefix}${i}`, target, atMs: startMs + i * gapMs }));
  const early = ops('a', 'n1', 2, 4, 3);
  const late = ops('b', 'n1', pauseAt + 10, 8, 20);
  const other = ops('c', 'n2', pauseAt + 90, 8, 15);
  const keys = [...early, ...late, ...other].map((o) => o.key ?? '');
  const reads: sim.ClientOp[] = ['n2', 'n3'].flatMap((node) => keys.map((key) => ({ f: 'read', key, target: node })));
  return sim.runCluster<Durable>({
    seed,
    nodes: 3,
    node: learner.createNode,
    durable: learner.initDurable,
    network: { latencyMs: [1, 4] },
    clients: [
      { id: 'c1', target: 'n1', ops: [...early, ...late], timeoutMs: 40 },
      { id: 'c2', target: 'n2', ops: other, timeoutMs: 40 },
      { id: 'reader', target: 'n2', ops: reads, timeoutMs: 50, startMs: 900 },
    ],
    faults: [{ atMs: pauseAt, fault: { kind: 'pause', node: 'n1', durationMs: pauseMs } }],
    checks: ['lost-writes'],
    stopAtMs: 1500,
    trace,
  });
}

test('no acknowledged write is lost over 200 seeds of a paused leader', () => {
  sim.assertEverySeed('no lost writes', {
    seeds: 200,
    check: (seed) => {
      const r = pausedLeader(seed);
      const problems = r.anomalies.map((a) => a.message);
      if (sim.outcomes(r.history).ok < 10) problems.push(`only ${sim.outcomes(r.history).ok} operations succeeded`);
      return problems;
    },
  });
});

test('after the old leader wakes up, one leader remains', () => {
  sim.assertEverySeed('a single leader at the end', {
    seeds: 50,
    check: (seed) => {
      const r = pausedLeader(seed);
      const leaders = Object.entries(r.nodeStates)
        .filter(([, s]) => (s as { role?: string } | null)?.role === 'leader')
        .map(([id]) => id);
      return leaders.length === 1 ? [] : [`${leaders.length} nodes believe they lead: ${leaders.join(', ') || 'none'}`];
    },
  });
});
