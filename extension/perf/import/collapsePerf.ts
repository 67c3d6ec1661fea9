/**
 * A re-implementation of FlameGraph's `stackcollapse-perf.pl` (brendangregg/FlameGraph,
 * CDDL-1.0; behaviour of commit 41fee1f, 2024): `perf script` text → folded stacks, byte for
 * byte, so the FlameGraph test results are our oracle. Written from the documented behaviour;
 * no code is copied.
 *
 * Output: `comm;root;...;leaf weight\n` per distinct stack, sorted by code unit (read and
 * write the text as latin1 to get Perl's byte order for non-ASCII names). Rules, in order:
 *
 * - `#` lines are skipped; a sample is only recorded at the blank line that ends it, so a
 *   file without a final blank line loses its last sample (the reference does the same);
 * - header `comm [pid/]tid ... [time:] [period] event:` — the first event type seen is the
 *   only one kept; the weight is the period when printed, else 1; `pid`/`tid` options name the
 *   process `comm-pid` / `comm-pid/tid`, with `?` for a pid perf did not print; spaces in comm
 *   become `_`;
 * - frame `addr symbol[+0xoff] (dso)`: offsets stripped; names starting with `(` skipped;
 *   `a->b` (inlined) split, later parts tagged `_[i]`; `[unknown]` becomes `[dso basename]`
 *   (or `[unknown]`), with ` <addr>` inside the brackets under `addrs`; `;` → `:`; from the
 *   first `(` on is cut unless it looks like a Go method `.(…).` or is `(anonymous
 *   namespace)`; quotes removed; for processes named java*, a leading `L` is dropped from
 *   names containing `/`; `kernel` tags `_[k]` on frames from `[…]` or `…vmlinux` modules
 *   (not `[unknown]`), `jit` tags `_[j]` on frames from `/tmp/perf-N.map`;
 * - `eventFilter` keeps only samples of that event instead of the first one seen.
 *
 * `PerfCollapser` takes the text a line at a time (no recursion, no whole-text string), so a
 * stack of any depth and an input larger than a JavaScript string can be collapsed; memory is
 * what the distinct stacks take. `collapsePerfScript` is the whole-text convenience.
 */

export interface CollapseOptions {
  readonly pid?: boolean;
  readonly tid?: boolean;
  readonly kernel?: boolean;
  readonly jit?: boolean;
  /** kernel + jit. */
  readonly all?: boolean;
  readonly addrs?: boolean;
  /** Keep only samples of this event (stackcollapse-perf.pl `--event-filter`); default: the first event seen. */
  readonly eventFilter?: string;
}

const HEADER = /^(\S.+?)\s+(\d+)\/*(\d+)*\s+/;
const PERIOD_EVENT = /:\s*(\d+)*\s+(\S+):\s*$/;
const FRAME = /^\s*(\w+)\s*(.+) \((\S*)\)/;

/** Perl `cmp` on the UTF-8 bytes of two strings: code point order (UTF-16 code unit order differs above U+D7FF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (U+10000 and up) sort after U+E000..U+FFFF in code point order.
      x = x < 0xe000 ? x + 0x2000 : x - 0x800;
      y = y < 0xe000 ? y + 0x2000 : y - 0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** stackcollapse-perf.pl fed one line at a time (lines without their `\n`). */
export class PerfCollapser {
  private readonly annotateKernel: boolean;
  private readonly annotateJit: boolean;
  private readonly collapsed = new Map<string, number>();
  /** Frames of the sample being read, leaf first (perf prints the innermost frame first). */
  private stack: string[] = [];
  private pname: string | undefined;
  private period = 1;
  private eventFilter: string | undefined;
  /** Samples recorded (ended by a blank line). */
  samples = 0;

  constructor(private readonly options: CollapseOptions = {}) {
    this.annotateKernel = options.kernel === true || options.all === true;
    this.annotateJit = options.jit === true || options.all === true;
    this.eventFilter = options.eventFilter;
  }

