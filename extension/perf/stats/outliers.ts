/**
 * Outlier detection, two documented rules:
 *
 * - Tukey's fences: with Q1 and Q3 the type-7 quartiles and IQR = Q3 − Q1, a value below
 *   Q1 − k·IQR or above Q3 + k·IQR is an outlier (k = 1.5 "mild", 3 "far out").
 * - Modified z-score (Iglewicz & Hoaglin, 1993): M = 0.6745·(x − median) / MAD, with MAD the
 *   raw median absolute deviation; |M| > 3.5 is an outlier. 0.6745 ≈ Φ⁻¹(3/4) makes M
 *   comparable to a z-score for normal data. When MAD is 0 (more than half the values are
 *   equal) every value different from the median is reported, which is the rule's limit.
 *
 * Outliers are reported, never silently dropped: in latency data they are often the story.
 */
import { mad, median, sortAscending } from './descriptive';
import { quantileSorted } from './percentile';

export type OutlierRule = { kind: 'tukey'; k: number } | { kind: 'mad'; threshold: number };

export interface OutlierReport {
  rule: OutlierRule;
  /** Values at or inside these bounds are not outliers. */
  lowerBound: number;
  upperBound: number;
  /** Indices into the input, ascending. */
  low: number[];
  high: number[];
}

export const TUKEY: OutlierRule = { kind: 'tukey', k: 1.5 };
export const MODIFIED_Z: OutlierRule = { kind: 'mad', threshold: 3.5 };

export function findOutliers(xs: readonly number[], rule: OutlierRule = TUKEY): OutlierReport {
  let lowerBound: number;
  let upperBound: number;
  if (rule.kind === 'tukey') {
    const sorted = sortAscending(xs);
    const q1 = quantileSorted(sorted, 0.25);
    const q3 = quantileSorted(sorted, 0.75);
    const iqr = q3 - q1;
    lowerBound = q1 - rule.k * iqr;
    upperBound = q3 + rule.k * iqr;
  } else {
    const m = median(xs);
    const spread = (rule.threshold * mad(xs)) / 0.6745;
    lowerBound = m - spread;
    upperBound = m + spread;
  }
  const low: number[] = [];
  const high: number[] = [];
  xs.forEach((x, i) => {
    if (x < lowerBound) low.push(i);
    else if (x > upperBound) high.push(i);
  });
  return { rule, lowerBound, upperBound, low, high };
}
