/**
 * Built-in tests for exercise "bench-stats". Expected percentiles are the worked examples of
 * the nearest-rank and type-7 definitions (checked against NumPy's `inverted_cdf` and `linear`
 * methods); the Welch results are SciPy's `ttest_ind(a, b, equal_var=False)` on the same data.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding bench-stats.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stats = require(path.join(exerciseDir, 'bench-stats.ts')) as {
  nearestRank(values: readonly number[], p: number): number;
  interpolated(values: readonly number[], p: number): number;
  correctCoordinatedOmission(latencies: readonly number[], expectedInterval: number): number[];
  welch(a: readonly number[], b: readonly number[]): { t: number; df: number };
};

function close(actual: number, expected: number, what: string, tolerance = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected}, got ${actual}`);
}

test('nearest-rank percentiles return observed values', () => {
  const xs = [40, 15, 50, 35, 20];
  const cases: [number, number][] = [
    [5, 15],
    [30, 20],
    [40, 20],
    [50, 35],
    [100, 50],
    [0, 15],
  ];
  for (const [p, expected] of cases) assert.equal(stats.nearestRank(xs, p), expected, `p${p} of ${xs.join(', ')}`);
  assert.deepEqual(xs, [40, 15, 50, 35, 20], 'the input array must not be sorted in place');
});

test('interpolated percentiles follow the type 7 definition', () => {
  const ys = [20, 3, 16, 8, 6, 15, 8, 10, 13, 7];
  const cases: [number, number][] = [
    [0, 3],
    [25, 7.25],
    [50, 9],
    [75, 14.5],
    [90, 16.4],
    [100, 20],
  ];
  for (const [p, expected] of cases) close(stats.interpolated(ys, p), expected, `p${p}`);
  assert.equal(ys[0], 20, 'the input array must not be sorted in place');
});

test('percentiles sort numerically, not as text', () => {
  const xs = [9, 100, 20];
  assert.equal(stats.nearestRank(xs, 100), 100);
  assert.equal(stats.nearestRank(xs, 34), 20);
  close(stats.interpolated(xs, 50), 20, 'median of 9, 20, 100');
});

test('the tail of a bimodal sample is not its average', () => {
  // 98 fast requests at 1 ms and 2 stalls at 500 ms: the mean (10.98 ms) describes no request.
  const xs = [...Array.from({ length: 98 }, () => 1), 500, 500];
  assert.equal(stats.nearestRank(xs, 50), 1);
  assert.equal(stats.nearestRank(xs, 98), 1);
  assert.equal(stats.nearestRank(xs, 99), 500);
});

test('coordinated omission back-fills the requests that were never sent', () => {
  // One response took 100 ms while the generator meant to send every 10 ms: nine requests
  // would have been waiting 90, 80, …, 10 ms.
  const corrected = stats.correctCoordinatedOmission([1, 100, 2], 10);
  assert.deepEqual(
    [...corrected].sort((a, b) => a - b),
    [1, 2, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
  );
});

test('back-fill stops below one interval and keeps fast samples as they are', () => {
  assert.deepEqual(stats.correctCoordinatedOmission([5, 9, 10], 10), [5, 9, 10], 'no sample reached two intervals');
  const corrected = stats.correctCoordinatedOmission([25], 10);
  assert.deepEqual(
    [...corrected].sort((a, b) => a - b),
    [15, 25],
    '25 ms at a 10 ms interval hides one request that waited 15 ms',
  );
  assert.deepEqual(stats.correctCoordinatedOmission([100, 7], 0), [100, 7], 'an interval of 0 means no correction');
});

test('correction moves the tail, not the median of a mostly fast run', () => {
  const raw = [...Array.from({ length: 999 }, () => 1), 1000];
  assert.equal(stats.nearestRank(raw, 99), 1, 'the raw p99 hides the stall');
  const corrected = stats.correctCoordinatedOmission(raw, 10);
  assert.equal(corrected.length, 1000 + 99);
  assert.ok(
    stats.nearestRank(corrected, 99) >= 900,
    `the corrected p99 should be close to the stall, got ${stats.nearestRank(corrected, 99)}`,
  );
});

test('welch t statistic and degrees of freedom match SciPy', () => {
  const a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
  const b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
  const r = stats.welch(a, b);
  close(r.t, -2.455356398286006, 't', 1e-9);
  close(r.df, 24.988529290231416, 'df', 1e-9);
});

test('welch handles samples of different sizes and variances', () => {
  const a = [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8];
  const b = [21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8];
  const r = stats.welch(a, b);
  close(r.t, -1.5654335235985037, 't', 1e-9);
  close(r.df, 9.904741248650831, 'df', 1e-9);
  const swapped = stats.welch(b, a);
  close(swapped.t, 1.5654335235985037, 't with the samples swapped', 1e-9);
});
