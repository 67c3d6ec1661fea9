/**
 * CPUs under the USE method (Gregg, *Systems Performance*, ch. 6):
 * - utilization: busy ticks / all ticks between two /proc/stat readings, where busy excludes
 *   idle and iowait (iowait is idle time with I/O outstanding, not CPU work). Per-CPU busy
 *   fractions go to details, because one hot CPU hides inside a calm average.
 * - saturation: runnable tasks per CPU (procs_running / CPUs; > 1 means a queue), made worse
 *   by CPU pressure (PSI "some" avg10 > 10% warn, > 25% bad). The load averages count
 *   uninterruptible I/O waits on Linux, so they are evidence, not the measure.
 * - errors: not in /proc; machine-check events live in dmesg / EDAC.
 * Thresholds: utilization 70% warn, 90% bad; run queue per CPU 1 warn, 2 bad.
 */
import { type CpuTimes } from '../parsers/procStat';
import { notAvailable, stateAbove, stateFor, worst, type Metric, type UseState } from './metric';
import { counterDelta, pct, type ResourceUse } from './resource';
import { type SystemSnapshot } from './snapshot';

function totals(t: CpuTimes): { all: number; idle: number } {
  const idle = t.idle + (t.iowait ?? 0);
  // guest and guestNice are already counted inside user and nice.
  const all = t.user + t.nice + t.system + idle + (t.irq ?? 0) + (t.softirq ?? 0) + (t.steal ?? 0);
  return { all, idle };
}

/** Busy fraction between two readings of one CPU line, undefined if the counters went back. */
export function busyFraction(a: CpuTimes, b: CpuTimes): number | undefined {
  const ta = totals(a);
  const tb = totals(b);
  const all = counterDelta(ta.all, tb.all);
  const idle = counterDelta(ta.idle, tb.idle);
  if (all === undefined || idle === undefined || all === 0) return undefined;
  return (all - idle) / all;
}

export function useCpu(prev: SystemSnapshot, cur: SystemSnapshot): ResourceUse {
  const details: Record<string, number> = {};
  let utilization: Metric = notAvailable('no /proc/stat (per-CPU times)');
  if (prev.stat && cur.stat) {
    const busy = busyFraction(prev.stat.total, cur.stat.total);
    const perCpu: string[] = [];
    for (const c of cur.stat.cpus) {
      const p = prev.stat.cpus.find((x) => x.name === c.name);
      const f = p ? busyFraction(p, c) : undefined;
      if (f !== undefined) {
        details[`${c.name} busy`] = f;
        perCpu.push(`${c.name} ${pct(f)}`);
      }
    }
    if (busy !== undefined) {
      utilization = {
        value: busy,
        unit: 'fraction',
        state: stateFor(busy, 0.7, 0.9),
        evidence: `busy ${pct(busy)} of all CPU time (${perCpu.join(', ')})`,
      };
    }
  }
  let saturation: Metric = notAvailable('no run-queue length (procs_running) or CPU pressure');
  const running = cur.stat?.procsRunning;
  const psi = cur.pressure.cpu?.some.avg10;
  if (running !== undefined || psi !== undefined) {
    const evidence: string[] = [];
    const states: UseState[] = [];
    let value = NaN;
    if (running !== undefined) {
      value = running / cur.cpuCount;
      details['runnable'] = running;
      states.push(stateAbove(value, 1, 2));
      evidence.push(`${running} runnable on ${cur.cpuCount} CPUs`);
    }
    if (psi !== undefined) {
      details['cpu pressure avg10 %'] = psi;
      states.push(stateFor(psi, 10, 25));
      evidence.push(`CPU pressure (some) ${psi.toFixed(2)}% over 10 s`);
    }
    if (cur.loadavg) evidence.push(`load average ${cur.loadavg.load1} ${cur.loadavg.load5} ${cur.loadavg.load15}`);
    saturation = Number.isNaN(value)
      ? { value: psi ?? 0, unit: '% time stalled', state: worst(...states), evidence: evidence.join('; ') }
      : { value, unit: 'runnable per CPU', state: worst(...states), evidence: evidence.join('; ') };
  }
  return {
    kind: 'cpu',
    name: 'CPUs',
    utilization,
    saturation,
    errors: notAvailable('CPU errors come from machine-check logs (dmesg, EDAC), not /proc'),
    details,
  };
}
