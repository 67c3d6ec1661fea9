/**
 * Finds where in the learner's code a failure happened, from a V8 stack trace (already mapped
 * back to TypeScript lines by the child's source maps). The first frame inside the learner's
 * folder wins: that is their line closest to the throw.
 */
import type { SourceLocation } from './gradeTypes';

// `    at fn (/abs/file.ts:12:5)`, `    at /abs/file.ts:12:5`, `    at fn (file:///abs/file.ts:12:5)`;
// also the `    at /abs/file.ts:3:7` line our TypeScript hook writes for syntax errors.
const FRAME = /^\s*at (?:.*? \()?((?:file:\/\/)?(?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?\s*$/;

export function stackFrames(stack: string): SourceLocation[] {
  const frames: SourceLocation[] = [];
  for (const line of stack.split('\n')) {
    const m = FRAME.exec(line);
    if (!m) continue;
    let file = m[1] as string;
    if (file.startsWith('file://')) file = decodeURIComponent(file.slice('file://'.length)).replace(/^\/([A-Za-z]:)/, '$1');
    frames.push({ file, line: Number(m[2]), column: Number(m[3]) });
  }
  return frames;
}

function normalize(p: string): string {
  return p.replace(/\\/g, '/').replace(/\/+$/, '');
}

/** The first frame whose file lies inside `dir` (compared as paths, with either separator). */
export function locateInDir(stack: string | undefined, dir: string): SourceLocation | undefined {
  if (!stack) return undefined;
  const root = `${normalize(dir)}/`;
  const caseless = /^[A-Za-z]:/.test(root);
  const inside = (f: string): boolean => {
    const n = normalize(f);
    return caseless ? n.toLowerCase().startsWith(root.toLowerCase()) : n.startsWith(root);
  };
  return stackFrames(stack).find((f) => inside(f.file));
}
