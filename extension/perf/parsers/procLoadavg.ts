/**
 * /proc/loadavg (proc(5)): "0.20 0.18 0.12 1/80 11206" — load averages over 1, 5 and 15
 * minutes (on Linux they count runnable *and* uninterruptible tasks), then running/total
 * scheduling entities and the last PID allocated.
 */
import { parseNumber, splitFields } from './number';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface LoadAvg {
  load1: number;
  load5: number;
  load15: number;
  running?: number;
  total?: number;
}

export function parseLoadAvg(text: string): Parsed<LoadAvg> {
  const f = splitFields(text);
  const [load1, load5, load15] = f.slice(0, 3).map(parseNumber);
  if (load1 === undefined || load5 === undefined || load15 === undefined) return parsedFail('no three load averages');
  const m = /^(\d+)\/(\d+)$/.exec(f[3] ?? '');
  return parsedOk({ load1, load5, load15, running: m ? Number(m[1]) : undefined, total: m ? Number(m[2]) : undefined });
}
