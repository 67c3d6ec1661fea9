/**
 * /proc/stat (proc(5)). Lines used:
 *   cpu  user nice system idle iowait irq softirq steal guest guest_nice   (aggregate)
 *   cpuN ...                                                             (one per CPU)
 *   ctxt N, procs_running N, procs_blocked N, btime N
 * Times are cumulative since boot in USER_HZ ticks (almost always 1/100 s). Kernels before
 * 2.6 print only the first four columns, before 2.6.11 no steal, before 2.6.33 no guest_nice:
 * absent columns are undefined. guest and guest_nice are already included in user and nice.
 */
import { parseNumber, splitFields } from './number';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface CpuTimes {
  /** "cpu" for the aggregate, "cpu0", "cpu1", … */
  name: string;
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait?: number;
  irq?: number;
  softirq?: number;
  steal?: number;
  guest?: number;
  guestNice?: number;
}

export interface ProcStat {
  total: CpuTimes;
  cpus: CpuTimes[];
  contextSwitches?: number;
  procsRunning?: number;
  procsBlocked?: number;
  bootTimeSec?: number;
}

const OPTIONAL = ['iowait', 'irq', 'softirq', 'steal', 'guest', 'guestNice'] as const;

export function parseProcStat(text: string): Parsed<ProcStat> {
  let total: CpuTimes | undefined;
  const cpus: CpuTimes[] = [];
  const out: Omit<ProcStat, 'total' | 'cpus'> = {};
  for (const line of text.split('\n')) {
    const f = splitFields(line);
    const key = f[0];
    if (key === undefined) continue;
    if (/^cpu\d*$/.test(key)) {
      const n = f.slice(1).map(parseNumber);
      const [user, nice, system, idle] = n;
      if (user === undefined || nice === undefined || system === undefined || idle === undefined) continue;
      const t: CpuTimes = { name: key, user, nice, system, idle };
      OPTIONAL.forEach((k, i) => {
        const v = n[4 + i];
        if (v !== undefined) t[k] = v;
      });
      if (key === 'cpu') total = t;
      else cpus.push(t);
    } else {
      const v = parseNumber(f[1]);
      if (v === undefined) continue;
      if (key === 'ctxt') out.contextSwitches = v;
      else if (key === 'procs_running') out.procsRunning = v;
      else if (key === 'procs_blocked') out.procsBlocked = v;
      else if (key === 'btime') out.bootTimeSec = v;
    }
  }
  if (!total) return parsedFail('no aggregate "cpu" line: not /proc/stat');
  const notes = total.iowait === undefined ? ['no iowait column (kernel before 2.6)'] : [];
  return parsedOk({ total, cpus, ...out }, notes);
}
