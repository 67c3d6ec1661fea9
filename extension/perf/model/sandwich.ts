/**
 * The sandwich view of one frame: who calls it and what it calls, each as a profile of its own
 * so the same trees and layouts draw it.
 *
 * - callers: for each outermost occurrence of the frame in a stack, the path from the frame up
 *   to the root (inverted: the frame is the root of every stack), weighted by the occurrence's
 *   total weight;
 * - callees: for each outermost occurrence, its subtree with the self weights inside it, the
 *   frame as root.
 *
 * "Outermost" keeps recursion from counting a sample twice, so both profiles' totals equal the
 * frame's total weight.
 */
import { ProfileBuilder } from './builder';
import { IDLE, type Profile } from './types';
import { recursiveStacks, stackWeights } from './weights';

export interface Sandwich {
  readonly callers: Profile;
  readonly callees: Profile;
}

export function sandwichOf(profile: Profile, frame: number): Sandwich {
  if (!Number.isInteger(frame) || frame < 0 || frame >= profile.frames.length) throw new Error(`unknown frame index ${frame}`);
  const { self, total } = stackWeights(profile);
  const repeated = recursiveStacks(profile);
  const { stackFrame, stackParent, frames } = profile;
  const name = profile.frames[frame]?.name ?? '';
  const callers = new ProfileBuilder({ name: `callers of ${name}`, unit: profile.unit });
  const callees = new ProfileBuilder({ name: `callees of ${name}`, unit: profile.unit });
  // Intern all frames up front in the original order so frame indices carry over unchanged.
  for (const f of frames) {
    callers.frame(f);
    callees.frame(f);
  }
  // Nearest ancestor (or self) that is an outermost occurrence of the frame, per stack node.
  const anchor = new Int32Array(stackFrame.length).fill(IDLE);
  const calleeStack = new Int32Array(stackFrame.length).fill(IDLE);
  for (let s = 0; s < stackFrame.length; s++) {
    const p = stackParent[s] as number;
    if (stackFrame[s] === frame && !repeated[s]) {
      anchor[s] = s;
      calleeStack[s] = callees.stack(IDLE, frame);
      if ((total[s] as number) > 0) {
        const path: number[] = [];
        for (let q = s; q !== IDLE; q = stackParent[q] as number) path.push(stackFrame[q] as number);
        callers.appendSample(path, total[s] as number);
      }
    } else if (p !== IDLE && anchor[p] !== IDLE) {
      anchor[s] = anchor[p] as number;
      calleeStack[s] = callees.stack(calleeStack[p] as number, stackFrame[s] as number);
    }
    if (anchor[s] !== IDLE && (self[s] as number) > 0) callees.appendStackSample(calleeStack[s] as number, self[s] as number);
  }
  return { callers: callers.build(), callees: callees.build() };
}
