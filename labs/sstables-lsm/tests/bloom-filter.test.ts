/**
 * Built-in tests for exercise "bloom-filter". They load the learner's bloom-filter.ts from
 * DDIA_EXERCISE_DIR. The false-positive tests add n keys, probe keys that were never added and
 * compare the measured rate with (1 − e^(−kn/m))^k; the keys are fixed, so the rates are too.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

interface Filter {
  readonly bits: Uint8Array;
  readonly bitCount: number;
  readonly hashCount: number;
  positions(key: string): number[];
  add(key: string): void;
  mayContain(key: string): boolean;
}
interface BloomModule {
  optimalHashCount(bitsPerKey: number): number;
  expectedFalsePositiveRate(bitCount: number, keyCount: number, hashCount: number): number;
  BloomFilter: { new (bitCount: number, hashCount: number): Filter; forKeys(keyCount: number, bitsPerKey: number): Filter };
}

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding bloom-filter.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bloom = require(path.join(exerciseDir, 'bloom-filter.ts')) as BloomModule;

function close(actual: number, expected: number, relative = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `expected ${expected}, got ${actual}`);
}

function measure(n: number, bitsPerKey: number): { measured: number; expected: number } {
  const f = bloom.BloomFilter.forKeys(n, bitsPerKey);
  for (let i = 0; i < n; i++) f.add(`user:${i}`);
  const probes = 40_000;
  let hits = 0;
  for (let i = 0; i < probes; i++) if (f.mayContain(`absent:${i}`)) hits++;
  return { measured: hits / probes, expected: bloom.expectedFalsePositiveRate(f.bitCount, n, f.hashCount) };
}

test('optimalHashCount is bitsPerKey × ln 2, rounded, at least 1', () => {
  assert.equal(bloom.optimalHashCount(10), 7);
  assert.equal(bloom.optimalHashCount(5), 3);
  assert.equal(bloom.optimalHashCount(16), 11);
  assert.equal(bloom.optimalHashCount(1), 1);
  assert.equal(bloom.optimalHashCount(0.5), 1);
});

test('expectedFalsePositiveRate follows (1 − e^(−kn/m))^k', () => {
  close(bloom.expectedFalsePositiveRate(10_000, 1000, 7), 0.008193722, 1e-6);
  close(bloom.expectedFalsePositiveRate(1000, 1000, 1), 1 - Math.exp(-1));
  close(bloom.expectedFalsePositiveRate(8000, 1000, 3), Math.pow(1 - Math.exp(-3 / 8), 3));
});

test('positions are hashCount distinct-looking indexes in [0, bitCount)', () => {
  const f = new bloom.BloomFilter(1009, 6);
  for (const key of ['a', 'b', 'hello', 'user:42']) {
    const ps = f.positions(key);
    assert.equal(ps.length, 6, `positions of ${key}`);
    for (const p of ps) assert.ok(Number.isInteger(p) && p >= 0 && p < 1009, `position ${p} of ${key}`);
    assert.ok(new Set(ps).size > 1, `the positions of ${key} are all ${ps[0]}: use h2 to spread them`);
    assert.deepEqual(f.positions(key), ps, 'positions must be deterministic');
  }
  assert.notDeepEqual(f.positions('a'), f.positions('b'));
});

test('an empty filter contains nothing', () => {
  const f = new bloom.BloomFilter(256, 3);
  for (const key of ['a', 'b', 'c', '']) assert.equal(f.mayContain(key), false);
});

test('add sets exactly the bits at the key\u2019s positions', () => {
  const f = new bloom.BloomFilter(512, 4);
  f.add('cat');
  assert.equal(f.positions('cat').length, 4, 'a key has hashCount positions');
  const set = new Set(f.positions('cat'));
  for (let p = 0; p < 512; p++) {
    const on = ((f.bits[p >> 3] as number) & (1 << (p & 7))) !== 0;
    assert.equal(on, set.has(p), `bit ${p}`);
  }
  // A second key adds its bits to those already set.
  f.add('dog');
  for (const p of f.positions('dog')) set.add(p);
  for (let p = 0; p < 512; p++) {
    const on = ((f.bits[p >> 3] as number) & (1 << (p & 7))) !== 0;
    assert.equal(on, set.has(p), `bit ${p} after adding 'cat' and 'dog'`);
  }
});

test('no false negatives: every added key is found', () => {
  const f = bloom.BloomFilter.forKeys(5000, 8);
  for (let i = 0; i < 5000; i++) f.add(`key-${i}`);
  for (let i = 0; i < 5000; i++) assert.equal(f.mayContain(`key-${i}`), true, `key-${i}`);
  // Answering "maybe" to everything has no false negatives either, but filters nothing.
  let accepted = 0;
  for (let i = 0; i < 2000; i++) if (f.mayContain(`never-added-${i}`)) accepted++;
  assert.ok(accepted < 200, `${accepted} of 2000 keys never added were reported as maybe present`);
});

test('the measured false-positive rate is close to the formula (10 bits per key)', () => {
  const { measured, expected } = measure(5000, 10);
  assert.ok(expected > 0.005 && expected < 0.012, `the formula gives ${expected} for 10 bits per key and k = 7`);
  assert.ok(measured > 0.5 * expected && measured < 1.6 * expected, `measured ${measured}, formula ${expected}`);
});

test('fewer bits per key, more false positives', () => {
  const four = measure(5000, 4);
  const ten = measure(5000, 10);
  assert.ok(four.measured > 3 * ten.measured, `4 bits/key: ${four.measured}, 10 bits/key: ${ten.measured}`);
  assert.ok(
    four.measured > 0.5 * four.expected && four.measured < 1.6 * four.expected,
    `4 bits/key measured ${four.measured}, formula ${four.expected}`,
  );
});
