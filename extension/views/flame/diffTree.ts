/**
 * The differential flame graph's data: the "after" profile laid over the union of both
 * profiles' stacks (so frames match by name and location, not by index), and per stack node
 * the change of its share of the total. Shares, not raw weights, so a longer recording is not
 * all red. Stacks that vanished have no width in the "after" shape; their count is reported.
 */
import { ProfileBuilder } from '../../perf/model/builder';
import { diffProfiles } from '../../perf/model/diff';
import { IDLE, type Profile } from '../../perf/model/types';

export interface DiffTree {
  /** The after profile on the union stack table (stack indices equal the diff's). */
  readonly profile: Profile;
  /** Per union stack: total share after − total share before. */
  readonly delta: Float64Array;
  readonly beforeTotal: Float64Array;
  readonly afterTotal: Float64Array;
  readonly beforeWeight: number;
  readonly afterWeight: number;
  readonly maxAbsDelta: number;
  /** Stacks with weight before and none after (not drawn). */
  readonly vanished: number;
}

export function diffTree(before: Profile, after: Profile): DiffTree {
  const d = diffProfiles(before, after);
  const b = new ProfileBuilder({ name: after.name, unit: after.unit });
  for (const f of d.frames) b.frame(f);
  // Interning the union's stacks in their own order reproduces their indices.
  for (let s = 0; s < d.stackFrame.length; s++) {
    const p = d.stackParent[s] as number;
    b.stack(p, d.stackFrame[s] as number);
  }
  for (let s = 0; s < d.stackFrame.length; s++) {
    const w = d.after.self[s] as number;
    if (w > 0) b.appendStackSample(s, w);
  }
  const profile = b.build();
  const n = d.stackFrame.length;
  const delta = new Float64Array(n);
  const bw = d.before.totalWeight;
  const aw = d.after.totalWeight;
  let maxAbsDelta = 0;
  let vanished = 0;
  for (let s = 0; s < n; s++) {
    const bs = bw > 0 ? (d.before.total[s] as number) / bw : 0;
    const as = aw > 0 ? (d.after.total[s] as number) / aw : 0;
    delta[s] = as - bs;
    if (Math.abs(as - bs) > maxAbsDelta) maxAbsDelta = Math.abs(as - bs);
    if (
      (d.after.total[s] as number) === 0 &&
      (d.before.total[s] as number) > 0 &&
      (d.stackParent[s] === IDLE || (d.after.total[d.stackParent[s] as number] as number) > 0)
    )
      vanished++;
  }
  return {
    profile,
    delta,
    beforeTotal: Float64Array.from(d.before.total),
    afterTotal: Float64Array.from(d.after.total),
    beforeWeight: bw,
    afterWeight: aw,
    maxAbsDelta,
    vanished,
  };
}
