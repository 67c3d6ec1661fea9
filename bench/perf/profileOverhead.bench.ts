/**
 * Overhead of perf.profile on the code it profiles. A CPU-bound workload (sorting, a Map of
 * strings, JSON round trips, recursion: the mix a lab cell does) runs in pairs, once plain
 * (the reference) and once inside perf.profile at the default 1 ms interval, interleaved and
 * alternating which goes first so drift and load hit both sides alike. Each pair gives a ratio
 * profiled/plain of the workload's own time (measured inside the function, so it is the
 * slowdown the sampler causes; on-CPU time of the thread, see threadCpuMs, and wall time); the report is the median ratio with a bootstrap 95% interval
 * (seeded). A second ratio includes perf.profile's fixed costs (starting the profiler,
 * stopping it, narrowing and importing the profile), which matter for short calls.
 * Target: median slowdown under 5%.
 *
 *   npx tsx bench/perf/profileOverhead.bench.ts [rounds=30] [intervalUs=1000]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { median } from '../../extension/perf/stats/descriptive';
import { bootstrapInterval } from '../../extension/perf/stats/confidence';
import { DEFAULT_INTERVAL_US, profile } from '../../extension/sdk/perfProfile';
import { createRandom } from '../../extension/util/prng';

const rounds = Number(process.argv[2] ?? 30);
const intervalUs = Number(process.argv[3] ?? DEFAULT_INTERVAL_US);

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/** About 100 ms of mixed CPU work on this machine; deterministic, returns a checksum. */
function workload(): number {
  const rng = createRandom(42);
  const xs = Array.from({ length: 60_000 }, () => rng.int(1_000_000));
  xs.sort((a, b) => a - b);
  const m = new Map<string, number>();
  for (let i = 0; i < 60_000; i++) m.set(`key-${xs[i] as number}`, i);
  let check = 0;
  for (let i = 0; i < 30; i++) {
    const o = JSON.parse(JSON.stringify({ i, xs: xs.slice(i * 100, i * 100 + 300) })) as { xs: number[] };
    check += o.xs.length;
  }
  return check + m.size + fib(24);
}

/**
 * On-CPU time of this thread in ms: /proc/thread-self/schedstat's first field (nanoseconds, from
 * the scheduler) on Linux — the profiled thread's own slowdown, without the profiler's sampler
 * thread and without time spent waiting for a core on a shared machine. Elsewhere, the
 * process's user + system time, which also counts the sampler thread.
 */
const threadCpuMs: () => number = fs.existsSync('/proc/thread-self/schedstat')
  ? () => Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6
  : () => {
      const c = process.cpuUsage();
      return (c.user + c.system) / 1000;
    };
const CPU_SOURCE = fs.existsSync('/proc/thread-self/schedstat') ? 'thread on-CPU time (schedstat)' : 'process CPU time';

function timed(): { cpuMs: number; ms: number; value: number } {
  const c0 = threadCpuMs();
  const t0 = performance.now();
  const value = workload();
  const ms = performance.now() - t0;
  return { cpuMs: threadCpuMs() - c0, ms, value };
}

async function main(): Promise<void> {
  console.log(
    `perf.profile overhead: ${rounds} interleaved pairs, interval ${intervalUs} µs, ${CPU_SOURCE}, Node ${process.version}, ${os.availableParallelism()} CPUs, load ${os.loadavg()[0]?.toFixed(2)}`,
  );
  for (let i = 0; i < 5; i++) workload(); // warm up the JIT for both sides alike
  const plain: number[] = [];
  const inside: number[] = [];
  const plainWall: number[] = [];
  const insideWall: number[] = [];
  const whole: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const runPlain = (): void => {
      const t = timed();
      plain.push(t.cpuMs);
      plainWall.push(t.ms);
    };
    const runProfiled = async (): Promise<void> => {
      let cpuMs = 0;
      let ms = 0;
      const t0 = performance.now();
      const p = await profile(
        () => {
          const t = timed();
          cpuMs = t.cpuMs;
          ms = t.ms;
          return t.value;
        },
        { intervalUs },
      );
      whole.push(performance.now() - t0);
      inside.push(cpuMs);
      insideWall.push(ms);
      if (!p.available) throw new Error(`no profile: ${p.unavailableReason}`);
    };
    if (r % 2 === 0) {
      runPlain();
      await runProfiled();
    } else {
      await runProfiled();
      runPlain();
    }
  }
  const ratios = inside.map((v, i) => v / (plain[i] as number));
  const wallRatios = insideWall.map((v, i) => v / (plainWall[i] as number));
  const wholeRatios = whole.map((v, i) => v / (plainWall[i] as number));
  const ci = (xs: number[]): string => {
    const c = bootstrapInterval(xs, median, { random: createRandom(7) });
    return `95% CI ${c.low.toFixed(3)}–${c.high.toFixed(3)}`;
  };
  const pct = (x: number): string => `${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(1)}%`;
  console.log(`plain workload            median ${median(plain).toFixed(1)} ms CPU, ${median(plainWall).toFixed(1)} ms wall`);
  console.log(`inside perf.profile       median ${median(inside).toFixed(1)} ms CPU, ${median(insideWall).toFixed(1)} ms wall`);
  console.log(`perf.profile end to end   median ${median(whole).toFixed(1)} ms wall (start, stop, narrow, import)`);
  const r = median(ratios);
  console.log(
    `slowdown (CPU time)       median ratio ${r.toFixed(3)} (${pct(r)}; ${ci(ratios)}); target < 5%: ${r < 1.05 ? 'met' : 'NOT met'}`,
  );
  console.log(`slowdown (wall time)      median ratio ${median(wallRatios).toFixed(3)} (${pct(median(wallRatios))}; ${ci(wallRatios)})`);
  console.log(`end to end vs plain wall  median ratio ${median(wholeRatios).toFixed(3)} (${pct(median(wholeRatios))})`);
}

void main();
