/**
 * /proc/meminfo ("MemTotal:       24683580 kB") and /proc/vmstat ("pgmajfault 1234") are both
 * one key and one number per line; this reads either into a map. Values in meminfo are kB
 * (the unit is printed, always "kB", meaning KiB); lines without a unit are page counts
 * (HugePages_*).
 */
import { parseNumber, splitFields } from './number';

export function parseKeyValueLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const f = splitFields(line);
    const key = f[0]?.replace(/:$/, '');
    const v = parseNumber(f[1]);
    if (key && v !== undefined) out.set(key, v);
  }
  return out;
}
