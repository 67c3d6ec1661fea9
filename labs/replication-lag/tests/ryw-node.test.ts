/**
 * Built-in tests for exercise "read-your-writes": the learner's ReplicaNode runs under 200 seeds,
 * each with its own latencies, workload and random pauses and partitions. A failure names the
 * first failing seed; set DDIA_SEED to replay just that run.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { sim } from 'ddia-labs';

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding ryw-node.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ReplicaNode } = require(path.join(exerciseDir, 'ryw-node.ts')) as { ReplicaNode: sim.NodeFactory<{ log: unknown[] }> };

function run(seed: number, faults: boolean, thinkMsMax: number) {
  return sim.runCluster({
    seed,
    nodes: 3,
    node: ReplicaNode,
    durable: () => ({ log: [] }),
    network: { latencyMs: [1, 25] },
    workload: { clients: 4, opsPerClient: 12, keys: ['x', 'y'], targets: ['n2', 'n3'], sticky: true, thinkMsMax, timeoutMs: 150 },
    ...(faults ? { nemesis: { kinds: ['pause', 'partition'] as const, untilMs: 300 } } : {}),
    checks: ['read-your-writes'],
    stopAtMs: 3000,
    trace: false,
  });
}

test('no read-your-writes anomaly over 200 seeds with pauses and partitions', () => {
  sim.assertEverySeed('read-your-writes', {
    seeds: 200,
    check: (seed) => {
      const r = run(seed, true, 3);
      const problems = r.anomalies.map((a) => a.message);
      if (sim.outcomes(r.history).ok === 0) problems.push('no operation completed');
      return problems;
    },
  });
});

test('followers still serve reads they are up to date for', () => {
  // With clients pausing 100 ms between operations, replication has long caught up: a follower
  // that forwards these reads to the leader is not using its copy at all.
  const r = sim.runCluster({
    seed: 1,
    nodes: 3,
    node: ReplicaNode,
    durable: () => ({ log: [] }),
    network: { latencyMs: [1, 5] },
    workload: { clients: 4, opsPerClient: 12, keys: ['x', 'y'], targets: ['n2', 'n3'], sticky: true, thinkMsMax: 100, timeoutMs: 150 },
    checks: ['read-your-writes'],
    stopAtMs: 5000,
  });
  // Serving locally is right only for reads the follower is up to date for.
  assert.deepEqual(
    r.anomalies.map((a) => a.message),
    [],
  );
  const reads = r.history.filter((e) => e.type === 'invoke' && e.f === 'read').length;
  const forwarded = r.trace.filter(
    (e) =>
      e.k === 'send' &&
      e.to === 'n1' &&
      (e.msg as { type?: string; f?: string }).type === 'forward' &&
      (e.msg as { f?: string }).f === 'read',
  ).length;
  assert.ok(reads > 10, `expected reads in the workload, got ${reads}`);
  assert.ok(forwarded <= reads / 5, `${forwarded} of ${reads} reads were forwarded to the leader although the followers had caught up`);
});
