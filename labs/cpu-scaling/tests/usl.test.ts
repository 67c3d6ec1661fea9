/**
 * Built-in tests for exercise "usl-fit". Data are generated from known USL parameters, exactly
 * or with a fixed, deterministic ±3% ripple; the expected fit of the rippled data is NumPy's
 * `lstsq` on the same linearization, so the test checks the least-squares solution, not just
 * "something close".
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

interface UslParams {
  lambda: number;
  sigma: number;
  kappa: number;
}
interface ThroughputPoint {
  n: number;
  throughput: number;
}

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding usl.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const usl = require(path.join(exerciseDir, 'usl.ts')) as {
  uslThroughput(n: number, p: UslParams): number;
  fitUsl(points: readonly ThroughputPoint[]): UslParams;
  peakConcurrency(p: UslParams): number;
};

const TRUE: UslParams = { lambda: 1000, sigma: 0.05, kappa: 0.001 };
const NS = [1, 2, 4, 8, 16, 24, 32];

function model(n: number, p: UslParams): number {
  return (p.lambda * n) / (1 + p.sigma * (n - 1) + p.kappa * n * (n - 1));
}

function close(actual: number, expected: number, what: string, relative = 1e-6): void {
  assert.ok(Math.abs(actual - expected) <= relative * Math.max(1e-12, Math.abs(expected)), `${what}: expected ${expected}, got ${actual}`);
}

test('uslThroughput follows the formula', () => {
  close(usl.uslThroughput(1, TRUE), 1000, 'X(1) is λ');
  close(usl.uslThroughput(8, TRUE), model(8, TRUE), 'X(8)');
  close(usl.uslThroughput(32, { lambda: 50, sigma: 0.2, kappa: 0 }), (50 * 32) / (1 + 0.2 * 31), 'Amdahl at 32');
});

test('fitting exact USL data recovers its parameters', () => {
  const fit = usl.fitUsl(NS.map((n) => ({ n, throughput: model(n, TRUE) })));
  close(fit.lambda, 1000, 'λ');
  close(fit.sigma, 0.05, 'σ');
  close(fit.kappa, 0.001, 'κ');
});

test('the fit of noisy data is the least-squares solution', () => {
  const points = NS.map((n) => ({ n, throughput: model(n, TRUE) * (1 + 0.03 * Math.sin(n * 1.7)) }));
  const fit = usl.fitUsl(points);
  close(fit.lambda, 1029.7499443135741, 'λ (the n = 1 measurement)');
  close(fit.sigma, 0.04662920294332908, 'σ');
  close(fit.kappa, 0.0012982195200686906, 'κ');
});

test('repeated measurements at n = 1 are averaged for λ', () => {
  const points = [{ n: 1, throughput: 990 }, { n: 1, throughput: 1010 }, ...NS.slice(1).map((n) => ({ n, throughput: model(n, TRUE) }))];
  const fit = usl.fitUsl(points);
  close(fit.lambda, 1000, 'λ');
  close(fit.sigma, 0.05, 'σ');
});

test('the peak is at the square root of (1 − σ) / κ', () => {
  close(usl.peakConcurrency(TRUE), Math.sqrt(0.95 / 0.001), 'n*');
  const fit = usl.fitUsl(NS.map((n) => ({ n, throughput: model(n, TRUE) * (1 + 0.03 * Math.sin(n * 1.7)) })));
  close(usl.peakConcurrency(fit), 27.099224008750607, 'n* of the noisy fit');
});

test("Amdahl's law data has no peak", () => {
  const amdahl = { lambda: 500, sigma: 0.1, kappa: 0 };
  const fit = usl.fitUsl(NS.map((n) => ({ n, throughput: model(n, amdahl) })));
  close(fit.sigma, 0.1, 'σ');
  assert.ok(Math.abs(fit.kappa) < 1e-12, `κ should be 0, got ${fit.kappa}`);
  assert.equal(usl.peakConcurrency(amdahl), Infinity);
});

test('a fit without enough data is refused', () => {
  assert.throws(() => usl.fitUsl([2, 4, 8].map((n) => ({ n, throughput: model(n, TRUE) }))), RangeError, 'no n = 1 point');
  assert.throws(
    () =>
      usl.fitUsl([
        { n: 1, throughput: 1000 },
        { n: 4, throughput: 3500 },
        { n: 4, throughput: 3600 },
      ]),
    RangeError,
    'only one n > 1',
  );
});
