/**
 * Message latency distributions for network links. Each sample consumes exactly one uniform draw
 * `u` in [0, 1) (drawn by the caller), so switching a link's distribution never changes how many
 * random numbers the link uses and unrelated decisions stay aligned across runs.
 */
export type LatencyDist =
  | { kind: 'constant'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  /** Exponential with the given mean, shifted by minMs (a propagation floor). */
  | { kind: 'exponential'; minMs: number; meanMs: number }
  /** Pareto (long tail): scaleMs is the minimum, shape alpha > 1 (smaller = heavier tail), capped at maxMs. */
  | { kind: 'pareto'; scaleMs: number; shape: number; maxMs: number };

export function sampleLatencyMs(dist: LatencyDist, u: number): number {
  switch (dist.kind) {
    case 'constant':
      return dist.ms;
    case 'uniform':
      return dist.minMs + u * (dist.maxMs - dist.minMs);
    case 'exponential':
      return dist.minMs - dist.meanMs * Math.log(1 - u);
    case 'pareto':
      return Math.min(dist.maxMs, dist.scaleMs / Math.pow(1 - u, 1 / dist.shape));
  }
}

export function describeLatency(dist: LatencyDist): string {
  switch (dist.kind) {
    case 'constant':
      return `${dist.ms} ms`;
    case 'uniform':
      return `uniform ${dist.minMs}–${dist.maxMs} ms`;
    case 'exponential':
      return `${dist.minMs} ms + exp(mean ${dist.meanMs} ms)`;
    case 'pareto':
      return `pareto(scale ${dist.scaleMs} ms, shape ${dist.shape}, cap ${dist.maxMs} ms)`;
  }
}
