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
  // TODO: group samples by their joined stack text and add up the weights.
  void samples;
  return '';
}

/**
 * Self time per function from folded text: each line's count goes to its leaf frame, the
 * function that was running (the top edge of the flame graph). Heaviest first; ties by name.
 */
export function selfTime(folded: string): [string, number][] {
  // TODO: split each line at its last space; the leaf is the last frame of the stack.
  void folded;
  return [];
}
