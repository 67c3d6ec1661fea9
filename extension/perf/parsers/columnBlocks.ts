/**
 * A reader for the column reports sysstat (mpstat, pidstat, iostat, sar) and vmstat print:
 *
 *   Linux 6.1.0 (host)   11/26/2024   _x86_64_   (2 CPU)        ← banner, skipped
 *                                                                ← blank lines separate reports
 *   07:15:28 AM  CPU    %usr   %nice ...                         ← header: no numbers after the time
 *   07:15:29 AM  all    1,00    0,00 ...                         ← row: a time, then cells
 *   Average:     all    0.75    0.00 ...                         ← summary row (label ends in ':')
 *
 * Tolerated variations: a 12-hour time with AM/PM or a 24-hour one (one token vs two), no
 * time column at all (iostat, vmstat), localized summary labels ("Durchschn.:", "Moyenne:"),
 * decimal commas (cells stay strings; callers use parseNumber), the header repeated every
 * interval, and group lines above the header ("procs ---memory---"), where the last
 * non-numeric line before a row wins. Rows shorter than the header align to the right
 * (a missing leading label); longer rows fold the extra tokens into the last column
 * (command names with spaces in pidstat).
 */
import { parseNumber, splitFields } from './number';

export interface ColumnRow {
  /** Time of day as printed ("07:15:29 AM"), absent for summary rows and timeless tools. */
  time?: string;
  /** True for "Average:"-style summary rows. */
  summary: boolean;
  cells: Record<string, string>;
}

export interface ColumnBlock {
  columns: string[];
  rows: ColumnRow[];
}

const TIME = /^\d{1,2}:\d{2}(:\d{2})?$/;
const MERIDIEM = /^(AM|PM|am|pm|a\.m\.|p\.m\.)$/;

function stripTime(tokens: string[]): { time?: string; rest: string[] } {
  const first = tokens[0];
  if (first === undefined || !TIME.test(first)) return { rest: tokens };
  const second = tokens[1];
  if (second !== undefined && MERIDIEM.test(second)) return { time: `${first} ${second}`, rest: tokens.slice(2) };
  return { time: first, rest: tokens.slice(1) };
}

/** "Average:", "Durchschn.:": a word ending in a colon, not a number or a column like "%usr". */
function isLabel(token: string | undefined): boolean {
  return token !== undefined && /^[^\d\s%/][^\s]*:$/.test(token);
}

function isHeader(rest: string[]): boolean {
  return rest.length > 0 && rest.every((t) => parseNumber(t) === undefined);
}

export function parseColumnBlocks(text: string): ColumnBlock[] {
  const blocks: ColumnBlock[] = [];
  const byKey = new Map<string, ColumnBlock>();
  let current: ColumnBlock | undefined;
  for (const line of text.split('\n')) {
    if (/^\s*$/.test(line) || /^Linux\s/.test(line)) continue;
    const { time, rest: tokens } = stripTime(splitFields(line));
    if (isHeader(tokens)) {
      // "Average:  CPU %usr …" repeats a known header behind a label; "Device: r/s …" and
      // "avg-cpu: %user …" are headers whose first column name carries a colon.
      const unlabelled = isLabel(tokens[0]) ? byKey.get(tokens.slice(1).join(' ')) : undefined;
      const columns = tokens.map((c) => c.replace(/:$/, ''));
      const key = columns.join(' ');
      current = unlabelled ?? byKey.get(key);
      if (!current) {
        current = { columns, rows: [] };
        byKey.set(key, current);
        blocks.push(current);
      }
      continue;
    }
    const summary = time === undefined && isLabel(tokens[0]);
    const rest = summary ? tokens.slice(1) : tokens;
    if (!current) continue;
    const cols = current.columns;
    let cells = rest;
    if (cells.length > cols.length) cells = [...cells.slice(0, cols.length - 1), cells.slice(cols.length - 1).join(' ')];
    const offset = cols.length - cells.length;
    const record: Record<string, string> = {};
    cells.forEach((c, i) => (record[cols[i + offset] as string] = c));
    const row: ColumnRow = { summary, cells: record };
    if (time !== undefined) row.time = time;
    current.rows.push(row);
  }
  // Drop group lines and other headers that never got a row.
  return blocks.filter((b) => b.rows.length > 0);
}

/** The first of `names` present in the row, as a number; undefined when none is. */
export function cellNumber(row: ColumnRow, ...names: string[]): number | undefined {
  for (const n of names) {
    const v = parseNumber(row.cells[n]);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The block whose columns include every one of `required` (any alias per entry). */
export function findBlock(blocks: ColumnBlock[], ...required: string[][]): ColumnBlock | undefined {
  return blocks.find((b) => required.every((aliases) => aliases.some((a) => b.columns.includes(a))));
}
