/**
 * The real clock and timer, the only place the perf model's time comes from. Model code
 * (stats, bench, use, checklist) receives a Clock/Timer and so runs on virtual time in tests.
 */
import { performance } from 'node:perf_hooks';

export interface Clock {
  /** Monotonic milliseconds with sub-millisecond resolution. */
  now(): number;
}

export interface Timer {
  every(ms: number, fn: () => void): { cancel(): void };
}

export const realClock: Clock = { now: () => performance.now() };

export const realTimer: Timer = {
  every(ms, fn) {
    const h = setInterval(fn, ms);
    // A sampler must never keep the process (CLI, kernel worker) alive by itself.
    h.unref();
    return { cancel: () => clearInterval(h) };
  },
};
