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
  const scale = options.scale ?? 1;
  const names = profile.frames.map((f) => f.name.replace(/;/g, ':').replace(/[\r\n]+/g, ' '));
  const text = new Map<number, string>();
  const stackText = (s: number): string => {
    let t = text.get(s);
    if (t === undefined) {
      const parent = profile.stackParent[s] as number;
      const own = names[profile.stackFrame[s] as number] as string;
      t = parent === IDLE ? own : `${stackText(parent)};${own}`;
      text.set(s, t);
    }
    return t;
  };
  const lines: string[] = [];
  if (options.merge) {
    const { self } = stackWeights(profile);
    const merged = new Map<string, number>();
    self.forEach((w, s) => {
      if (w > 0) merged.set(stackText(s), (merged.get(stackText(s)) ?? 0) + w);
    });
    for (const [stack, w] of [...merged].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const count = Math.round(w * scale);
      if (count > 0) lines.push(`${stack} ${count}`);
    }
  } else {
    profile.samples.forEach((s, i) => {
      const count = Math.round((profile.weights[i] as number) * scale);
      if (s !== IDLE && count > 0) lines.push(`${stackText(s)} ${count}`);
    });
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
