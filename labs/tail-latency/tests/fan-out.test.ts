/**
 * Built-in tests for exercise "fan-out". The probabilities are the closed forms worked out in
 * the comments (1 − 0.99¹⁰⁰ is the "63% of requests meet a slow backend" example of
 * *The Tail at Scale*); the quantile and hedging cases use small hand-checkable samples.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding fan-out.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const f = require(path.join(exerciseDir, 'fan-out.ts')) as {
  probabilityAnySlow(pSlow: number, n: number): number;
  maxFanOut(pSlow: number, budget: number): number;
  fanOutLatency(samples: readonly number[], n: number, q: number): number;
  hedge(primary: readonly number[], backup: readonly number[], hedgeAfterMs: number): { latencies: number[]; backupFraction: number };
};

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12, `${what}: expected ${expected}, got ${actual}`);
}

test('one slow call in a hundred reaches most fan-out requests', () => {
  close(f.probabilityAnySlow(0.01, 100), 0.6339676587267709, '1 − 0.99^100');
  close(f.probabilityAnySlow(0.001, 100), 0.09520785288629108, '1 − 0.999^100');
  close(f.probabilityAnySlow(0.05, 10), 0.4012630607616213, '1 − 0.95^10');
  close(f.probabilityAnySlow(0.01, 1), 0.01, 'a single call');
});

test('probabilities stay probabilities at the edges', () => {
  assert.equal(f.probabilityAnySlow(0.3, 0), 0, 'no calls, nothing slow');
  assert.equal(f.probabilityAnySlow(0, 1000), 0);
  assert.equal(f.probabilityAnySlow(1, 3), 1);
  const big = f.probabilityAnySlow(0.02, 500);
  assert.ok(big <= 1 && big > 0.99, `2% slow at fan-out 500: expected just under 1, got ${big}`);
});

test('invalid arguments are refused', () => {
  assert.throws(() => f.probabilityAnySlow(1.5, 3), RangeError);
  assert.throws(() => f.probabilityAnySlow(0.1, -1), RangeError);
  assert.throws(() => f.probabilityAnySlow(0.1, 2.5), RangeError);
  assert.throws(() => f.fanOutLatency([], 3, 0.5), RangeError);
  assert.throws(() => f.hedge([1, 2], [1], 5), RangeError);
});

test('the largest fan-out within a budget', () => {
  // 1 − 0.99^n ≤ 0.5 ⇔ n ≤ ln 0.5 / ln 0.99 = 68.97…
  assert.equal(f.maxFanOut(0.01, 0.5), 68);
  assert.equal(f.maxFanOut(0.5, 0.75), 2, 'a budget met exactly still fits: 1 − 0.5² = 0.75');
  assert.equal(f.maxFanOut(0.2, 0.1), 0, 'not even one call fits');
  assert.equal(f.maxFanOut(0, 0.1), Infinity);
});

test('fan-out latency is a higher quantile of the backend', () => {
  const samples = Array.from({ length: 1000 }, (_, i) => i + 1); // 1 … 1000 ms, uniform
  assert.equal(f.fanOutLatency(samples, 1, 0.5), 500, 'one backend: its own median');
  // Median of the max of 2 is the backend's √0.5 = 0.7071… quantile: rank ⌈707.1⌉ = 708.
  assert.equal(f.fanOutLatency(samples, 2, 0.5), 708);
  // p99 of the max of 10: 0.99^(1/10) = 0.998995…, rank 999.
  assert.equal(f.fanOutLatency(samples, 10, 0.99), 999);
  assert.equal(f.fanOutLatency([5, 1, 3], 1, 0.5), 3, 'samples are sorted numerically first');
});

test('hedging waits, then takes the first answer', () => {
  const r = f.hedge([5, 50, 12, 200], [7, 3, 100, 1], 10);
  // 5 ≤ 10: no backup. 50: backup answers at 10 + 3 = 13. 12: backup at 110, primary wins.
  // 200: backup at 11.
  assert.deepEqual(r.latencies, [5, 13, 12, 11]);
  close(r.backupFraction, 0.75, 'three of four requests sent a backup');
});

test('a hedge that never fires costs nothing and changes nothing', () => {
  const r = f.hedge([5, 6, 7], [1, 1, 1], 100);
  assert.deepEqual(r.latencies, [5, 6, 7]);
  assert.equal(r.backupFraction, 0);
  const empty = f.hedge([], [], 10);
  assert.deepEqual(empty, { latencies: [], backupFraction: 0 });
});
