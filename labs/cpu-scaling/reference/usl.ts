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
 * Checked by tests/usl.test.ts, which ships with DDIA Labs.
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
  return (p.lambda * n) / (1 + p.sigma * (n - 1) + p.kappa * n * (n - 1));
}

export function fitUsl(points: readonly ThroughputPoint[]): UslParams {
  const ones = points.filter((p) => p.n === 1);
  if (ones.length === 0) throw new RangeError('fitting the USL needs a measurement at n = 1');
  const lambda = ones.reduce((s, p) => s + p.throughput, 0) / ones.length;
  const rest = points.filter((p) => p.n > 1);
  if (new Set(rest.map((p) => p.n)).size < 2)
    throw new RangeError('fitting σ and κ needs measurements at two or more concurrencies above 1');
  // Normal equations of y = σ·a + κ·b with a = n − 1, b = n(n − 1).
  let aa = 0;
  let ab = 0;
  let bb = 0;
  let ay = 0;
  let by = 0;
  for (const p of rest) {
    const y = p.n / (p.throughput / lambda) - 1;
    const a = p.n - 1;
    const b = p.n * (p.n - 1);
    aa += a * a;
    ab += a * b;
    bb += b * b;
    ay += a * y;
    by += b * y;
  }
  const det = aa * bb - ab * ab;
  return { lambda, sigma: (ay * bb - by * ab) / det, kappa: (aa * by - ab * ay) / det };
}

/** The concurrency with the highest modelled throughput; Infinity when κ ≤ 0 (no retrograde region). */
export function peakConcurrency(p: UslParams): number {
  if (p.kappa <= 0) return Infinity;
  return Math.sqrt((1 - p.sigma) / p.kappa);
}