  line(line: string): void {
    if (line.startsWith('#')) return;
    if (line === '') {
      this.endSample();
      return;
    }
    const h = HEADER.exec(line);
    if (h) {
      this.header(line, h);
      return;
    }
    if (!this.pname) return;
    const f = FRAME.exec(line);
    if (!f) return; // the reference warns about unrecognised lines and goes on
    this.frame(f[1] as string, f[2] as string, f[3] as string);
  }

  /** Distinct stacks (`comm;root;...;leaf`) with their weights, in Perl's sort order. */
  *entries(): Generator<[stack: string, weight: number]> {
    const keys = [...this.collapsed.keys()].sort(compareCodePoints);
    for (const k of keys) yield [k, this.collapsed.get(k) as number];
  }

  /** Output lines without the final newline. */
  *lines(): Generator<string> {
    for (const [k, w] of this.entries()) yield `${k} ${w}`;
  }

  get distinctStacks(): number {
    return this.collapsed.size;
  }

  private endSample(): void {
    if (!this.pname) return;
    const frames = this.stack;
    frames.push(this.pname);
    frames.reverse();
    const key = frames.join(';');
    this.collapsed.set(key, (this.collapsed.get(key) ?? 0) + this.period);
    this.samples++;
    this.stack = [];
    this.pname = undefined;
  }

  private header(line: string, h: RegExpExecArray): void {
    const comm = h[1] as string;
    let pid = h[2] as string;
    let tid = h[3];
    if (!tid) {
      tid = pid;
      pid = '?';
    }
    let eventPeriod: string | undefined;
    const pe = PERIOD_EVENT.exec(line);
    if (pe) {
      eventPeriod = pe[1];
      const event = pe[2] as string;
      if (this.eventFilter === undefined) this.eventFilter = event;
      else if (event !== this.eventFilter) return;
    }
    this.period = eventPeriod && Number(eventPeriod) !== 0 ? Number(eventPeriod) : 1;
    const options = this.options;
    this.pname = (options.tid ? `${comm}-${pid}/${tid}` : options.pid ? `${comm}-${pid}` : comm).replace(/ /g, '_');
  }

  private frame(pc: string, symbol: string, mod: string): void {
    const options = this.options;
    const pname = this.pname as string;
    const rawFunc = symbol.replace(/\+0x[\da-f]+$/, '');
    if (rawFunc.startsWith('(')) return;
    const inline: string[] = [];
    for (let func of rawFunc.split('->')) {
      if (func === '[unknown]') {
        func = mod !== '[unknown]' ? mod.replace(/.*\//, '') : 'unknown';
        func = options.addrs ? `[${func} <${pc}>]` : `[${func}]`;
      }
      func = func.replace(/;/g, ':');
      if (!/\.\(.*\)\./.test(func)) func = func.replace(/\((?!anonymous namespace\)).*/, '');
      func = func.replace(/["']/g, '');
      if (/^java/.test(pname) && func.includes('/')) func = func.replace(/^L/, '');
      if (inline.length > 0) {
        if (!func.includes('_[i]')) func += '_[i]';
      } else if (this.annotateKernel && /(^\[|vmlinux$)/.test(mod) && !mod.includes('unknown')) func += '_[k]';
      else if (this.annotateJit && /\/tmp\/perf-\d+\.map/.test(mod)) {
        if (!func.includes('_[j]')) func += '_[j]';
      }
      inline.push(func);
    }
    // The stack is kept leaf first; an inlined chain `a->b` is outermost first, so it goes in reversed.
    for (let i = inline.length - 1; i >= 0; i--) this.stack.push(inline[i] as string);
  }
}

export function collapsePerfScript(text: string, options: CollapseOptions = {}): string {
  const collapser = new PerfCollapser(options);
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      // The final newline ends a line, it is not a blank line.
      if (start < text.length) collapser.line(text.slice(start));
      break;
    }
    collapser.line(text.slice(start, nl));
    start = nl + 1;
  }
  let out = '';
  for (const line of collapser.lines()) out += `${line}\n`;
  return out;
}
