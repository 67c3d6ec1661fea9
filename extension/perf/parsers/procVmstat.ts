/**
 * /proc/vmstat: cumulative VM event counters since boot. We name the ones the USE method
 * reads: pswpin/pswpout (pages swapped in/out), pgmajfault (major page faults, i.e. faults
 * that needed I/O), and oom_kill (Linux ≥ 4.13). Everything is also kept in `raw`.
 */
import { parsedFail, parsedOk, type Parsed } from './parsed';
import { parseKeyValueLines } from './procKeyValue';

export interface VmStat {
  pswpin?: number;
  pswpout?: number;
  pgmajfault?: number;
  oomKill?: number;
  raw: Map<string, number>;
}

export function parseProcVmstat(text: string): Parsed<VmStat> {
  const raw = parseKeyValueLines(text);
  if (raw.size === 0) return parsedFail('no counters');
  const value: VmStat = {
    pswpin: raw.get('pswpin'),
    pswpout: raw.get('pswpout'),
    pgmajfault: raw.get('pgmajfault'),
    oomKill: raw.get('oom_kill'),
    raw,
  };
  const notes = (['pswpin', 'pswpout', 'pgmajfault'] as const).filter((k) => value[k] === undefined).map((k) => `no ${k} counter`);
  return parsedOk(value, notes);
}
