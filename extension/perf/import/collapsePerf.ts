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
 *   (not `[unknown]`), `jit` tags `_[j]` on frames from `/tmp/perf-N.map`.
 */

export interface CollapseOptions {
  readonly pid?: boolean;
  readonly tid?: boolean;
  readonly kernel?: boolean;
  readonly jit?: boolean;
  /** kernel + jit. */
  readonly all?: boolean;
  readonly addrs?: boolean;
}

const HEADER = /^(\S.+?)\s+(\d+)\/*(\d+)*\s+/;
const PERIOD_EVENT = /:\s*(\d+)*\s+(\S+):\s*$/;
const FRAME = /^\s*(\w+)\s*(.+) \((\S*)\)/;

export function collapsePerfScript(text: string, options: CollapseOptions = {}): string {
  const annotateKernel = options.kernel === true || options.all === true;
  const annotateJit = options.jit === true || options.all === true;
  const collapsed = new Map<string, number>();
  let stack: string[] = [];
  let pname: string | undefined;
  let period = 1;
  let eventFilter: string | undefined;

  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the final newline ends a line, it is not a blank line
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    if (line === '') {
      if (!pname) continue;
      stack.unshift(pname);
      const key = stack.join(';');
      collapsed.set(key, (collapsed.get(key) ?? 0) + period);
      stack = [];
      pname = undefined;
      continue;
    }
    const h = HEADER.exec(line);
    if (h) {
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
        if (eventFilter === undefined) eventFilter = event;
        else if (event !== eventFilter) continue;
      }
      period = eventPeriod && Number(eventPeriod) !== 0 ? Number(eventPeriod) : 1;
      pname = (options.tid ? `${comm}-${pid}/${tid}` : options.pid ? `${comm}-${pid}` : comm).replace(/ /g, '_');
      continue;
    }
    const f = FRAME.exec(line);
    if (!f) continue; // the reference warns about unrecognised lines and goes on
    if (!pname) continue;
    const pc = f[1] as string;
    const mod = f[3] as string;
    const rawFunc = (f[2] as string).replace(/\+0x[\da-f]+$/, '');
    if (rawFunc.startsWith('(')) continue;
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
      } else if (annotateKernel && /(^\[|vmlinux$)/.test(mod) && !mod.includes('unknown')) func += '_[k]';
      else if (annotateJit && /\/tmp\/perf-\d+\.map/.test(mod)) {
        if (!func.includes('_[j]')) func += '_[j]';
      }
      inline.push(func);
    }
    stack.unshift(...inline);
  }
  const keys = [...collapsed.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => `${k} ${collapsed.get(k)}\n`).join('');
}
