/**
 * Mann–Whitney U test (Wilcoxon rank-sum) of H0 "a value from A is as likely to exceed a value
 * from B as the reverse", two-sided. It assumes nothing about the shape of the distributions,
 * which suits skewed, multimodal latency data better than a t-test.
 *
 * U_a = R_a − n_a(n_a + 1)/2, with R_a the sum of A's ranks in the pooled sample (ties get
 * their mid-rank). The p-value is exact (the U distribution counted by recurrence) when both
 * samples have at most EXACT_MAX values and there are no ties; otherwise it uses the normal
 * approximation with the tie-corrected variance
 *   σ² = n_a n_b / 12 · ((n + 1) − Σ(t³ − t) / (n(n − 1)))
 * and a continuity correction of 0.5, as R's wilcox.test does.
 * Effect size: Cliff's delta δ = 2U_a/(n_a n_b) − 1 in [−1, 1]; δ > 0 means A tends larger.
 */
import { normalCdf } from './distributions';

export const EXACT_MAX = 30;

export interface MannWhitneyResult {
  test: 'mann-whitney-u';
  u: number;
  pValue: number;
  method: 'exact' | 'normal-approximation';
  cliffsDelta: number;
}

/** counts[u] = number of arrangements of m A's and n B's with U_a = u (no ties). */
function uDistribution(m: number, n: number): number[] {
  // rows[j] holds the distribution for (i, j) as i grows; Pascal-like recurrence
  // f(i, j, u) = f(i − 1, j, u − j) + f(i, j − 1, u).
  let prev: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const cur: number[][] = [[1]];
    for (let j = 1; j <= n; j++) {
      const size = i * j + 1;
      const out = new Array<number>(size).fill(0);
      const left = cur[j - 1] as number[];
      const up = prev[j] as number[];
      for (let u = 0; u < size; u++) out[u] = (left[u] ?? 0) + (u - j >= 0 ? (up[u - j] ?? 0) : 0);
      cur.push(out);
    }
    prev = cur;
  }
  return prev[n] as number[];
}

export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const na = a.length;
  const nb = b.length;
  const pooled = [...a.map((v) => ({ v, fromA: true })), ...b.map((v) => ({ v, fromA: false }))].sort((x, y) => x.v - y.v);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < pooled.length;) {
    let j = i;
    while (j + 1 < pooled.length && (pooled[j + 1] as { v: number }).v === (pooled[i] as { v: number }).v) j++;
    const midRank = (i + j + 2) / 2;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    for (let k = i; k <= j; k++) if ((pooled[k] as { fromA: boolean }).fromA) rankSumA += midRank;
    i = j + 1;
  }
  const u = rankSumA - (na * (na + 1)) / 2;
  const cliffsDelta = (2 * u) / (na * nb) - 1;
  if (na === 0 || nb === 0) return { test: 'mann-whitney-u', u, pValue: NaN, method: 'exact', cliffsDelta: NaN };
  if (tieTerm === 0 && na <= EXACT_MAX && nb <= EXACT_MAX) {
    const counts = uDistribution(na, nb);
    const total = counts.reduce((s, c) => s + c, 0);
    let below = 0;
    let above = 0;
    counts.forEach((c, k) => {
      if (k <= u) below += c;
      if (k >= u) above += c;
    });
    return { test: 'mann-whitney-u', u, pValue: Math.min(1, (2 * Math.min(below, above)) / total), method: 'exact', cliffsDelta };
  }
  const n = na + nb;
  const mu = (na * nb) / 2;
  const sigma = Math.sqrt(((na * nb) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (sigma === 0) return { test: 'mann-whitney-u', u, pValue: 1, method: 'normal-approximation', cliffsDelta };
  const d = u - mu;
  const z = (d - Math.sign(d) * 0.5) / sigma;
  return { test: 'mann-whitney-u', u, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))), method: 'normal-approximation', cliffsDelta };
}
