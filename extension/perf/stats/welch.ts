/**
 * Welch's unequal-variances t-test of H0 "the two means are equal", two-sided:
 * t = (m_a − m_b) / √(s²_a/n_a + s²_b/n_b), with the Welch–Satterthwaite degrees of freedom
 * ν = (s²_a/n_a + s²_b/n_b)² / ((s²_a/n_a)²/(n_a − 1) + (s²_b/n_b)²/(n_b − 1)).
 * Preferred over Student's pooled test because two benchmark variants rarely share a variance.
 */
import { mean, variance } from './descriptive';
import { studentTCdf } from './distributions';

export interface WelchResult {
  test: 'welch-t';
  t: number;
  df: number;
  pValue: number;
  /** mean(a) − mean(b). */
  meanDifference: number;
  /** Cohen's d with the average of the two variances as the standardizer (suits unequal variances). */
  cohensD: number;
}

export function welchTTest(a: readonly number[], b: readonly number[]): WelchResult {
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const diff = mean(a) - mean(b);
  const se = Math.sqrt(va + vb);
  const df = ((va + vb) * (va + vb)) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  const sd = Math.sqrt((variance(a) + variance(b)) / 2);
  let t: number;
  let pValue: number;
  if (se === 0) {
    // Both samples are constant: identical constants do not differ, different ones certainly do.
    t = diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
    pValue = diff === 0 ? 1 : 0;
  } else {
    t = diff / se;
    pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  }
  return {
    test: 'welch-t',
    t,
    df,
    pValue,
    meanDifference: diff,
    cohensD: sd === 0 ? (diff === 0 ? 0 : Math.sign(diff) * Infinity) : diff / sd,
  };
}
