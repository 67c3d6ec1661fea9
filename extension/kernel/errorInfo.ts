/**
 * Turns an error thrown by a cell into what the user should see: the message, and a stack whose
 * cell frames read "Cell 3:5:11" (line 1 columns corrected for the code rewriteTopLevel adds) with
 * the kernel's own frames removed.
 */
import type { CellErrorInfo } from './kernelProtocol';

export const CELL_FILE_PREFIX = 'ddia-cell:';

export function cellErrorInfo(
  err: unknown,
  prefixLengths: ReadonlyMap<string, number>,
  lineCounts: ReadonlyMap<string, number> = new Map(),
): CellErrorInfo {
  if (!(err instanceof Error)) {
    return { name: 'Error', message: `a value that is not an Error was thrown: ${String(err)}`, stack: '' };
  }
  const lines = (err.stack ?? '').split('\n');
  const frames: string[] = [];
  for (const line of lines.slice(1)) {
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
    if (/kernel-worker\.js|kernelWorker\.ts|node:internal|node:vm/.test(line)) continue;
    frames.push(line);
  }
  const header = `${err.name}: ${err.message}`;
  return { name: err.name, message: err.message, stack: [header, ...frames].join('\n') };
}
