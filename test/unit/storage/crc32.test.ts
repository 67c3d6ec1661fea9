/**
 * Our CRC-32 against known check values and against zlib's, over random lengths and offsets.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import * as zlib from 'node:zlib';
import { crc32, crc32Portable } from '../../../extension/storage/codec/crc32';
import { createRandom } from '../../../extension/util/prng';

describe('crc32', () => {
  test('known check values', () => {
    assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
    assert.equal(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog')), 0x414fa339);
  });

  test('equals zlib.crc32 on 500 random buffers, sub-ranges and continuations (seed 11)', () => {
    const rng = createRandom(11);
    for (let i = 0; i < 500; i++) {
      const data = new Uint8Array(rng.int(300));
      for (let j = 0; j < data.length; j++) data[j] = rng.int(256);
      assert.equal(crc32(data), zlib.crc32(data), `case ${i}`);
      const a = rng.int(data.length + 1);
      const b = a + rng.int(data.length - a + 1);
      assert.equal(crc32(data, 0, a, b), zlib.crc32(data.subarray(a, b)), `case ${i} range`);
      assert.equal(crc32(data.subarray(b), crc32(data.subarray(0, b))), zlib.crc32(data), `case ${i} continued`);
    }
  });

  test('the portable (JavaScript) path equals zlib.crc32 on long buffers and sub-ranges (seed 12)', () => {
    const rng = createRandom(12);
    for (let i = 0; i < 100; i++) {
      const data = new Uint8Array(rng.int(9000));
      for (let j = 0; j < data.length; j++) data[j] = rng.int(256);
      const a = rng.int(data.length + 1);
      assert.equal(crc32Portable(data), zlib.crc32(data), `case ${i}`);
      assert.equal(crc32Portable(data, 0, a), zlib.crc32(data.subarray(a)), `case ${i} range`);
    }
  });
});
