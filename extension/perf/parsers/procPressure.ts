/**
 * /proc/pressure/{cpu,memory,io} (kernel Documentation/accounting/psi.rst, Linux ≥ 4.20 with
 * CONFIG_PSI and psi not disabled):
 *   some avg10=0.00 avg60=0.00 avg300=0.00 total=0
 *   full avg10=0.00 avg60=0.00 avg300=0.00 total=0
 * avgN are percentages of wall time some (or all non-idle) tasks were stalled on the
 * resource; total is cumulative stall time in microseconds. The cpu file has no "full" line
 * before 5.13 (and it is meaningless system-wide), so `full` may be undefined.
 */
import { parseNumber, splitFields } from './number';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface PressureLine {
  avg10: number;
  avg60: number;
  avg300: number;
  totalUs: number;
}

export interface Pressure {
  some: PressureLine;
  full?: PressureLine;
}

function parseLine(fields: string[]): PressureLine | undefined {
  const kv = new Map(fields.map((f) => f.split('=') as [string, string]));
  const avg10 = parseNumber(kv.get('avg10'));
  const avg60 = parseNumber(kv.get('avg60'));
  const avg300 = parseNumber(kv.get('avg300'));
  const totalUs = parseNumber(kv.get('total'));
  if (avg10 === undefined || avg60 === undefined || avg300 === undefined || totalUs === undefined) return undefined;
  return { avg10, avg60, avg300, totalUs };
}

export function parsePressure(text: string): Parsed<Pressure> {
  let some: PressureLine | undefined;
  let full: PressureLine | undefined;
  for (const line of text.split('\n')) {
    const f = splitFields(line);
    if (f[0] === 'some') some = parseLine(f.slice(1));
    else if (f[0] === 'full') full = parseLine(f.slice(1));
  }
  if (!some) return parsedFail('no "some" line: not a PSI file');
  return parsedOk(full ? { some, full } : { some }, full ? [] : ['no "full" line']);
}
