/**
 * Export to folded stacks (`a;b;c 12` per line; format: see folded.ts).
 *
 * By default one line per run of samples, in time order, so importing the text again gives the
 * same time-ordered view; `merge: true` writes one line per distinct stack, sorted by code unit
 * as stackcollapse-perf.pl does. Folded counts are integers: weights are rounded after
 * multiplying by `scale` (e.g. 1e6 to write a seconds profile as microseconds). Idle time has no
 * folded form and is left out. `;` inside a frame name becomes `:` and line breaks become
 * spaces, the same tidying FlameGraph applies, so every line stays parseable.
 */
import { type Profile, IDLE } from '../model/types';
import { stackWeights } from '../model/weights';

export interface FoldedOptions {
  readonly merge?: boolean;
  readonly scale?: number;
}

export function exportFolded(profile: Profile, options: FoldedOptions = {}): string {
  const lines = [...foldedLines(profile, options)];
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/** The lines of exportFolded, without newlines, one at a time (an output need not fit in one string). */
export function* foldedLines(profile: Profile, options: FoldedOptions = {}): Generator<string> {
  const scale = options.scale ?? 1;
  const names = profile.frames.map((f) => f.name.replace(/;/g, ':').replace(/[\r\n]+/g, ' '));
  const text = new Map<number, string>();
  // Iterative (no recursion), so a stack thousands of frames deep cannot overflow the call stack.
  const stackText = (s: number): string => {
    const known = text.get(s);
    if (known !== undefined) return known;
    const pending: number[] = [];
    let at = s;
    let prefix: string | undefined;
    while (at !== IDLE) {
      prefix = text.get(at);
      if (prefix !== undefined) break;
      pending.push(at);
      at = profile.stackParent[at] as number;
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      const node = pending[i] as number;
      const own = names[profile.stackFrame[node] as number] as string;
      prefix = prefix === undefined ? own : `${prefix};${own}`;
      text.set(node, prefix);
    }
    return prefix as string;
  };
  if (options.merge) {
    const { self } = stackWeights(profile);
    const merged = new Map<string, number>();
    self.forEach((w, s) => {
      if (w > 0) merged.set(stackText(s), (merged.get(stackText(s)) ?? 0) + w);
    });
    for (const [stack, w] of [...merged].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const count = Math.round(w * scale);
      if (count > 0) yield `${stack} ${count}`;
    }
  } else {
    for (let i = 0; i < profile.samples.length; i++) {
      const s = profile.samples[i] as number;
      const count = Math.round((profile.weights[i] as number) * scale);
      if (s !== IDLE && count > 0) yield `${stackText(s)} ${count}`;
    }
  }
}
