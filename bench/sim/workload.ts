/**
 * The simulator benchmarks' workload: 5-node leaderless (n=3, w=2, r=2, sloppy, anti-entropy), 10
 * clients × 2000 operations over 8 keys, and a random nemesis (crashes, pauses, partitions).
 * One run is ~236k queue events and ~383k trace events.
 */
import { drawNemesis } from '../../extension/sim/core/faults';
import { runSimulation, type SimResult } from '../../extension/sim/core/simulator';
import { deriveRandom } from '../../extension/sim/core/streams';
import { leaderless } from '../../extension/sim/protocols/leaderless';
import { drawRegisterWorkload } from '../../extension/sim/scenarios/workload';

export const BENCH_NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

export function benchRun(seed: number, trace: boolean, onStart: () => void = () => undefined): SimResult<unknown> {
  const clients = drawRegisterWorkload(deriveRandom(seed, 'workload'), {
    clients: 10,
    opsPerClient: 2000,
    keys: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
    writeProbability: 0.5,
    nodes: BENCH_NODES,
    timeoutMs: 500,
    thinkMsMax: 2,
  });
  const faults = drawNemesis(deriveRandom(seed, 'nemesis'), {
    nodes: BENCH_NODES,
    startMs: 50,
    endMs: 20_000,
    meanIntervalMs: 200,
    faultDurationMsMax: 300,
    kinds: ['crash', 'pause', 'partition'],
  });
  onStart();
  return runSimulation({
    seed,
    nodes: BENCH_NODES,
    program: leaderless({ sloppy: true, antiEntropyMs: 100 }),
    clients,
    faults,
    trace,
    stopAtMs: 60_000,
  }) as SimResult<unknown>;
}
