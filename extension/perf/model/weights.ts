/**
 * Weights of a profile: the total, per stack node and per frame. A frame's total counts each
 * sample once even when the frame occurs several times in its stack (recursion), so a frame's
 * total never exceeds the profile total — the same rule speedscope applies.
 */
import { IDLE, type Profile } from './types';

/** Sum of the weights of all non-idle samples (= sum of every frame's self weight). */
export function totalWeight(profile: Profile): number {
  let sum = 0;
  const { samples, weights } = profile;
  for (let i = 0; i < samples.length; i++) if (samples[i] !== IDLE) sum += weights[i] as number;
  return sum;
}

/** Sum of the weights of idle samples (time during which no frame was open). */
export function idleWeight(profile: Profile): number {
  let sum = 0;
  const { samples, weights } = profile;
  for (let i = 0; i < samples.length; i++) if (samples[i] === IDLE) sum += weights[i] as number;
  return sum;
}

export interface StackWeights {
  /** Weight of samples whose innermost frame is this node. */
  readonly self: Float64Array;
  /** Weight of samples at this node or below it. */
  readonly total: Float64Array;
}

/** Self and total weight of every stack node (the merged call tree's node weights). */
export function stackWeights(profile: Profile): StackWeights {
  const n = profile.stackFrame.length;
  const self = new Float64Array(n);
  const { samples, weights, stackParent } = profile;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as number;
    if (s !== IDLE) self[s] = (self[s] as number) + (weights[i] as number);
  }
  const total = Float64Array.from(self);
  // A parent is always interned before its children, so one backward pass sums subtrees.
  for (let s = n - 1; s >= 0; s--) {
    const p = stackParent[s] as number;
    if (p !== IDLE) total[p] = (total[p] as number) + (total[s] as number);
  }
  return { self, total };
}

/**
 * For each stack node: true when the same frame already occurs above it in the stack. Such
 * nodes are skipped when summing frame totals, which counts a recursive frame once per sample.
 */
export function recursiveStacks(profile: Profile): Uint8Array {
  const { stackFrame, stackParent } = profile;
  const n = stackFrame.length;
  const repeated = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const f = stackFrame[s];
    for (let p = stackParent[s] as number; p !== IDLE; p = stackParent[p] as number) {
      if (stackFrame[p] === f) {
        repeated[s] = 1;
        break;
      }
    }
  }
  return repeated;
}

export interface FrameWeights {
  readonly self: Float64Array;
  readonly total: Float64Array;
}

/** Self and total weight per frame index. */
export function frameWeights(profile: Profile, stacks: StackWeights = stackWeights(profile)): FrameWeights {
  const self = new Float64Array(profile.frames.length);
  const total = new Float64Array(profile.frames.length);
  const repeated = recursiveStacks(profile);
  const { stackFrame } = profile;
  for (let s = 0; s < stackFrame.length; s++) {
    const f = stackFrame[s] as number;
    self[f] = (self[f] as number) + (stacks.self[s] as number);
    if (!repeated[s]) total[f] = (total[f] as number) + (stacks.total[s] as number);
  }
  return { self, total };
}

/** Root-to-leaf frame indices of a stack node. */
export function stackPath(profile: Profile, stack: number): number[] {
  const path: number[] = [];
  for (let s = stack; s !== IDLE; s = profile.stackParent[s] as number) path.push(profile.stackFrame[s] as number);
  return path.reverse();
}
