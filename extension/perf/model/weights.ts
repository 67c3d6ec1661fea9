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
  // One depth-first walk counting each frame's occurrences on the current path: linear in the
  // number of stack nodes, where walking every node's ancestors is quadratic in the depth (a
  // 20,000-frame stack took seconds). Iterative, so no depth overflows the call stack.
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  const work: number[] = [];
  let frames = 0;
  for (let s = n - 1; s >= 0; s--) {
    const p = stackParent[s] as number;
    if (p === IDLE) work.push(s);
    else {
      nextSibling[s] = firstChild[p] as number;
      firstChild[p] = s;
    }
    frames = Math.max(frames, (stackFrame[s] as number) + 1);
  }
  const onPath = new Int32Array(frames);
  while (work.length > 0) {
    const item = work.pop() as number;
    if (item < 0) {
      const g = stackFrame[~item] as number;
      onPath[g] = (onPath[g] as number) - 1;
      continue;
    }
    const f = stackFrame[item] as number;
    if ((onPath[f] as number) > 0) repeated[item] = 1;
    onPath[f] = (onPath[f] as number) + 1;
    work.push(~item);
    for (let c = firstChild[item] as number; c !== -1; c = nextSibling[c] as number) work.push(c);
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
