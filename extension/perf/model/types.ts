/**
 * The profile model: plain, index-based, immutable data that can be posted to a webview as is
 * (JSON-safe: only strings, numbers and arrays of them).
 *
 * Wire shape of one profile:
 *
 *   frames       [{name, file?, line?, col?}]   interned: no two entries are equal
 *   stackFrame   [frameIndex]                    one entry per stack node
 *   stackParent  [stackIndex | -1]               parent node; -1 = the node is a root frame
 *   samples      [stackIndex | -1]               time order; -1 = no frame open (idle gap)
 *   weights      [number > 0]                    one per sample, in `unit`
 *
 * A stack node stands for the whole path from a root frame down to it, so a sample is one
 * index. Stack nodes are interned too: (parent, frame) pairs are unique, so equal stacks have
 * equal indices and comparing stacks is comparing numbers. Sample i starts at
 * `startValue + sum(weights[0..i-1])`; idle samples keep time-ordered views honest about gaps
 * without being counted in any weight.
 *
 * Line and column numbers are 1-based when present.
 */

export type ValueUnit = 'none' | 'nanoseconds' | 'microseconds' | 'milliseconds' | 'seconds' | 'bytes';

export const VALUE_UNITS: readonly ValueUnit[] = ['none', 'nanoseconds', 'microseconds', 'milliseconds', 'seconds', 'bytes'];

export interface Frame {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
}

/** How the profile was recorded; exporters use it to pick the matching speedscope profile type. */
export type ProfileKind = 'sampled' | 'evented';

export interface Profile {
  readonly name: string;
  readonly unit: ValueUnit;
  readonly kind: ProfileKind;
  readonly frames: readonly Frame[];
  readonly stackFrame: readonly number[];
  readonly stackParent: readonly number[];
  readonly samples: readonly number[];
  readonly weights: readonly number[];
  /** Value at which the first sample starts (0 for most formats). */
  readonly startValue: number;
}

/** Several profiles from one file, e.g. one per thread of a `perf script` recording. */
export interface ProfileGroup {
  readonly name: string;
  /** Which profile a viewer shows first. */
  readonly activeIndex: number;
  readonly profiles: readonly Profile[];
}

/** The sentinel sample stack for "nothing on the stack". */
export const IDLE = -1;

/** Frame identity: two frames are the same frame exactly when their keys are equal. */
export function frameKey(f: Frame): string {
  return `${f.name}\u0000${f.file ?? ''}\u0000${f.line ?? ''}\u0000${f.col ?? ''}`;
}
