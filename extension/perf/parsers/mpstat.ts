/**
 * `mpstat -P ALL 1` (sysstat, mpstat(1)): per interval one row per CPU ("all", then 0, 1, …)
 * with %usr %nice %sys %iowait %irq %soft %steal %guest %gnice %idle, and "Average:" rows at
 * the end. sysstat before 8.1 named the first columns %user/%system; %gnice arrived in 10.1.
 */
import { cellNumber, findBlock, parseColumnBlocks, type ColumnRow } from './columnBlocks';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface MpstatRow {
  time?: string;
  cpu: string;
  usrPct?: number;
  nicePct?: number;
  sysPct?: number;
  iowaitPct?: number;
  irqPct?: number;
  softPct?: number;
  stealPct?: number;
  idlePct?: number;
}

export interface Mpstat {
  samples: MpstatRow[];
  average: MpstatRow[];
}

function toRow(r: ColumnRow): MpstatRow {
  const row: MpstatRow = {
    cpu: r.cells['CPU'] ?? '?',
    usrPct: cellNumber(r, '%usr', '%user'),
    nicePct: cellNumber(r, '%nice'),
    sysPct: cellNumber(r, '%sys', '%system'),
    iowaitPct: cellNumber(r, '%iowait'),
    irqPct: cellNumber(r, '%irq'),
    softPct: cellNumber(r, '%soft'),
    stealPct: cellNumber(r, '%steal'),
    idlePct: cellNumber(r, '%idle'),
  };
  if (r.time !== undefined) row.time = r.time;
  return row;
}

export function parseMpstat(text: string): Parsed<Mpstat> {
  const block = findBlock(parseColumnBlocks(text), ['CPU'], ['%idle']);
  if (!block) return parsedFail('no mpstat header with CPU and %idle');
  const notes = block.columns.includes('%steal') ? [] : ['no %steal column'];
  return parsedOk(
    { samples: block.rows.filter((r) => !r.summary).map(toRow), average: block.rows.filter((r) => r.summary).map(toRow) },
    notes,
  );
}
