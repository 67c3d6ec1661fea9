/**
 * Bounds of the numeric limits a user can set, shared by the settings (package.json repeats them
 * as `minimum`/`maximum`, and a test checks that they agree), the code that reads the settings
 * (which clamps: VS Code only warns about an out-of-range value, it still hands it over) and the
 * CLI options (which refuse). A time limit above 3600 s would also overflow setTimeout, whose
 * delay is at most 2^31-1 ms (about 24.8 days; beyond that it fires after 1 ms).
 */
export interface NumberBounds {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
}

/** Time limits in seconds: a cell (ddiaLabs.kernel.timeLimitSeconds), a test process (ddiaLabs.grading.timeLimitSeconds), `--timeout`. */
export const TIME_LIMIT_SECONDS: NumberBounds = { min: 1, max: 3600 };

/** The kernel's memory limit in MB (ddiaLabs.kernel.memoryLimitMb): it counts the whole process, which needs about 70 MB with the SDK loaded, so less than 128 would stop every cell. */
export const MEMORY_LIMIT_MB: NumberBounds = { min: 128, max: 16384, integer: true };

/** A setting's value within bounds: not a finite number → `fallback`; outside → the nearest bound. */
export function clampToBounds(value: unknown, bounds: NumberBounds, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  const clamped = Math.min(bounds.max, Math.max(bounds.min, n));
  return bounds.integer ? Math.round(clamped) : clamped;
}
