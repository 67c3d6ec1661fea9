/**
 * A smaller copy of the benchmark's workload (5-node leaderless, sloppy quorum, anti-entropy,
 * random crashes, pauses and partitions) used by the golden-hash test, so optimisations of the
 * simulator's hot path are checked against traces recorded before them.
 */
import { drawNemesis } from '../../../extension/sim/core/faults';
import { runSimulation, type SimResult } from '../../../extension/sim/core/simulator';
import { deriveRandom } from '../../../extension/sim/core/streams';
import { leaderless } from '../../../extension/sim/protocols/leaderless';
import { drawRegisterWorkload } from '../../../extension/sim/scenarios/workload';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

export function benchLikeHash(seed: number): { hash: string; events: number } {
  const r = benchLikeResult(seed);
  return { hash: r.hash, events: r.eventCount };
}

/** The full result of the benchmark-like run (trace recorded). */
export function benchLikeResult(seed: number): SimResult<unknown> {
  const clients = drawRegisterWorkload(deriveRandom(seed, 'workload'), {
    clients: 6,
    opsPerClient: 150,
    keys: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
    writeProbability: 0.5,
    nodes: NODES,
    timeoutMs: 500,
    thinkMsMax: 2,
  });
  const faults = drawNemesis(deriveRandom(seed, 'nemesis'), {
    nodes: NODES,
    others: clients.map((c) => c.id),
    startMs: 20,
    endMs: 1500,
    meanIntervalMs: 100,
    faultDurationMsMax: 200,
    kinds: ['crash', 'pause', 'partition', 'asymmetric', 'clock'],
  });
  return runSimulation({
    seed,
    nodes: NODES,
    program: leaderless({ sloppy: true, antiEntropyMs: 100 }),
    clients,
    faults,
    network: {
      latency: { kind: 'exponential', minMs: 1, meanMs: 3 },
      lossProbability: 0.01,
      duplicateProbability: 0.01,
      reorderProbability: 0.05,
      reorderDelayMsMax: 10,
    },
    stopAtMs: 4000,
  }) as SimResult<unknown>;
}
