/**
 * Turns whatever a cell threw into what the user should see: the message, and a stack whose
 * cell frames read "Cell 3:5:11" (line 1 columns corrected for the code rewriteTopLevel adds) with
 * the kernel's own frames removed.
 *
 * JavaScript can throw anything, and learner code does: `Object.create(null)` (no toString),
 * objects whose toString or getters throw, Symbols, revoked Proxies (even `instanceof` throws on
 * those). Every read of the thrown value is guarded, so this never throws: an exception here
 * would leave the cell without a result and the kernel waiting for one that never comes.
 */
import { inspect, types } from 'node:util';
import type { CellErrorInfo } from './kernelProtocol';

export const CELL_FILE_PREFIX = 'ddia-cell:';

/** Longest message we pass on; a thrown megabyte string is not a message. */
const MESSAGE_CHARS_MAX = 4000;

export function cellErrorInfo(
  err: unknown,
  prefixLengths: ReadonlyMap<string, number>,
  lineCounts: ReadonlyMap<string, number> = new Map(),
): CellErrorInfo {
  try {
    if (!isError(err)) {
      const message = `a value that is not an Error was thrown: ${showValue(err)}`;
      return { name: 'Error', message, stack: `Error: ${message}` };
    }
    const name = guarded(() => err.name, 'Error', 'Error');
    const message = guarded(() => err.message, '', '(its message cannot be read)');
    const stack = guarded(() => err.stack, '', '');
    const header = message ? `${name}: ${message}` : name;
    return { name, message, stack: [header, ...cellFrames(stack, prefixLengths, lineCounts)].join('\n') };
  } catch {
    const message = 'the cell threw a value that cannot be shown';
    return { name: 'Error', message, stack: `Error: ${message}` };
  }
}

function isError(value: unknown): value is Error {
  try {
    return types.isNativeError(value) || value instanceof Error;
  } catch {
    return false; // a revoked Proxy throws even on instanceof
  }
}

/** A string property read that may return a non-string (`missing` if none) or throw (`unreadable`). */
function guarded(read: () => unknown, missing: string, unreadable: string): string {
  try {
    const v = read();
    if (typeof v === 'string') return clip(v);
    return v === undefined || v === null ? missing : showValue(v);
  } catch {
    return unreadable;
  }
}

/** A short readable form of any value: String() first, util.inspect if that throws. */
export function showValue(value: unknown): string {
  try {
    if (typeof value !== 'object' && typeof value !== 'function') return clip(String(value));
  } catch {
    // fall through to inspect
  }
  try {
    return clip(inspect(value, { depth: 2, maxArrayLength: 20, maxStringLength: 500, breakLength: Infinity }));
  } catch {
    try {
      return clip(String(value));
    } catch {
      return `a value of type ${typeof value} that cannot be shown`;
    }
  }
}

function clip(s: string): string {
  return s.length > MESSAGE_CHARS_MAX ? `${s.slice(0, MESSAGE_CHARS_MAX)}… (${s.length} characters)` : s;
}

function cellFrames(stack: string, prefixLengths: ReadonlyMap<string, number>, lineCounts: ReadonlyMap<string, number>): string[] {
  const frames: string[] = [];
  for (const line of stack.split('\n').slice(1)) {
    if (!/^\s+at /.test(line)) continue;
    const cell = /ddia-cell:([^:)]+):(\d+):(\d+)/.exec(line);
    if (cell) {
      const label = cell[1] as string;
      const lineNo = Number(cell[2]);
      // The last line of the rewritten script only closes the async wrapper: not the user's code.
      if (lineNo > (lineCounts.get(label) ?? Infinity)) continue;
      const col = Number(cell[3]) - (lineNo === 1 ? (prefixLengths.get(label) ?? 0) : 0);
      frames.push(
        line
          .replace(cell[0], `${label}:${lineNo}:${Math.max(1, col)}`)
          .replace(/^\s+at (async )?(Object\.<anonymous>|<anonymous>) \((.*)\)$/, '    at $3'),
      );
      continue;
    }
    // Frames inside the kernel itself are noise for the learner.
    if (KERNEL_FRAME.test(line)) continue;
    frames.push(line);
  }
  return frames;
}

/** The kernel's bundles (dist/kernel.js, dist/kernel-process.js), their sources, and Node's internals. */
const KERNEL_FRAME = /[\\/]kernel(-process)?\.js:|kernelProcess\.ts|kernelBootstrap\.ts|node:internal|node:vm/;
