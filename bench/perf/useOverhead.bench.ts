/**
 * Overhead of the USE sampler on the process that runs it, measured with process.cpuUsage.
 *
 * Part 1 (the number that matters): sample every second for `seconds` (default 30, at least
 * 30 for a report) and take the process's CPU time as % of one core, in three phases in the
 * same run: the reference, an idle process with just a 1 s timer; the sampler with the plain
 * readFile reader (fsReader, what shipped before); the sampler with procReader (file handles
 * kept open, one pread per file). The overhead is each sampler phase minus the reference.
 * Both sampler phases include the event-loop monitor, as perf.use and the panel run it.
 *
 * Part 2 (where the time goes): the cost of one tick in a tight loop, split into reading and
 * parsing + computing, so a regression can be traced to its part.
 *
 *   npm run bench:use-overhead            # 30 s per phase
 *   npx tsx bench/perf/useOverhead.bench.ts 60
 *
 * The machine is shared: CPU time of *this* process is what is measured, so other load mostly
 * shows as noise (cache misses, frequency), not as overhead.
 */
import * as os from 'node:os';
import { realClock, realTimer } from '../../extension/perf/collect/clock';
import { fsReader } from '../../extension/perf/collect/fsReader';
import { startNodeLoopMonitor } from '../../extension/perf/collect/nodeLoop';
import { procReader } from '../../extension/perf/collect/procReader';
import { startUseSampler } from '../../extension/perf/collect/useSampler';
import { computeUse } from '../../extension/perf/use/computeUse';
import { readSnapshot, type TextReader } from '../../extension/perf/use/readSnapshot';

const seconds = Number(process.argv[2] ?? 30);
const cpus = os.availableParallelism();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function measure(label: string, reader: TextReader | undefined): Promise<number> {
  const loop = reader ? startNodeLoopMonitor() : undefined;
  let reports = 0;
  const idle = setInterval(() => undefined, 1000);
  const cpu0 = process.cpuUsage();
  const t0 = realClock.now();
  const sampler = reader
    ? startUseSampler({
        reader,
        clock: realClock,
        timer: realTimer,
        intervalMs: 1000,
        cpuCount: cpus,
        nodeLoop: loop,
        onReport: () => reports++,
      })
    : undefined;
  await sleep(seconds * 1000);
  sampler?.stop();
  loop?.stop();
  clearInterval(idle);
  const cpu = process.cpuUsage(cpu0);
  const wallMs = realClock.now() - t0;
  const pct = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
  console.log(
    `  ${label.padEnd(34)} ${pct.toFixed(3)}% of one core  (user ${(cpu.user / 1000).toFixed(1)} ms, system ${(cpu.system / 1000).toFixed(1)} ms, ${reports} reports)`,
  );
  return pct;
}

async function perTick(label: string, reader: TextReader, n: number): Promise<void> {
  let prev = await readSnapshot(reader, cpus);
  let readUs = 0;
  let computeUs = 0;
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const snap = await readSnapshot(reader, cpus);
    const c1 = process.cpuUsage(c0);
    computeUse(prev, snap, 1);
    const c2 = process.cpuUsage(c0);
    readUs += c1.user + c1.system;
    computeUs += c2.user + c2.system - (c1.user + c1.system);
    prev = snap;
  }
  console.log(
    `  ${label.padEnd(34)} read + parse ${(readUs / n).toFixed(0)} µs, compute ${(computeUs / n).toFixed(0)} µs of CPU per tick (${n} ticks)`,
  );
}

async function main(): Promise<void> {
  console.log(
    `USE sampler overhead: ${seconds} s per phase, Node ${process.version}, ${cpus} CPUs, loadavg ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log('part 2: CPU per tick in a tight loop');
  const fast = procReader();
  await perTick('fsReader (readFile per file)', fsReader, 300);
  await perTick('procReader (open once, pread)', fast, 300);
  console.log(`part 1: sampling every 1 s for ${seconds} s`);
  const reference = await measure('reference (idle process)', undefined);
  const before = await measure('sampler + fsReader (before)', fsReader);
  const after = await measure('sampler + procReader (now)', fast);
  fast.close();
  const ob = before - reference;
  const oa = after - reference;
  console.log(`overhead before: ${ob.toFixed(3)}% of one core; now: ${oa.toFixed(3)}% of one core (target < 1%)`);
  console.log(`ratio now/before ${(oa / Math.max(ob, 1e-9)).toFixed(2)}; sampled/idle ${(after / Math.max(reference, 1e-9)).toFixed(1)}×`);
}

void main();
