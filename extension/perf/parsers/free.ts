/**
 * `free -m` (procps, free(1)), values in MiB. Two layouts:
 * - procps-ng ≥ 3.3.10:   total used free shared buff/cache available
 * - older:                total used free shared buffers cached, then "-/+ buffers/cache:"
 * free translates its labels ("Speicher:", "Mem.:"), so rows are recognised by position: the
 * first labelled row is memory, the row with exactly three numbers is swap. The layout is
 * told apart by the "-/+" line, falling back to the header words when they are English.
 */
import { parseNumber, splitFields } from './number';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface FreeMemory {
  totalMb: number;
  usedMb?: number;
  freeMb?: number;
  sharedMb?: number;
  buffCacheMb?: number;
  /** Only in the newer layout; the old one's "-/+ buffers/cache" free is the nearest thing. */
  availableMb?: number;
}

export interface Free {
  mem: FreeMemory;
  swap?: { totalMb: number; usedMb: number; freeMb: number };
  layout: 'available' | 'buffers-cached';
}

export function parseFree(text: string): Parsed<Free> {
  const lines = text.split('\n').filter((l) => l.trim());
  const oldLayout = lines.some((l) => l.trim().startsWith('-/+')) || /\bbuffers\s+cached\b/.test(lines[0] ?? '');
  const rows = lines
    .filter((l) => /^\s*\S+:/.test(l) && !l.trim().startsWith('-/+'))
    .map((l) => splitFields(l.slice(l.indexOf(':') + 1)).map(parseNumber));
  const plusMinus = lines.find((l) => l.trim().startsWith('-/+'));
  const memRow = rows.find((r) => r.length >= 3 && r.length !== 3) ?? rows[0];
  const swapRow = rows.find((r) => r !== memRow && r.length === 3);
  const total = memRow?.[0];
  if (!memRow || total === undefined) return parsedFail('no memory row');
  const [, used, free, shared, a, b] = memRow;
  const mem: FreeMemory = { totalMb: total, usedMb: used, freeMb: free, sharedMb: shared };
  const notes: string[] = [];
  if (oldLayout) {
    mem.buffCacheMb = a !== undefined && b !== undefined ? a + b : undefined;
    const pm = plusMinus ? splitFields(plusMinus.slice(plusMinus.indexOf(':') + 1)).map(parseNumber) : [];
    mem.availableMb = pm[1];
    notes.push('old layout: "available" approximated by the -/+ buffers/cache free column');
  } else {
    mem.buffCacheMb = a;
    mem.availableMb = b;
  }
  const value: Free = { mem, layout: oldLayout ? 'buffers-cached' : 'available' };
  const [st, su, sf] = swapRow ?? [];
  if (st !== undefined && su !== undefined && sf !== undefined) value.swap = { totalMb: st, usedMb: su, freeMb: sf };
  else notes.push('no swap row');
  return parsedOk(value, notes);
}
