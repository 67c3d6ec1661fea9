/**
 * `uptime` (procps uptime(1), also BSD/macOS): "07:15:28 up 11 min,  0 user,  load average:
 * 2.66, 1.10, 0.56". macOS says "load averages: 1.52 1.66 1.73" without commas, and under a
 * decimal-comma locale procps prints "2,66, 1,10, 0,56", so we take the last three numbers
 * that have a fractional part rather than splitting on commas.
 */
import { parseNumber } from './number';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface Uptime {
  load1: number;
  load5: number;
  load15: number;
  users?: number;
  /** As printed, e.g. "11 min" or "3 days, 4:05". */
  up?: string;
}

export function parseUptime(text: string): Parsed<Uptime> {
  const line = text.split('\n').find((l) => /load average/i.test(l)) ?? text;
  const tail = line.slice(Math.max(0, line.toLowerCase().lastIndexOf('average')));
  const loads = (tail.match(/\d+[.,]\d+/g) ?? []).map(parseNumber);
  const [load1, load5, load15] = loads.slice(-3);
  if (loads.length < 3 || load1 === undefined || load5 === undefined || load15 === undefined) return parsedFail('no three load averages');
  const users = /(\d+)\s+users?\b/.exec(line);
  const up = /\bup\s+(.*?),\s+\d+\s+users?/.exec(line);
  const value: Uptime = { load1, load5, load15 };
  if (users) value.users = Number(users[1]);
  if (up) value.up = up[1];
  return parsedOk(value);
}
