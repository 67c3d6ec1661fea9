/**
 * Tokenising `perf script` text (reference: tools/perf/builtin-script.c in Linux; the inputs of
 * FlameGraph's stackcollapse-perf.pl). A recording is a sequence of blocks separated by blank
 * lines; `#` lines are header comments. A block is one event:
 *
 *   <comm> <tid | pid/tid> [<cpu>] <time>: [<period>] <event>:      (time, cpu, period optional)
 *   \t<addr> <symbol>[+0x<off>] (<dso>)                               innermost frame first
 *   \t<addr> <symbol> (<dso>)
 *
 * The command name may contain spaces ("V8 WorkerThread 25607 ...").
 */

export interface PerfFrame {
  readonly address: string;
  /** Symbol with any `+0x…` offset removed; `[unknown]` when perf could not resolve it. */
  readonly symbol: string;
  readonly dso: string;
}

export interface PerfEvent {
  readonly command: string;
  readonly pid: number | null;
  readonly tid: number;
  readonly time: number | null;
  readonly period: number | null;
  readonly eventType: string;
  /** Root first. */
  readonly stack: readonly PerfFrame[];
  /** 1-based line of the header, for error messages. */
  readonly line: number;
}

export const PERF_HEADER = /^(\S.+?)\s+(\d+)(?:\/(\d+))?\s+/;
const TIME = /\s+(\d+\.\d+):\s+/;
// The period needs the colon after the time before it, or a TID would read as a period.
const PERIOD_EVENT = /:\s*(\d+)?\s+(\S+):\s*$/;
const EVENT = /(\S+):\s*$/;
export const PERF_FRAME = /^\s*(\w+)\s*(.+) \((\S*)\)/;

/** True when the text has at least one event header followed by a stack frame line. */
export function looksLikePerfScript(text: string): boolean {
  const lines = text.slice(0, 65536).split(/\r?\n/);
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.startsWith('#') && PERF_HEADER.test(line) && /:\s*$/.test(line) && PERF_FRAME.test(lines[i + 1] as string)) return true;
  }
  return false;
}

export function parsePerfScript(text: string): PerfEvent[] {
  const events: PerfEvent[] = [];
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    // Skip blank and comment lines to the next header.
    while (i < lines.length && ((lines[i] as string).trim() === '' || (lines[i] as string).startsWith('#'))) i++;
    if (i >= lines.length) break;
    const headerLine = i + 1;
    const header = lines[i++] as string;
    const stack: PerfFrame[] = [];
    while (i < lines.length && (lines[i] as string).trim() !== '') {
      const line = lines[i++] as string;
      if (line.startsWith('#')) continue;
      const m = PERF_FRAME.exec(line);
      if (m) stack.push({ address: m[1] as string, symbol: (m[2] as string).replace(/\+0x[\da-f]+$/, ''), dso: m[3] as string });
    }
    const h = PERF_HEADER.exec(header);
    if (!h) continue; // stray text between events: perf never prints it, ignore like the reference tools
    const time = TIME.exec(header);
    const pe = PERIOD_EVENT.exec(header);
    const ev = EVENT.exec(header);
    stack.reverse();
    events.push({
      command: h[1] as string,
      pid: h[3] !== undefined ? Number(h[2]) : null,
      tid: Number(h[3] ?? h[2]),
      time: time ? Number(time[1]) : null,
      period: pe?.[1] !== undefined ? Number(pe[1]) : null,
      eventType: ev?.[1] ?? '',
      stack,
      line: headerLine,
    });
  }
  return events;
}
