/**
 * A readable dump of a profile in speedscope's test format, one line per change of the open
 * stack while walking the time-ordered call tree:
 *
 *   a;b;c 2
 *   a;b;d 4
 *    11.57ms        <- leading space: time during which no frame was open
 *
 * Each line is the frame names of the stack that was open (root first, `;`-joined), a space,
 * and the formatted weight since the previous line. Consecutive identical stacks come out as one
 * line. Tests compare this with speedscope's snapshots.
 */
import { formatValue } from './formatValue';
import { IDLE, type Profile } from './types';

export function dumpStacks(profile: Profile): string[] {
  const { samples, weights, stackParent, stackFrame, frames } = profile;
  const lines: string[] = [];
  const open: number[] = [];
  const names: string[] = [];
  let value = 0;
  let lastValue = 0;
  const emit = (): void => {
    if (value !== lastValue) {
      lines.push(`${names.join(';')} ${formatValue(value - lastValue, profile.unit)}`);
      lastValue = value;
    }
  };
  const path: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    path.length = 0;
    for (let p = samples[i] as number; p !== IDLE; p = stackParent[p] as number) path.push(p);
    path.reverse();
    let common = 0;
    while (common < path.length && common < open.length && open[common] === path[common]) common++;
    while (open.length > common) {
      emit();
      open.pop();
      names.pop();
    }
    for (let d = common; d < path.length; d++) {
      emit();
      const s = path[d] as number;
      open.push(s);
      names.push(frames[stackFrame[s] as number]?.name ?? '');
    }
    value += weights[i] as number;
  }
  while (open.length > 0) {
    emit();
    open.pop();
    names.pop();
  }
  // Like speedscope, trailing idle time is not printed: nothing closes after it.
  return lines;
}
