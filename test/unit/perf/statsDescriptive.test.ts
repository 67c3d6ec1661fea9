/**
 * Descriptive statistics, percentiles and outlier rules against hand computations (small sets
 * whose answers can be checked on paper) and NumPy's type-7 percentiles.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  coefficientOfVariation,
  mad,
  madScaled,
  mean,
  median,
  stddev,
  summarize,
  variance,
} from '../../../extension/perf/stats/descriptive';
import { findOutliers, MODIFIED_Z, TUKEY } from '../../../extension/perf/stats/outliers';
import { percentile } from '../../../extension/perf/stats/percentile';
import { close } from './statsHelpers';

describe('descriptive statistics', () => {
  test('mean, sample variance (n − 1), stddev and CV of 2,4,4,4,5,5,7,9', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    assert.equal(mean(xs), 5);
    // Σ(x − 5)² = 32, divided by n − 1 = 7.
    close(variance(xs), 32 / 7, 1e-15, 'variance');
    close(stddev(xs), Math.sqrt(32 / 7), 1e-15, 'stddev');
    close(coefficientOfVariation(xs), Math.sqrt(32 / 7) / 5, 1e-15, 'cv');
  });

  test('median of odd and even counts, MAD raw and scaled', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    // |x − 3| for 1,2,3,4,100 = 2,1,0,1,97 → median 1.
    assert.equal(mad([1, 2, 3, 4, 100]), 1);
    close(madScaled([1, 2, 3, 4, 100]), 1.482602218505602, 1e-15, 'scaled');
  });

  test('compensated sum keeps small values next to a huge one', () => {
    assert.equal(mean([1e16, 1, 1, -1e16]), 0.5);
  });

  test('empty and single-element inputs give NaN instead of throwing', () => {
    assert.ok(Number.isNaN(mean([])));
    assert.ok(Number.isNaN(stddev([3])));
    const s = summarize([]);
    assert.equal(s.count, 0);
    assert.ok(Number.isNaN(s.median));
  });
});

describe('percentile (Hyndman–Fan type 7)', () => {
  test('matches NumPy percentile on 15,20,35,40,50', () => {
    const xs = [50, 15, 40, 20, 35];
    // numpy.percentile(xs, [0, 25, 40, 90, 100]) = 15, 20, 29, 46, 50
    assert.deepEqual(
      [0, 25, 40, 90, 100].map((p) => percentile(xs, p)),
      [15, 20, 29, 46, 50],
    );
  });

  test('out-of-range p and empty input give NaN', () => {
    assert.ok(Number.isNaN(percentile([1, 2], 101)));
    assert.ok(Number.isNaN(percentile([], 50)));
  });
});

describe('outliers', () => {
  test('Tukey fences at 1.5 IQR flag the far value only', () => {
    const xs = [10, 11, 12, 13, 14, 15, 16, 40, 1];
    const r = findOutliers(xs, TUKEY);
    // Sorted 1,10,...,16,40: Q1 = 11, Q3 = 15, IQR = 4 → fences 5 and 21.
    assert.equal(r.lowerBound, 5);
    assert.equal(r.upperBound, 21);
    assert.deepEqual(r.high, [7]);
    assert.deepEqual(r.low, [8]);
  });

  test('modified z-score flags values beyond 3.5 scaled MADs', () => {
    const xs = [1, 2, 3, 4, 100, 3, 2];
    const r = findOutliers(xs, MODIFIED_Z);
    // median 3, MAD 1 → bounds 3 ± 3.5/0.6745.
    close(r.upperBound, 3 + 3.5 / 0.6745, 1e-12, 'upper');
    assert.deepEqual(r.high, [4]);
    assert.deepEqual(r.low, []);
  });
});
