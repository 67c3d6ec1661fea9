/**
 * A verdict on whether a candidate's timings differ from a baseline's: "faster", "slower" or
 * "no significant difference", with the test used, its p-value and effect sizes. Samples are
 * durations, so lower is better.
 *
 * Rule: the difference is significant when p < alpha (default 0.05) *and* the relative change
 * of the centre (median for Mann–Whitney, mean for Welch) is at least minRelativeChange
 * (default 0, i.e. off). The second condition exists because with thousands of samples a
 * test flags a 0.1% change that nobody should act on; regression checks set it (e.g. 0.05).
 * The default test is Mann–Whitney U because latency distributions are skewed and often
 * multimodal; Welch's t-test is offered for means.
 */
import { mean, median } from './descriptive';
import { mannWhitneyU } from './mannWhitney';
import { welchTTest } from './welch';

export type Verdict = 'faster' | 'slower' | 'no significant difference';
export type TestKind = 'mann-whitney-u' | 'welch-t';

export interface CompareOptions {
  test?: TestKind;
  alpha?: number;
  minRelativeChange?: number;
}

export interface Comparison {
  verdict: Verdict;
  test: TestKind;
  pValue: number;
  alpha: number;
  /** (centre(candidate) − centre(baseline)) / centre(baseline); negative means faster. */
  relativeChange: number;
  centre: 'median' | 'mean';
  /** Standardized effect: Cliff's delta (Mann–Whitney) or Cohen's d (Welch), candidate vs baseline. */
  effectSize: number;
  effectSizeName: "Cliff's delta" | "Cohen's d";
  /** One sentence a learner can read. */
  explanation: string;
}

export function compareSamples(baseline: readonly number[], candidate: readonly number[], opts: CompareOptions = {}): Comparison {
  const test = opts.test ?? 'mann-whitney-u';
  const alpha = opts.alpha ?? 0.05;
  const minRelativeChange = opts.minRelativeChange ?? 0;
  const centre = test === 'welch-t' ? 'mean' : 'median';
  const c = centre === 'mean' ? mean : median;
  const base = c(baseline);
  const cand = c(candidate);
  const relativeChange = base === 0 ? (cand === 0 ? 0 : Infinity * Math.sign(cand)) : (cand - base) / Math.abs(base);
  let pValue: number;
  let effectSize: number;
  let direction: number;
  if (test === 'welch-t') {
    const r = welchTTest(candidate, baseline);
    pValue = r.pValue;
    effectSize = r.cohensD;
    direction = Math.sign(r.meanDifference);
  } else {
    const r = mannWhitneyU(candidate, baseline);
    pValue = r.pValue;
    effectSize = r.cliffsDelta;
    direction = Math.sign(r.cliffsDelta);
  }
  const significant = pValue < alpha && Math.abs(relativeChange) >= minRelativeChange && direction !== 0;
  const verdict: Verdict = !significant ? 'no significant difference' : direction < 0 ? 'faster' : 'slower';
  const pct = (relativeChange * 100).toFixed(1);
  const testName = test === 'welch-t' ? "Welch's t-test" : 'Mann–Whitney U';
  const explanation =
    verdict === 'no significant difference'
      ? `No significant difference: ${centre} changed ${pct}% but ${testName} gives p = ${pValue.toPrecision(3)} (alpha ${alpha}${
          minRelativeChange > 0 ? `, minimum change ${(minRelativeChange * 100).toFixed(1)}%` : ''
        }).`
      : `Candidate is ${verdict}: ${centre} changed ${pct}%, ${testName} p = ${pValue.toPrecision(3)} < ${alpha}.`;
  return {
    verdict,
    test,
    pValue,
    alpha,
    relativeChange,
    centre,
    effectSize,
    effectSizeName: test === 'welch-t' ? "Cohen's d" : "Cliff's delta",
    explanation,
  };
}
