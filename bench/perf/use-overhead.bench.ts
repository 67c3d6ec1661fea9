/**
 * Overhead of the USE sampler on the process that runs it: sample every second for 10 s
 * (reading /proc, parsing, computing the report, plus the event-loop monitor) and measure the
 * process's CPU time with process.cpuUsage. Reported as % of one core, next to a reference
 * measured in the same run: the same 10 s with the process idle (nothing but a 1 s timer), so
 * the difference is what sampling costs. Target: under 1% of one core.
 *
 *   npx tsx bench/perf/use-overhead.bench.ts [seconds]
 */
import * as os from 'node:os';
import { realClock, realTimer } from '../../extension/perf/collect/clock';
import { fsReader } from '../../extension/perf/collect/fsReader';
import { startNodeLoopMonitor } from '../../extension/perf/collect/nodeLoop';
import { startUseSampler } from '../../extension/perf/collect/useSampler';

const seconds = Number(process.argv[2] ?? 10);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function measure(label: string, withSampler: boolean): Promise<number> {
  const loop = withSampler ? startNodeLoopMonitor() : undefined;
  let reports = 0;
  const idle = setInterval(() => undefined, 1000);
  const cpu0 = process.cpuUsage();
  const t0 = realClock.now();
  const sampler = withSampler
    ? startUseSampler({
        reader: fsReader,
        clock: realClock,
        timer: realTimer,
        intervalMs: 1000,
        cpuCount: os.availableParallelism(),
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
  const pctOfCore = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
  console.log(
    `${label.padEnd(28)} ${pctOfCore.toFixed(3)}% of one core  (user ${(cpu.user / 1000).toFixed(1)} ms, system ${(cpu.system / 1000).toFixed(1)} ms, ${reports} reports)`,
  );
  return pctOfCore;
}

async function main(): Promise<void> {
  console.log(`USE sampler overhead, ${seconds} s each, Node ${process.version}, ${os.availableParallelism()} CPUs`);
  const reference = await measure('reference (idle process)', false);
  const sampled = await measure('sampling every 1 s', true);
  const overhead = sampled - reference;
  console.log(
    `overhead ${overhead.toFixed(3)}% of one core (target < 1%); ratio sampled/idle ${(sampled / Math.max(reference, 1e-9)).toFixed(1)}×`,
  );
}

void main();
