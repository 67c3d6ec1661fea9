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
 * Checked by tests/fan-out.test.ts, which ships with DDIA Labs:
 *   - "one slow call in a hundred reaches most fan-out requests"
 *   - "probabilities stay probabilities at the edges"
 *   - "invalid arguments are refused"
 *   - "the largest fan-out within a budget"
 *   - "fan-out latency is a higher quantile of the backend"
 *   - "hedging waits, then takes the first answer"
 *   - "a hedge that never fires costs nothing and changes nothing"
 */

export function probabilityAnySlow(pSlow: number, n: number): number {
  // TODO: the probability that at least one of n independent calls is slow.
  // (NaN until then: the lab's cells show "no numbers yet" rather than stopping.)
  void pSlow;
  void n;
  return NaN;
}

export function maxFanOut(pSlow: number, budget: number): number {
  // TODO: the largest n with probabilityAnySlow(pSlow, n) <= budget.
  void pSlow;
  void budget;
  return NaN;
}

export function fanOutLatency(backendSamples: readonly number[], n: number, q: number): number {
  // TODO: the backend's quantile q^(1/n), by nearest rank.
  void backendSamples;
  void n;
  void q;
  return NaN;
}

export function hedge(
  primary: readonly number[],
  backup: readonly number[],
  hedgeAfterMs: number,
): { latencies: number[]; backupFraction: number } {
  void primary;
  void backup;
  void hedgeAfterMs;
  throw new Error('TODO: the first answer of the primary and, after hedgeAfterMs, the backup.');
}
