/**
 * Simulated events per second for a 5-node leaderless (n=3, w=2, r=2, sloppy, anti-entropy)
 * workload with a random nemesis (crashes, pauses, partitions), on one core (workload.ts).
 * Reported against the target of 1,000,000 events/s as a ratio: without the trace, with
 * it (recorded into columns), and with it plus reading the result's hash (which builds the event
 * objects and hashes their JSON, what a consumer of `trace`/`hash` pays once), next to a reference
 * measured in the same run: the bare event queue (push + pop of the same number of events), the
 * floor any simulator built on it pays.
 *
 * Rates are per CPU second of this process (user + system, process.cpuUsage), which is what
 * "on one core" means and stays meaningful on a shared machine; wall-clock rates are printed too
 * and drop when other processes compete for the cores.
 *
 *   npx tsx bench/sim/sim.bench.ts
 */
import { EventQueue } from '../../extension/sim/core/eventQueue';
import { deriveRandom } from '../../extension/sim/core/streams';
import { benchRun } from './workload';

const TARGET = 1_000_000;

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

type Mode = 'off' | 'on' | 'on+hash';

/**
 * 'on' records the trace (columns); 'on+hash' also reads the result's hash, which builds the
 * trace's objects and hashes their JSON (what a consumer of `hash`/`trace` pays once per run).
 */
function once(seed: number, mode: Mode): { events: number; ms: number; wallMs: number } {
  let t0 = 0n;
  let c0 = process.cpuUsage();
  const r = benchRun(seed, mode !== 'off', () => {
    t0 = process.hrtime.bigint();
    c0 = process.cpuUsage();
  });
  if (mode === 'on+hash' && r.hash.length !== 32) throw new Error('no hash');
  return { events: r.eventCount, ms: cpuMs(c0), wallMs: Number(process.hrtime.bigint() - t0) / 1e6 };
}

function queueReference(n: number): number {
  const c0 = process.cpuUsage();
  const q = new EventQueue(n + 1, () => ({ atMs: 0, events: 0 }));
  const rng = deriveRandom(1, 'bench');
  let now = 0;
  for (let i = 0; i < 1000; i++) q.push(rng.next() * 10, 0, 0, 0, i, 0, null, -1);
  for (let i = 0; i < n; i++) {
    if (q.pop()) now = q.topAt;
    q.push(now + rng.next() * 10, 0, 0, 0, i, 0, null, -1);
  }
  return n / (cpuMs(c0) / 1000);
}

once(1, 'off'); // warm-up
const rates: Partial<Record<Mode, number>> = {};
for (const mode of ['off', 'on', 'on+hash'] as const) {
  let events = 0;
  let ms = 0;
  let wallMs = 0;
  for (let seed = 2; seed <= 4; seed++) {
    const r = once(seed, mode);
    events += r.events;
    ms += r.ms;
    wallMs += r.wallMs;
  }
  const rate = events / (ms / 1000);
  rates[mode] = rate;
  const wallRate = events / (wallMs / 1000);
  const label = { off: 'trace off', on: 'trace on', 'on+hash': 'trace on, hash read' }[mode];
  const vsOff = mode === 'off' ? '' : `, ${(rate / (rates.off ?? rate)).toFixed(2)}× trace off`;
  console.log(
    `leaderless 5 nodes + nemesis, ${label}: ${events} events in ${ms.toFixed(0)} CPU ms = ${fmt(rate)} events/s, ${(rate / TARGET).toFixed(2)}× the 1,000,000/s target${vsOff} (wall clock: ${fmt(wallRate)} events/s)`,
  );
}
const ref = queueReference(2_000_000);
console.log(`reference, bare event queue push+pop: ${fmt(ref)} events/s (per CPU second)`);

function fmt(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}
