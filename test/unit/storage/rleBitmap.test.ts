/**
 * Run-length encoded bitmaps: OR and AND on the runs agree with the same operations on plain sets
 * of rows (seeded random bitmaps, dense and sparse, clustered and scattered), the stored form
 * round-trips and is canonical, and damaged runs are rejected.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { ByteReader, ByteWriter } from '../../../extension/storage/lsm/bytes';
import { bitmapSizes, decodeColumn, encodeColumn } from '../../../extension/storage/column/columnEncoding';
import {
  andBitmaps,
  bitmapOfRows,
  countSet,
  forEachSetRange,
  orBitmaps,
  readRleBitmap,
  type RleBitmap,
  writeRleBitmap,
} from '../../../extension/storage/column/rleBitmap';
import { createRandom, type Random } from '../../../extension/util/prng';

const setRows = (b: RleBitmap): number[] => {
  const out: number[] = [];
  forEachSetRange(b, (s, e) => {
    for (let r = s; r < e; r++) out.push(r);
  });
  return out;
};

/** A random set of rows: clustered (runs of up to `runMax`) with density about `density`. */
function randomRows(rng: Random, rowCount: number, density: number, runMax: number): number[] {
  const rows: number[] = [];
  for (let r = 0; r < rowCount;) {
    const length = rng.intBetween(1, runMax);
    if (rng.chance(density)) for (let i = r; i < Math.min(rowCount, r + length); i++) rows.push(i);
    r += length;
  }
  return rows;
}

function roundTrip(b: RleBitmap): RleBitmap {
  const w = new ByteWriter();
  writeRleBitmap(w, b);
  const r = new ByteReader(w.finish());
  const back = readRleBitmap(r, b.rowCount);
  assert.equal(r.remaining, 0);
  return back;
}

describe('run-length encoded bitmaps', () => {
  test('the runs alternate zeros and ones, zeros first, without trailing zeros', () => {
    // DDIA's figure 3-11 reads "9, 1": nine rows without the value, one with it, the rest without.
    assert.deepEqual([...bitmapOfRows(18, [9]).runs], [9, 1]);
    assert.deepEqual([...bitmapOfRows(10, [0, 1, 2, 7]).runs], [0, 3, 4, 1]);
    assert.deepEqual([...bitmapOfRows(10, []).runs], []);
    assert.throws(() => bitmapOfRows(10, [3, 2]), RangeError);
    assert.throws(() => bitmapOfRows(10, [10]), RangeError);
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    test(`OR and AND on runs equal set union and intersection (seed ${seed})`, () => {
      const rng = createRandom(seed);
      for (let i = 0; i < 40; i++) {
        const rowCount = rng.intBetween(1, 3000);
        const a = randomRows(rng, rowCount, rng.next(), rng.intBetween(1, 200));
        const b = randomRows(rng, rowCount, rng.next(), rng.intBetween(1, 200));
        const x = bitmapOfRows(rowCount, a);
        const y = bitmapOfRows(rowCount, b);
        const union = [...new Set([...a, ...b])].sort((p, q) => p - q);
        const inB = new Set(b);
        assert.deepEqual(setRows(orBitmaps(x, y)), union, `seed ${seed}, case ${i}: OR`);
        assert.deepEqual(
          setRows(andBitmaps(x, y)),
          a.filter((r) => inB.has(r)),
          `seed ${seed}, case ${i}: AND`,
        );
        // Results are canonical: the same rows give the same runs however they were computed.
        assert.deepEqual([...orBitmaps(x, y).runs], [...bitmapOfRows(rowCount, union).runs], `seed ${seed}, case ${i}: canonical OR`);
        assert.equal(countSet(x), a.length);
        assert.deepEqual(setRows(roundTrip(x)), a, `seed ${seed}, case ${i}: round trip`);
      }
    });
  }

  test('damaged runs are rejected: odd count, an empty run, runs past the last row', () => {
    const bytes = (...varints: number[]): ByteReader => {
      const w = new ByteWriter();
      for (const v of varints) w.varint(v);
      return new ByteReader(w.finish());
    };
    assert.throws(() => readRleBitmap(bytes(3, 1, 2, 3), 10), /pairs/);
    assert.throws(() => readRleBitmap(bytes(4, 1, 0, 3, 1), 10), /empty/);
    assert.throws(() => readRleBitmap(bytes(2, 8, 5), 10), /cover 13 rows of 10/);
  });

  test('a bitmap column decodes to the same values and keeps its bitmaps for filters', () => {
    const rng = createRandom(9);
    const values = Array.from({ length: 2000 }, () => rng.pick(['a', 'b', 'c', 'd', 'e']));
    const v = decodeColumn('string', 'bitmap', encodeColumn('string', values, 'bitmap'), values.length);
    assert.equal(v.type, 'string');
    if (v.type !== 'string') return;
    assert.deepEqual(
      [...v.codes].map((c) => v.dictionary[c]),
      values,
    );
    assert.equal(v.bitmapIndex?.bitmaps.length, 5);
  });

  test('sizes: a sorted column compresses by a large factor, a dense scattered one does not', () => {
    const sorted = Array.from({ length: 10_000 }, (_, i) => `v${Math.floor(i / 500)}`);
    const s = bitmapSizes('string', sorted);
    assert.equal(s.distinct, 20);
    assert.ok(s.uncompressedBytes > 50 * s.runLengthBytes, `sorted: ${s.uncompressedBytes} → ${s.runLengthBytes} bytes`);
    const rng = createRandom(4);
    const dense = Array.from({ length: 10_000 }, () => rng.int(4));
    const d = bitmapSizes('number', dense);
    assert.ok(d.runLengthBytes > d.uncompressedBytes, `dense: ${d.uncompressedBytes} → ${d.runLengthBytes} bytes`);
  });
});
