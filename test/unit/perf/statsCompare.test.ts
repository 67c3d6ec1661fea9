/**
 * Two-sample tests, intervals and verdicts. Exact values come from SciPy 1.17.1
 * (ttest_ind(equal_var=False), mannwhitneyu(method='exact'/'asymptotic'), t.interval).
 * Verdict tests draw seeded samples (seeds printed in the test names) from clearly different
 * and from identical distributions.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRandom } from '../../../extension/util/prng';
import { bootstrapInterval, tIntervalMean } from '../../../extension/perf/stats/confidence';
import { mean, median } from '../../../extension/perf/stats/descriptive';
import { mannWhitneyU } from '../../../extension/perf/stats/mannWhitney';
import { compareSamples } from '../../../extension/perf/stats/verdict';
import { welchTTest } from '../../../extension/perf/stats/welch';
import { close, logNormalSamples, normalSamples } from './statsHelpers';

describe("Welch's t-test", () => {
  test('1..5 vs 2,4,..,10 matches SciPy: t −1.897, df 5.882, p 0.1075', () => {
    const r = welchTTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    close(r.t, -1.8973665961010275, 1e-14, 't');
    close(r.df, 5.882352941176471, 1e-14, 'df');
    close(r.pValue, 0.10753119493062728, 1e-10, 'p');
  });

  test('two equal constants do not differ; two different constants do', () => {
    assert.equal(welchTTest([3, 3, 3], [3, 3]).pValue, 1);
    assert.equal(welchTTest([3, 3, 3], [4, 4]).pValue, 0);
  });
});

describe('Mann–Whitney U', () => {
  test('fully separated 5 vs 5 gives U = 0 and exact p = 2/252', () => {
    const r = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    assert.equal(r.u, 0);
    assert.equal(r.method, 'exact');
    close(r.pValue, 0.007936507936507936, 1e-13, 'p');
    assert.equal(r.cliffsDelta, -1);
  });

  test('interleaved samples of unequal size match SciPy exact p 0.9307', () => {
    const r = mannWhitneyU([1.1, 2.2, 3.3, 4.4, 5.5, 9.9], [2.0, 6.1, 7.2, 8.3, 0.5]);
    assert.equal(r.u, 14);
    close(r.pValue, 0.9307359307359306, 1e-12, 'p');
  });

  test('ties switch to the tie-corrected normal approximation (SciPy asymptotic, continuity)', () => {
    const r = mannWhitneyU([1, 2, 2, 3, 3, 3, 4, 5], [3, 4, 4, 5, 5, 6, 7, 7, 8]);
    assert.equal(r.method, 'normal-approximation');
    assert.equal(r.u, 7.5);
    close(r.pValue, 0.006373133838085873, 1e-10, 'p');
  });
});

describe('confidence intervals', () => {
  test('Student-t 95% interval of 1..5 matches SciPy t.interval', () => {
    const ci = tIntervalMean([1, 2, 3, 4, 5]);
    close(ci.low, 1.0367568385224428, 1e-12, 'low');
    close(ci.high, 4.963243161477557, 1e-12, 'high');
  });

  test('bootstrap is reproducible for a seed and brackets the sample median (seed 7)', () => {
    const xs = normalSamples(createRandom(7), 200, 10, 2);
    const a = bootstrapInterval(xs, median, { random: createRandom(7), resamples: 1000 });
    const b = bootstrapInterval(xs, median, { random: createRandom(7), resamples: 1000 });
    assert.deepEqual(a, b);
    assert.ok(a.low < median(xs) && median(xs) < a.high, JSON.stringify(a));
    assert.ok(a.high - a.low < 1.5, 'a 95% CI of the median of 200 N(10,2) values is narrow');
  });

  test('bootstrap CI of the mean agrees with the t interval on normal data (seed 11)', () => {
    const xs = normalSamples(createRandom(11), 400, 50, 5);
    const t = tIntervalMean(xs);
    const b = bootstrapInterval(xs, mean, { random: createRandom(12), resamples: 2000 });
    assert.ok(Math.abs(b.low - t.low) < 0.15 && Math.abs(b.high - t.high) < 0.15, `${JSON.stringify(t)} vs ${JSON.stringify(b)}`);
  });

  test('coverage of the t interval over 400 seeded N(0,1) samples of 10 is near 95% (seed 21)', () => {
    const random = createRandom(21);
    let covered = 0;
    for (let i = 0; i < 400; i++) {
      const ci = tIntervalMean(normalSamples(random, 10, 0, 1));
      if (ci.low <= 0 && 0 <= ci.high) covered++;
    }
    // Binomial(400, 0.95) has sd ≈ 4.4; allow about ±3 sd.
    assert.ok(covered >= 367 && covered <= 393, `covered ${covered}/400`);
  });
});

describe('verdicts', () => {
  test('candidate 20% faster on log-normal latencies is "faster" by both tests (seed 3)', () => {
    const random = createRandom(3);
    const base = logNormalSamples(random, 300, Math.log(100), 0.3);
    const cand = logNormalSamples(random, 300, Math.log(80), 0.3);
    for (const test of ['mann-whitney-u', 'welch-t'] as const) {
      const c = compareSamples(base, cand, { test });
      assert.equal(c.verdict, 'faster', c.explanation);
      assert.ok(c.relativeChange < -0.1 && c.effectSize < 0);
    }
    assert.equal(compareSamples(cand, base).verdict, 'slower');
  });

  test('two samples from one distribution are "no significant difference" (seed 5)', () => {
    const random = createRandom(5);
    const a = logNormalSamples(random, 300, Math.log(100), 0.3);
    const b = logNormalSamples(random, 300, Math.log(100), 0.3);
    const c = compareSamples(a, b);
    assert.equal(c.verdict, 'no significant difference', c.explanation);
    assert.ok(c.pValue > 0.05);
  });

  test('false-positive rate on identical distributions stays near alpha (seed 9, 200 pairs)', () => {
    const random = createRandom(9);
    let flagged = 0;
    for (let i = 0; i < 200; i++) {
      const c = compareSamples(normalSamples(random, 30, 10, 1), normalSamples(random, 30, 10, 1));
      if (c.verdict !== 'no significant difference') flagged++;
    }
    // Expected 10 of 200; binomial sd ≈ 3.1.
    assert.ok(flagged <= 20, `flagged ${flagged}/200`);
  });

  test('a significant but tiny change is not reported when below minRelativeChange (seed 13)', () => {
    const random = createRandom(13);
    const a = normalSamples(random, 5000, 100, 1);
    const b = a.map((x) => x * 1.01);
    assert.equal(compareSamples(a, b).verdict, 'slower');
    assert.equal(compareSamples(a, b, { minRelativeChange: 0.05 }).verdict, 'no significant difference');
  });
});
