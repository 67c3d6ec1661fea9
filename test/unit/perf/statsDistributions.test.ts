/**
 * Distribution functions against SciPy 1.17.1 values (printed with repr, so full precision)
 * and against a numerical integration of the t density, so a wrong constant in the Lanczos
 * table or the continued fraction cannot hide.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  incompleteBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from '../../../extension/perf/stats/distributions';
import { close } from './statsHelpers';

describe('distribution functions', () => {
  test('log-gamma matches scipy.special.gammaln, including x < 0.5', () => {
    close(logGamma(0.3), 1.0957979948180756, 1e-13, 'lgamma(0.3)');
    close(logGamma(10.5), 13.940625219403763, 1e-13, 'lgamma(10.5)');
    close(logGamma(100), 359.1342053695754, 1e-13, 'lgamma(100)');
    close(logGamma(5), Math.log(24), 1e-13, 'lgamma(5) = ln 4!');
  });

  test('regularized incomplete beta matches scipy.special.betainc', () => {
    close(incompleteBeta(0.3, 2.5, 3.5), 0.29675298929566646, 1e-12, 'I_0.3(2.5, 3.5)');
    // I_x(1, 1) is the uniform CDF.
    close(incompleteBeta(0.42, 1, 1), 0.42, 1e-14, 'uniform');
  });

  test('normal CDF and quantile match scipy.stats.norm, far tail included', () => {
    close(normalCdf(1), 0.8413447460685429, 1e-13, 'Φ(1)');
    close(normalCdf(-1.96), 0.024997895148220435, 1e-12, 'Φ(−1.96)');
    close(normalCdf(-8), 6.22096057427174e-16, 1e-9, 'Φ(−8)');
    close(normalQuantile(0.975), 1.959963984540054, 1e-12, 'z 0.975');
    close(normalQuantile(0.999), 3.090232306167813, 1e-12, 'z 0.999');
    close(normalQuantile(1e-6), -4.753424308822899, 1e-11, 'z 1e-6');
  });

  test('Student-t CDF matches scipy.stats.t.cdf, fractional df included', () => {
    close(studentTCdf(2.228, 10), 0.9749941140914443, 1e-12, 't 10');
    close(studentTCdf(-1.5, 3), 0.11529193262241147, 1e-12, 't 3');
    close(studentTCdf(0.3, 2.5), 0.6063288142524014, 1e-12, 't 2.5');
  });

  test('Student-t quantiles are the textbook critical values', () => {
    const table: Array<[number, number]> = [
      [1, 12.706204736174694],
      [2, 4.302652729749462],
      [10, 2.228138851986274],
      [30, 2.0422724563012378],
      [5.5, 2.501858617589239],
    ];
    for (const [df, expected] of table) close(studentTQuantile(0.975, df), expected, 1e-11, `t(0.975, ${df})`);
  });

  test('t CDF agrees with Simpson integration of the t density', () => {
    const df = 4;
    // f(t) = Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) (1 + t²/ν)^(−(ν+1)/2); integrate from 0 to 1.7.
    const c = Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2)) / Math.sqrt(df * Math.PI);
    const f = (t: number): number => c * Math.pow(1 + (t * t) / df, -(df + 1) / 2);
    const n = 2000;
    const h = 1.7 / n;
    let s = f(0) + f(1.7);
    for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(i * h);
    close(studentTCdf(1.7, df), 0.5 + (s * h) / 3, 1e-10, 'integral');
  });

  test('bad arguments give NaN, infinite ones the limits', () => {
    assert.ok(Number.isNaN(studentTCdf(1, 0)));
    assert.ok(Number.isNaN(incompleteBeta(1.5, 1, 1)));
    assert.equal(normalCdf(Infinity), 1);
    assert.equal(normalQuantile(0), -Infinity);
  });
});
