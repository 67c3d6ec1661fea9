/**
 * `pidstat 1` (sysstat, pidstat(1)): per interval one row per active task with
 * UID PID %usr %system %guest [%wait] %CPU CPU Command. %wait (time runnable but waiting for
 * a CPU, from sysstat 11.5.5) is the per-process view of CPU saturation; older versions lack
 * it. With -h, sysstat prints "#" before the header; we accept both.
 */
import { cellNumber, parseColumnBlocks, type ColumnRow } from './columnBlocks';
import { parsedFail, parsedOk, type Parsed } from './parsed';

export interface PidstatRow {
  time?: string;
  pid: number;
  uid?: number;
  usrPct?: number;
  systemPct?: number;
  waitPct?: number;
  cpuPct?: number;
  cpu?: number;
  command: string;
}

export interface Pidstat {
  samples: PidstatRow[];
  average: PidstatRow[];
}

function toRow(r: ColumnRow): PidstatRow | undefined {
  const pid = cellNumber(r, 'PID');
  if (pid === undefined) return undefined;
  const row: PidstatRow = {
    pid,
    uid: cellNumber(r, 'UID'),
    usrPct: cellNumber(r, '%usr', '%user'),
    systemPct: cellNumber(r, '%system'),
    waitPct: cellNumber(r, '%wait'),
    cpuPct: cellNumber(r, '%CPU'),
    cpu: cellNumber(r, 'CPU'),
    command: r.cells['Command'] ?? '?',
  };
  if (r.time !== undefined) row.time = r.time;
  return row;
}

export function parsePidstat(text: string): Parsed<Pidstat> {
  const cleaned = text.replace(/^#\s*/gm, '');
  const block = parseColumnBlocks(cleaned).find((b) => b.columns.includes('PID') && b.columns.includes('%CPU'));
  if (!block) return parsedFail('no pidstat header with PID and %CPU');
  const rows = (summary: boolean): PidstatRow[] =>
    block.rows
      .filter((r) => r.summary === summary)
      .map(toRow)
      .filter((r): r is PidstatRow => r !== undefined);
  return parsedOk(
    { samples: rows(false), average: rows(true) },
    block.columns.includes('%wait') ? [] : ['no %wait column (sysstat < 11.5.5)'],
  );
}
