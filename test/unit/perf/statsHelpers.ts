/** Test-only helpers: seeded samples from known distributions (Box–Muller over our PRNG). */
import { type Random } from '../../../extension/util/prng';

export function normalSamples(random: Random, n: number, mu: number, sigma: number): number[] {
  const out: number[] = [];
  while (out.length < n) {
    const u1 = 1 - random.next();
    const u2 = random.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    out.push(mu + sigma * r * Math.cos(2 * Math.PI * u2));
    if (out.length < n) out.push(mu + sigma * r * Math.sin(2 * Math.PI * u2));
  }
  return out;
}

/** Log-normal samples: skewed like real latencies. */
export function logNormalSamples(random: Random, n: number, mu: number, sigma: number): number[] {
  return normalSamples(random, n, mu, sigma).map(Math.exp);
}

export function close(actual: number, expected: number, relTol: number, what = ''): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  if (!(err <= relTol)) throw new Error(`${what}: expected ${expected}, got ${actual} (relative error ${err} > ${relTol})`);
}
