/**
 * Difference of two profiles by stack. Stacks are matched by their frames (name, file, line,
 * col from root to leaf), not by index, so profiles imported from different files compare.
 * The result is a union stack table with before/after self and total weights per node — the
 * data a red/blue differential flame graph needs — plus the changed stacks, largest change
 * first. Weights are compared raw; normalise first if the recordings differ in length.
 */
import { ProfileBuilder } from './builder';
import { IDLE, type Frame, type Profile } from './types';
import { stackPath, stackWeights } from './weights';

export interface DiffSide {
  readonly self: readonly number[];
  readonly total: readonly number[];
  readonly totalWeight: number;
}

export interface StackChange {
  /** Union stack node. */
  readonly stack: number;
  readonly names: readonly string[];
  readonly before: number;
  readonly after: number;
}

export interface ProfileDiff {
  readonly frames: readonly Frame[];
  readonly stackFrame: readonly number[];
  readonly stackParent: readonly number[];
  readonly before: DiffSide;
  readonly after: DiffSide;
  /** Stacks whose self weight changed, by decreasing |after - before|. */
  readonly changes: readonly StackChange[];
}

export function diffProfiles(before: Profile, after: Profile): ProfileDiff {
  if (before.unit !== after.unit) throw new Error(`cannot diff a profile in ${before.unit} with one in ${after.unit}`);
  // The builder is used only as an interning table for frames and stack nodes.
  const union = new ProfileBuilder({ unit: before.unit });
  const selfBySide = [new Map<number, number>(), new Map<number, number>()];
  [before, after].forEach((profile, side) => {
    const map = new Int32Array(profile.stackFrame.length);
    const frameMap = profile.frames.map((f) => union.frame(f));
    for (let s = 0; s < profile.stackFrame.length; s++) {
      const p = profile.stackParent[s] as number;
      map[s] = union.stack(p === IDLE ? IDLE : (map[p] as number), frameMap[profile.stackFrame[s] as number] as number);
    }
    const { self } = stackWeights(profile);
    const acc = selfBySide[side] as Map<number, number>;
    self.forEach((w, s) => {
      if (w > 0) acc.set(map[s] as number, (acc.get(map[s] as number) ?? 0) + w);
    });
  });
  const table = union.build();
  const n = table.stackFrame.length;
  const sides = selfBySide.map((acc): DiffSide => {
    const self = new Array<number>(n).fill(0);
    for (const [s, w] of acc) self[s] = w;
    const total = self.slice();
    for (let s = n - 1; s >= 0; s--) {
      const p = table.stackParent[s] as number;
      if (p !== IDLE) total[p] = (total[p] as number) + (total[s] as number);
    }
    const totalWeight = self.reduce((a, b) => a + b, 0);
    return { self, total, totalWeight };
  });
  const [beforeSide, afterSide] = sides as [DiffSide, DiffSide];

  const changes: StackChange[] = [];
  for (let s = 0; s < n; s++) {
    const b = beforeSide.self[s] as number;
    const a = afterSide.self[s] as number;
    if (a !== b) changes.push({ stack: s, names: stackPath(table, s).map((f) => table.frames[f]?.name ?? ''), before: b, after: a });
  }
  changes.sort((x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before) || x.stack - y.stack);
  return {
    frames: table.frames,
    stackFrame: table.stackFrame,
    stackParent: table.stackParent,
    before: beforeSide,
    after: afterSide,
    changes,
  };
}
