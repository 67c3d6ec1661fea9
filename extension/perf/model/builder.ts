/**
 * The only way to make a Profile. Importers feed either samples (`appendSample`) or call events
 * (`enter`/`leave`); the builder interns frames and stack nodes and enforces the invariants the
 * rest of the model relies on: weights are finite and non-negative, evented calls nest, values
 * never go backwards, and the built profile is frozen.
 *
 * Consecutive samples with the same stack are merged (their weights added): every computation
 * here is a function of (stack, weight) runs, and merging keeps million-sample profiles small.
 * Zero-weight samples are dropped but their frames stay interned, so a frame seen only at the
 * very end of a recording is still listed.
 */
import { PairTable } from './pairTable';
import { IDLE, frameKey, type Frame, type Profile, type ProfileKind, type ValueUnit } from './types';

export interface BuilderOptions {
  name?: string;
  unit?: ValueUnit;
  startValue?: number;
}

export class ProfileBuilder {
  private name: string;
  private readonly unit: ValueUnit;
  private readonly startValue: number;
  private kind: ProfileKind | null = null;

  private readonly frames: Frame[] = [];
  private readonly frameIndex = new Map<string, number>();
  private readonly stackFrame: number[] = [];
  private readonly stackParent: number[] = [];
  private readonly stackIndex = new PairTable(); // (parent + 1, frame) -> stack
  private readonly samples: number[] = [];
  private readonly weights: number[] = [];
  private built = false;

  // Evented state: open stack nodes and the value of the last event.
  private openStack: number[] = [];
  private lastValue: number;

  constructor(options: BuilderOptions = {}) {
    this.name = options.name ?? '';
    this.unit = options.unit ?? 'none';
    this.startValue = options.startValue ?? 0;
    this.lastValue = this.startValue;
  }

  setName(name: string): void {
    this.name = name;
  }

  /** Interns a frame and returns its index. */
  frame(info: Frame): number {
    this.checkOpen();
    const key = frameKey(info);
    let index = this.frameIndex.get(key);
    if (index === undefined) {
      index = this.frames.length;
      const frame: Frame = { name: info.name };
      if (info.file !== undefined) Object.assign(frame, { file: info.file });
      if (info.line !== undefined) Object.assign(frame, { line: info.line });
      if (info.col !== undefined) Object.assign(frame, { col: info.col });
      this.frames.push(Object.freeze(frame));
      this.frameIndex.set(key, index);
    }
    return index;
  }

  /** Interns the stack node "parent, then frame" (parent IDLE for a root frame). */
  stack(parent: number, frameIndex: number): number {
    this.checkOpen();
    if (frameIndex < 0 || frameIndex >= this.frames.length) throw new Error(`unknown frame index ${frameIndex}`);
    if (parent < IDLE || parent >= this.stackFrame.length) throw new Error(`unknown stack index ${parent}`);
    let index = this.stackIndex.get(parent + 1, frameIndex);
    if (index === -1) {
      index = this.stackFrame.length;
      this.stackFrame.push(frameIndex);
      this.stackParent.push(parent);
      this.stackIndex.add(parent + 1, frameIndex, index);
    }
    return index;
  }

  /** The stack node for a root-to-leaf list of frames (IDLE for an empty list). */
  stackOf(frames: readonly (Frame | number)[]): number {
    let node = IDLE;
    for (const f of frames) node = this.stack(node, typeof f === 'number' ? f : this.frame(f));
    return node;
  }

  /** Appends one sample: a root-to-leaf stack (frames or frame indices) and its weight. */
  appendSample(stack: readonly (Frame | number)[], weight: number): void {
    this.appendStackSample(this.stackOf(stack), weight);
  }

  /** Appends one sample whose stack node is already interned (IDLE = nothing on the stack). */
  appendStackSample(stack: number, weight: number): void {
    this.useKind('sampled');
    this.push(stack, weight);
  }

  /** Evented: `frame` is called at `at`. */
  enter(frame: Frame | number, at: number): void {
    this.useKind('evented');
    const f = typeof frame === 'number' ? frame : this.frame(frame);
    this.advance(at);
    this.openStack.push(this.stack(this.openStack.at(-1) ?? IDLE, f));
  }

  /** Evented: `frame` returns at `at`; it must be the innermost open frame. */
  leave(frame: Frame | number, at: number): void {
    this.useKind('evented');
    const f = typeof frame === 'number' ? frame : this.frame(frame);
    const top = this.openStack.at(-1);
    if (top === undefined) throw new Error(`Tried to leave frame "${this.frames[f]?.name}" at ${at} while no frame was open`);
    const topFrame = this.stackFrame[top] as number;
    if (topFrame !== f) {
      throw new Error(
        `Tried to leave frame "${this.frames[f]?.name}" while frame "${this.frames[topFrame]?.name}" was at the top at ${at}`,
      );
    }
    this.advance(at);
    this.openStack.pop();
  }

  build(): Profile {
    if (this.built) throw new Error('ProfileBuilder.build() called twice');
    if (this.openStack.length > 0) throw new Error('Tried to complete profile construction with a non-empty stack');
    this.built = true;
    return Object.freeze({
      name: this.name,
      unit: this.unit,
      kind: this.kind ?? 'sampled',
      frames: Object.freeze(this.frames),
      stackFrame: Object.freeze(this.stackFrame),
      stackParent: Object.freeze(this.stackParent),
      samples: Object.freeze(this.samples),
      weights: Object.freeze(this.weights),
      startValue: this.startValue,
    });
  }

  private advance(at: number): void {
    if (!Number.isFinite(at)) throw new Error(`event time ${at} is not a finite number`);
    if (at < this.lastValue) throw new Error(`events out of order: ${at} comes after ${this.lastValue}`);
    this.push(this.openStack.at(-1) ?? IDLE, at - this.lastValue);
    this.lastValue = at;
  }

  private checkOpen(): void {
    if (this.built) throw new Error('profile already built');
  }

  private push(stack: number, weight: number): void {
    this.checkOpen();
    if (!Number.isFinite(weight) || weight < 0) throw new Error(`sample weight ${weight} must be a finite number >= 0`);
    if (stack < IDLE || stack >= this.stackFrame.length) throw new Error(`unknown stack index ${stack}`);
    if (weight === 0) return;
    const last = this.samples.length - 1;
    if (last >= 0 && this.samples[last] === stack) this.weights[last] = (this.weights[last] as number) + weight;
    else {
      this.samples.push(stack);
      this.weights.push(weight);
    }
  }

  private useKind(kind: ProfileKind): void {
    if (this.kind === null) this.kind = kind;
    else if (this.kind !== kind) throw new Error(`cannot mix ${this.kind} and ${kind} input in one profile`);
  }
}
