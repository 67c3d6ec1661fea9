/**
 * Simulated events per second for a 5-node leaderless (n=3, w=2, r=2, sloppy, anti-entropy)
 * workload with a random nemesis (crashes, pauses, partitions), on one core. Reported against
 * the target of 1,000,000 events/s as a ratio, with and without trace recording, and
 * next to a reference measured in the same run: the bare event queue (push + pop of the same
 * number of events), the floor any simulator built on it pays.
 *
 *   npx tsx bench/sim/sim.bench.ts
 */
import { EventQueue } from '../../extension/sim/core/eventQueue';
import { drawNemesis } from '../../extension/sim/core/faults';
import { runSimulation } from '../../extension/sim/core/simulator';
import { deriveRandom } from '../../extension/sim/core/streams';
import { leaderless } from '../../extension/sim/protocols/leaderless';
import { drawRegisterWorkload } from '../../extension/sim/scenarios/workload';

const TARGET = 1_000_000;
const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

function once(seed: number, trace: boolean): { events: number; ms: number } {
  const clients = drawRegisterWorkload(deriveRandom(seed, 'workload'), {
    clients: 10,
    opsPerClient: 2000,
    keys: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
    writeProbability: 0.5,
    nodes: NODES,
    timeoutMs: 500,
    thinkMsMax: 2,
  });
  const faults = drawNemesis(deriveRandom(seed, 'nemesis'), {
    nodes: NODES,
    startMs: 50,
    endMs: 20_000,
    meanIntervalMs: 200,
    faultDurationMsMax: 300,
    kinds: ['crash', 'pause', 'partition'],
  });
  const t0 = process.hrtime.bigint();
  const r = runSimulation({
    seed,
    nodes: NODES,
    program: leaderless({ sloppy: true, antiEntropyMs: 100 }),
    clients,
    faults,
    trace,
    stopAtMs: 60_000,
  });
  return { events: r.eventCount, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

function queueReference(n: number): number {
  const q = new EventQueue<{ at: number; seq: number }>(n + 1, () => ({ atMs: 0, events: 0 }));
  const rng = deriveRandom(1, 'bench');
  const t0 = process.hrtime.bigint();
  let now = 0;
  for (let i = 0; i < 1000; i++) q.push({ at: rng.next() * 10, seq: 0 });
  for (let i = 0; i < n; i++) {
    now = q.pop()?.at ?? now;
    q.push({ at: now + rng.next() * 10, seq: 0 });
  }
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

once(1, false); // warm-up
for (const trace of [false, true]) {
  let events = 0;
  let ms = 0;
  for (let seed = 2; seed <= 4; seed++) {
    const r = once(seed, trace);
    events += r.events;
    ms += r.ms;
  }
  const rate = events / (ms / 1000);
  console.log(
    `leaderless 5 nodes + nemesis, trace ${trace ? 'on ' : 'off'}: ${events} events in ${ms.toFixed(0)} ms = ${Math.round(rate).toLocaleString('en-US')} events/s, ${(rate / TARGET).toFixed(2)}× the 1,000,000/s target`,
  );
}
const ref = queueReference(2_000_000);
console.log(`reference, bare event queue push+pop: ${Math.round(ref).toLocaleString('en-US')} events/s`);
