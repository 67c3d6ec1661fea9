/**
 * A cell output that follows a running computation: shown at once, redrawn in place at most
 * once every `everyMs` while the cell runs, and drawn one last time, exactly, when it finishes
 * (or when the cell ends). Ticks between two frames only read the clock: a loop of a million
 * writes that ticks after each one still sends a handful of messages, never one per write.
 * Where nothing redraws outputs in place (the CLI, the grader, tests) it sends nothing until the
 * final output, which the caller returns or displays as usual.
 */
import { display, hasLiveDisplay, onCellEnd, type DisplayHandle } from './display';
import { DISPLAYABLE, type Displayable } from './outputs';
import type { OutputBundle } from '../views/notebook/outputBundle';

/** Milliseconds from any fixed origin; injected so tests drive time by hand. */
export interface LiveClock {
  now(): number;
}

export const realLiveClock: LiveClock = { now: () => performance.now() };

/** Bounds of the frame interval: at most 10 frames a second, at least one every 5 s. */
export const MIN_FRAME_MS = 100;
export const MAX_FRAME_MS = 5000;
export const DEFAULT_FRAME_MS = 200;

export interface LiveOutputOptions {
  /** Least time between two frames, 100 to 5000 ms (default 200: five frames a second). */
  readonly everyMs?: number;
  readonly clock?: LiveClock;
  /** Force live (true) or final-only (false) output; default: live where the host redraws in place. */
  readonly live?: boolean;
}

export interface LiveOutput {
  /** True when intermediate frames are shown (a notebook); false when only the final output is. */
  readonly live: boolean;
  /** Frames sent so far, the first and the final one included. */
  readonly frames: number;
  /** True once `finish` ran (by the caller or at the end of the cell). */
  readonly finished: boolean;
  /** Draws a new frame if `everyMs` passed since the last one; otherwise only notes the time. */
  tick(): void;
  /**
   * Draws the final frame now (the state at this moment) and stops further frames. Returns it
   * as a Displayable carrying the live output's id, so showing it replaces the live output
   * instead of adding a second one. Later calls return the same final frame.
   */
  finish(): Displayable;
}

export function checkFrameInterval(what: string, everyMs: number | undefined): number {
  const ms = everyMs ?? DEFAULT_FRAME_MS;
  if (!(Number.isFinite(ms) && ms >= MIN_FRAME_MS && ms <= MAX_FRAME_MS))
    throw new RangeError(
      `${what}: everyMs must be from ${MIN_FRAME_MS} to ${MAX_FRAME_MS} (milliseconds between frames), got ${String(everyMs)}`,
    );
  return ms;
}

/**
 * `render(status)` draws the current state; it is called once per frame, never per tick.
 * 'running' frames are intermediate; the 'final' frame is the state when `finish` was called.
 */
export function liveOutput(render: (status: 'running' | 'final') => OutputBundle, opts: LiveOutputOptions = {}): LiveOutput {
  const everyMs = checkFrameInterval('live output', opts.everyMs);
  const clock = opts.clock ?? realLiveClock;
  const live = opts.live ?? hasLiveDisplay();
  let frames = 0;
  let final: OutputBundle | undefined;
  let handle: DisplayHandle | undefined;
  let lastFrameAt = clock.now();
  if (live) {
    handle = display(bundleValue(render('running')));
    frames++;
  }
  const removeHook = onCellEnd(() => void finish());

  function finish(): Displayable {
    if (final === undefined) {
      removeHook();
      final = render('final');
      if (handle) {
        handle.update(bundleValue(final));
        frames++;
      }
    }
    const shown = handle ? { ...final, displayId: handle.id } : final;
    return bundleValue(shown);
  }

  return {
    live,
    get frames() {
      return frames;
    },
    get finished() {
      return final !== undefined;
    },
    tick() {
      if (!handle || final !== undefined) return;
      const now = clock.now();
      if (now - lastFrameAt < everyMs) return;
      lastFrameAt = now;
      handle.update(bundleValue(render('running')));
      frames++;
    },
    finish,
  };
}

function bundleValue(bundle: OutputBundle): Displayable {
  return { [DISPLAYABLE]: () => bundle };
}
