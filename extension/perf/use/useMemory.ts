/**
 * Memory under the USE method:
 * - utilization: 1 − MemAvailable / MemTotal. MemAvailable (Linux ≥ 3.14) is the kernel's own
 *   estimate of what can be had without swapping; "free" memory undercounts it badly because
 *   the page cache is reclaimable. Thresholds 85% warn, 95% bad.
 * - saturation: pages swapped in + out per second (any swapping is a warning; more than 1000
 *   pages/s is bad), with major faults per second and memory pressure (PSI) as evidence and
 *   PSI "some" avg10 > 10% warn, > 25% bad.
 * - errors: OOM kills in the interval (/proc/vmstat oom_kill, Linux ≥ 4.13); any is bad.
 */
import { notAvailable, stateAbove, stateFor, worst, type Metric, type UseState } from './metric';
import { counterDelta, pct, type ResourceUse } from './resource';
import { type SystemSnapshot } from './snapshot';

export function useMemory(prev: SystemSnapshot, cur: SystemSnapshot, elapsedSec: number): ResourceUse {
  const details: Record<string, number> = {};
  const mi = cur.meminfo;
  let utilization: Metric = notAvailable('no /proc/meminfo');
  if (mi && mi.memAvailableKb === undefined) utilization = notAvailable('no MemAvailable in /proc/meminfo (kernel before 3.14)');
  if (mi && mi.memAvailableKb !== undefined && mi.memTotalKb > 0) {
    const used = 1 - mi.memAvailableKb / mi.memTotalKb;
    details['available MiB'] = mi.memAvailableKb / 1024;
    utilization = {
      value: used,
      unit: 'fraction',
      state: stateFor(used, 0.85, 0.95),
      evidence: `${(mi.memAvailableKb / 1024).toFixed(0)} MiB available of ${(mi.memTotalKb / 1024).toFixed(0)} MiB (${pct(used)} in use)`,
    };
  }
  let saturation: Metric = notAvailable('no swap counters (pswpin/pswpout in /proc/vmstat)');
  const swapIn = counterDelta(prev.vmstat?.pswpin, cur.vmstat?.pswpin);
  const swapOut = counterDelta(prev.vmstat?.pswpout, cur.vmstat?.pswpout);
  if (swapIn !== undefined && swapOut !== undefined && elapsedSec > 0) {
    const rate = (swapIn + swapOut) / elapsedSec;
    const states: UseState[] = [stateAbove(rate, 0, 1000)];
    const evidence = [`${(swapIn / elapsedSec).toFixed(1)} pages/s swapped in, ${(swapOut / elapsedSec).toFixed(1)} out`];
    const majors = counterDelta(prev.vmstat?.pgmajfault, cur.vmstat?.pgmajfault);
    if (majors !== undefined) {
      details['major faults/s'] = majors / elapsedSec;
      evidence.push(`${(majors / elapsedSec).toFixed(1)} major faults/s`);
    }
    const psi = cur.pressure.memory?.some.avg10;
    if (psi !== undefined) {
      details['memory pressure avg10 %'] = psi;
      states.push(stateFor(psi, 10, 25));
      evidence.push(`memory pressure (some) ${psi.toFixed(2)}%`);
    }
    details['swap pages/s'] = rate;
    saturation = { value: rate, unit: 'pages/s', state: worst(...states), evidence: evidence.join('; ') };
  }
  const ooms = counterDelta(prev.vmstat?.oomKill, cur.vmstat?.oomKill);
  const errors: Metric =
    ooms === undefined
      ? notAvailable('no oom_kill counter (kernel before 4.13)')
      : {
          value: ooms,
          unit: 'OOM kills',
          state: ooms > 0 ? 'bad' : 'ok',
          evidence: `${ooms} processes killed by the OOM killer in the interval`,
        };
  return { kind: 'memory', name: 'memory', utilization, saturation, errors, details };
}
