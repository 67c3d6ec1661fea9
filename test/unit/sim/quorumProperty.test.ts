/**
 * The quorum condition as a property over many seeds: with a strict quorum (no sloppy quorum) and
 * no faults, w + r > n gives no stale read for any of 200 seeds, on a long-tailed network where
 * w + r ≤ n does show stale reads. Runs without a trace, so 200 seeds stay fast.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { runSimulation } from '../../../extension/sim/core/simulator';
import { deriveRandom } from '../../../extension/sim/core/streams';
import { checkStaleReads } from '../../../extension/sim/checkers/staleReads';
import { sweepSeeds } from '../../../extension/sim/grading/seedSweep';
import { leaderless } from '../../../extension/sim/protocols/leaderless';
import { drawRegisterWorkload } from '../../../extension/sim/scenarios/workload';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

function staleReads(seed: number, w: number, r: number): string[] {
  const run = runSimulation({
    seed,
    nodes: NODES,
    program: leaderless({ n: 3, w, r, sloppy: false, readRepair: true, requestTimeoutMs: 400 }),
    clients: drawRegisterWorkload(deriveRandom(seed, 'workload'), {
      clients: 4,
      opsPerClient: 12,
      keys: ['x', 'y'],
      writeProbability: 0.5,
      nodes: NODES,
      timeoutMs: 1000,
      thinkMsMax: 4,
    }),
    network: { latency: { kind: 'pareto', scaleMs: 1, shape: 1.2, maxMs: 150 } },
    stopAtMs: 5000,
    trace: false,
  });
  return checkStaleReads(run.history).map((a) => a.message);
}

test('w + r > n, strict quorum, no faults: no stale read over 200 seeds (w=2 r=2, w=3 r=1, w=1 r=3)', () => {
  for (const [w, r] of [
    [2, 2],
    [3, 1],
    [1, 3],
  ] as const) {
    const res = sweepSeeds({ seeds: 200, env: {}, check: (seed) => staleReads(seed, w, r) });
    assert.equal(res.failingSeed, undefined, `w=${w} r=${r}, seed ${String(res.failingSeed)}: ${res.problems.join('; ')}`);
  }
});

test('w + r ≤ n on the same network shows stale reads within the first 200 seeds', () => {
  const res = sweepSeeds({ seeds: 200, env: {}, check: (seed) => staleReads(seed, 1, 1) });
  assert.notEqual(res.failingSeed, undefined);
});
