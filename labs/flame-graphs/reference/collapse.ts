/**
 * Folded stacks, the text format behind every flame graph (Brendan Gregg's FlameGraph tools).
 * One line per distinct stack, root first, frames joined by ';', then a space and a count:
 *
 *   main;parse;readToken 120
 */

/** One profiler sample: the stack from the root (outermost call) to the leaf (running code). */
export interface Sample {
  readonly stack: readonly string[];
  /** How much this sample counts for (default 1): a number of samples, or microseconds. */
  readonly weight?: number;
}

/**
 * Merges samples with identical stacks, adding their weights, and returns folded lines sorted
 * by stack text (code-unit order), one per line with a trailing newline. A ';' inside a frame
 * name becomes ':' so every line can be split again; samples with an empty stack are skipped.
 */
export function collapseStacks(samples: readonly Sample[]): string {
  const totals = new Map<string, number>();
  for (const s of samples) {
    if (s.stack.length === 0) continue;
    const key = s.stack.map((f) => f.replace(/;/g, ':')).join(';');
    totals.set(key, (totals.get(key) ?? 0) + (s.weight ?? 1));
  }
  const keys = [...totals.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => `${k} ${totals.get(k)}\n`).join('');
}

/**
 * Self time per function from folded text: each line's count goes to its leaf frame, the
 * function that was running (the top edge of the flame graph). Heaviest first; ties by name.
 */
export function selfTime(folded: string): [string, number][] {
  const self = new Map<string, number>();
  for (const line of folded.split('\n')) {
    if (line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    const frames = line.slice(0, space).split(';');
    const leaf = frames[frames.length - 1] as string;
    self.set(leaf, (self.get(leaf) ?? 0) + Number(line.slice(space + 1)));
  }
  return [...self].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
