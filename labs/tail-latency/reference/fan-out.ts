/**
 * Exercise "fan-out" (lab tail-latency): the arithmetic of tail-latency amplification, and a
 * hedged-request policy.
 *
 *   - `probabilityAnySlow(pSlow, n)`: a request fans out to n backends in parallel and waits for
 *     all of them. Each backend call is slow with probability pSlow, independently. Return the
 *     probability that at least one of the n calls is slow (n = 0: no call, so 0).
 *   - `maxFanOut(pSlow, budget)`: the largest n whose probabilityAnySlow is at most `budget`
 *     (Infinity when pSlow is 0; 0 when even one call exceeds the budget).
 *   - `fanOutLatency(backendSamples, n, q)`: the latency at quantile q (0 < q < 1) of a fan-out
 *     request to n backends, each with the latency distribution given by the samples. The
 *     request is as slow as its slowest call, so P(request ≤ x) = P(call ≤ x)ⁿ: the answer is
 *     the backend's quantile q^(1/n), read from the samples by nearest rank
 *     (the value at 1-based rank ⌈q^(1/n) · samples⌉ of the sorted samples).
 *   - `hedge(primary, backup, hedgeAfterMs)`: request i is sent to a backend and takes
 *     primary[i] ms; if it has not answered after hedgeAfterMs, a second copy goes to another
 *     backend and takes backup[i] ms from then. The request completes at the first answer:
 *     primary[i] when primary[i] ≤ hedgeAfterMs, else min(primary[i], hedgeAfterMs + backup[i]).
 *     Return each request's latency and the fraction of requests that sent a backup
 *     (the extra load the policy costs).
 *
 * Invalid input (a probability outside [0, 1], a negative or fractional n, arrays of different
 * lengths, no samples) throws a RangeError.
 * Checked by tests/fan-out.test.ts, which ships with DDIA Labs.
 */

function checkProbability(p: number, what: string): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${what} must be a probability in [0, 1], got ${p}`);
}

export function probabilityAnySlow(pSlow: number, n: number): number {
  checkProbability(pSlow, 'pSlow');
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number of backends, got ${n}`);
  return 1 - (1 - pSlow) ** n;
}

export function maxFanOut(pSlow: number, budget: number): number {
  checkProbability(pSlow, 'pSlow');
  checkProbability(budget, 'budget');
  if (pSlow === 0 || budget === 1) return Infinity;
  if (pSlow === 1) return 0;
  let n = Math.floor(Math.log(1 - budget) / Math.log(1 - pSlow));
  // The logarithms are rounded; step to the exact boundary.
  while (n > 0 && probabilityAnySlow(pSlow, n) > budget) n--;
  while (probabilityAnySlow(pSlow, n + 1) <= budget) n++;
  return n;
}

export function fanOutLatency(backendSamples: readonly number[], n: number, q: number): number {
  if (backendSamples.length === 0) throw new RangeError('no backend samples');
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be at least one backend, got ${n}`);
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be strictly between 0 and 1, got ${q}`);
  const sorted = [...backendSamples].sort((a, b) => a - b);
  const perCall = q ** (1 / n);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(perCall * sorted.length)));
  return sorted[rank - 1] as number;
}

export function hedge(
  primary: readonly number[],
  backup: readonly number[],
  hedgeAfterMs: number,
): { latencies: number[]; backupFraction: number } {
  if (primary.length !== backup.length) throw new RangeError('primary and backup need one latency per request each');
  let backups = 0;
  const latencies = primary.map((p, i) => {
    if (p <= hedgeAfterMs) return p;
    backups++;
    return Math.min(p, hedgeAfterMs + (backup[i] as number));
  });
  return { latencies, backupFraction: primary.length === 0 ? 0 : backups / primary.length };
}
