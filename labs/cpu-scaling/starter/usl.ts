/**
 * Exercise "usl-fit" (lab cpu-scaling): fit Neil Gunther's Universal Scalability Law to measured
 * throughput and predict where adding workers stops helping.
 *
 * The USL models throughput at concurrency n as
 *
 *   X(n) = λ·n / (1 + σ·(n − 1) + κ·n·(n − 1))
 *
 * λ is the throughput of one worker, σ the contention (the serialized share, as in Amdahl's law)
 * and κ the coherency cost (every pair of workers paying to agree, e.g. cache lines bouncing
 * between cores). With κ = 0 it is Amdahl's law. With κ > 0 throughput peaks at
 * n* = √((1 − σ) / κ) and then falls.
 *
 * Fitting, the way Gunther's *Guerrilla Capacity Planning* linearizes it:
 *   1. λ is the mean measured throughput at n = 1 (a fit without an n = 1 point is an error).
 *   2. For every other point, the relative capacity is C = X / λ, and
 *        n / C − 1 = σ·(n − 1) + κ·n·(n − 1)
 *      is linear in σ and κ, with no intercept.
 *   3. Least squares over those points: solve the 2×2 normal equations for σ and κ.
 * Fewer than two distinct n > 1 cannot determine two parameters: throw a RangeError.
 *
 * Checked by tests/usl.test.ts, which ships with DDIA Labs:
 *   - "uslThroughput follows the formula"
 *   - "fitting exact USL data recovers its parameters"
 *   - "the fit of noisy data is the least-squares solution"
 *   - "repeated measurements at n = 1 are averaged for λ"
 *   - "the peak is at the square root of (1 − σ) / κ"
 *   - "Amdahl's law data has no peak"
 *   - "a fit without enough data is refused"
 */

export interface UslParams {
  readonly lambda: number;
  readonly sigma: number;
  readonly kappa: number;
}

export interface ThroughputPoint {
  /** Concurrency: workers, threads or clients. */
  readonly n: number;
  /** Completed work per unit of time at that concurrency. */
  readonly throughput: number;
}

export function uslThroughput(n: number, p: UslParams): number {
  // TODO: the USL formula above.
  void n;
  void p;
  return NaN;
}

export function fitUsl(points: readonly ThroughputPoint[]): UslParams {
  // TODO: λ from the n = 1 points, then least squares for σ and κ.
  void points;
  return { lambda: NaN, sigma: NaN, kappa: NaN };
}

/** The concurrency with the highest modelled throughput; Infinity when κ ≤ 0 (no retrograde region). */
export function peakConcurrency(p: UslParams): number {
  // TODO: √((1 − σ) / κ), or Infinity.
  void p;
  return NaN;
}
