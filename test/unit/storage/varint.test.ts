/**
 * The one varint codec (extension/storage/codec/varint.ts): exact bytes at the edges of each
 * length, round trips against a BigInt reference encoder, and clear refusals of overflow and
 * truncated input, also through the wrappers the formats use (ByteWriter/ByteReader, the hash
 * log's length reader).
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  decodeVarint,
  readVarint,
  VARINT_OVERFLOW,
  VARINT_TRUNCATED,
  VARINT_U32,
  VARINT_U53,
  VarintError,
  VarintRangeError,
  varintBytes,
  writeVarint,
} from '../../../extension/storage/codec/varint';
import { readLength } from '../../../extension/storage/hashlog/recordFormat';
import { ByteReader, ByteWriter, OutOfBounds } from '../../../extension/storage/lsm/bytes';
import { createRandom } from '../../../extension/util/prng';

/** LEB128 by the definition, in BigInt, independent of the codec under test. */
function reference(n: bigint): number[] {
  const out: number[] = [];
  do {
    const low = Number(n & 0x7fn);
    n >>= 7n;
    out.push(n > 0n ? low | 0x80 : low);
  } while (n > 0n);
  return out;
}

function encode(n: number, max = VARINT_U32): number[] {
  const out = new Uint8Array(10);
  const end = writeVarint(out, 0, n, max);
  return [...out.subarray(0, end)];
}

function decode(bytes: number[], max = VARINT_U32): { value: number; pos: number } {
  const cursor = { pos: 0 };
  const value = decodeVarint(Uint8Array.from(bytes), cursor, bytes.length, max);
  return { value, pos: cursor.pos };
}

describe('varint codec', () => {
  test('exact bytes at the edges: 0, 127, 128, 300, 2^31, 2^32 - 1, 2^53 - 1', () => {
    assert.deepEqual(encode(0), [0x00]);
    assert.deepEqual(encode(127), [0x7f]);
    assert.deepEqual(encode(128), [0x80, 0x01]);
    assert.deepEqual(encode(300), [0xac, 0x02]);
    assert.deepEqual(encode(2 ** 31), [0x80, 0x80, 0x80, 0x80, 0x08]);
    assert.deepEqual(encode(VARINT_U32), [0xff, 0xff, 0xff, 0xff, 0x0f]);
    assert.deepEqual(encode(VARINT_U53, VARINT_U53), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]);
    for (const [n, max] of [
      [0, VARINT_U32],
      [127, VARINT_U32],
      [128, VARINT_U32],
      [2 ** 31, VARINT_U32],
      [VARINT_U32, VARINT_U32],
      [VARINT_U53, VARINT_U53],
    ] as const) {
      const bytes = encode(n, max);
      assert.deepEqual(decode(bytes, max), { value: n, pos: bytes.length }, `${n} round-trips`);
      assert.equal(varintBytes(n), bytes.length, `varintBytes(${n})`);
    }
  });

  test('round trips and matches the reference encoder on 2000 random values of every length (seed 5)', () => {
    const rng = createRandom(5);
    for (let i = 0; i < 2000; i++) {
      // A random bit length, then a random value of that many bits, so every byte count is hit.
      const bits = 1 + rng.int(53);
      const n = Math.min(VARINT_U53, Math.floor(rng.next() * 2 ** bits));
      const bytes = encode(n, VARINT_U53);
      assert.deepEqual(bytes, reference(BigInt(n)), `bytes of ${n}`);
      assert.equal(varintBytes(n), bytes.length, `varintBytes(${n})`);
      assert.deepEqual(decode(bytes, VARINT_U53), { value: n, pos: bytes.length });
    }
  });

  test('decodes at an offset and stops at the varint, leaving the bytes after it', () => {
    const buf = Uint8Array.from([0xee, 0xac, 0x02, 0x05]);
    const cursor = { pos: 1 };
    assert.equal(decodeVarint(buf, cursor, buf.length), 300);
    assert.equal(cursor.pos, 3);
    assert.equal(decodeVarint(buf, cursor, buf.length), 5);
    assert.equal(cursor.pos, 4);
  });

  test('writing outside the declared width, negative or fractional throws VarintRangeError', () => {
    for (const [n, max] of [
      [2 ** 32, VARINT_U32],
      [2 ** 53, VARINT_U53],
      [-1, VARINT_U32],
      [1.5, VARINT_U32],
      [Number.NaN, VARINT_U32],
      [Number.POSITIVE_INFINITY, VARINT_U53],
    ] as const) {
      assert.throws(
        () => writeVarint(new Uint8Array(10), 0, n, max),
        (e: unknown) =>
          e instanceof VarintRangeError && e.message === `cannot write ${n} as a varint: it must be a whole number from 0 to ${max}`,
        `${n} with max ${max}`,
      );
    }
    // ByteWriter used to wrap 2^32 to 0 silently; now it refuses.
    assert.throws(() => new ByteWriter().varint(2 ** 32), VarintRangeError);
  });

  test('overflow on read: above the width, or longer than the width allows', () => {
    // 2^32: five bytes whose last has bit 4 set.
    assert.equal(decode([0x80, 0x80, 0x80, 0x80, 0x10]).value, VARINT_OVERFLOW);
    // A sixth byte for a u32, even a zero pad (0 written in six bytes).
    assert.equal(decode([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).value, VARINT_OVERFLOW);
    // Five continuation bytes: a u32 never needs a sixth, so it is overflow, not a torn tail.
    assert.equal(decode([0xff, 0xff, 0xff, 0xff, 0xff]).value, VARINT_OVERFLOW);
    // 2^53 and a ninth byte, at width u53.
    assert.equal(decode(reference(2n ** 53n), VARINT_U53).value, VARINT_OVERFLOW);
    assert.equal(decode([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], VARINT_U53).value, VARINT_OVERFLOW);
    // A narrower declared width refuses at its own bound.
    assert.equal(decode([0x80, 0x02], 255).value, VARINT_OVERFLOW);
    assert.equal(decode([0xff, 0x01], 255).value, 255);
    const cursor = { pos: 0 };
    assert.throws(
      () => readVarint(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x10]), cursor, 5),
      (e: unknown) =>
        e instanceof VarintError &&
        e.reason === 'overflow' &&
        e.message === 'varint at offset 0 holds more than 4294967295, its declared maximum',
    );
    assert.equal(cursor.pos, 0, 'a failed read does not move the cursor');
  });

  test('truncated input: empty, a lone continuation byte, bytes that stop inside', () => {
    assert.deepEqual(decode([]), { value: VARINT_TRUNCATED, pos: 0 });
    assert.deepEqual(decode([0x80]), { value: VARINT_TRUNCATED, pos: 0 });
    assert.deepEqual(decode([0xff, 0xff, 0xff, 0xff]), { value: VARINT_TRUNCATED, pos: 0 });
    // `end` bounds the read even when the buffer goes on.
    const buf = Uint8Array.from([0xac, 0x02]);
    assert.equal(decodeVarint(buf, { pos: 0 }, 1), VARINT_TRUNCATED);
    assert.throws(
      () => readVarint(buf, { pos: 0 }, 1),
      (e: unknown) =>
        e instanceof VarintError && e.reason === 'truncated' && e.message === 'varint at offset 0 is cut short by the end of the input',
    );
  });

  test("the formats' wrappers: ByteReader throws OutOfBounds, the hash log says torn or corrupt", () => {
    const w = new ByteWriter(1);
    for (const n of [0, 127, 128, 2 ** 31, VARINT_U32]) w.varint(n);
    const r = new ByteReader(w.finish());
    for (const n of [0, 127, 128, 2 ** 31, VARINT_U32]) assert.equal(r.varint(), n);
    assert.equal(r.remaining, 0);

    const truncated = new ByteReader(Uint8Array.from([0x80, 0x80]));
    assert.throws(
      () => truncated.varint(),
      (e: unknown) => e instanceof OutOfBounds && e.offset === 2 && /read past the end/.test(e.message),
    );
    const wide = new ByteReader(Uint8Array.from([0x01, 0x80, 0x80, 0x80, 0x80, 0x10]));
    wide.u8();
    assert.throws(
      () => wide.varint(),
      (e: unknown) => e instanceof OutOfBounds && e.offset === 1 && /holds more than 4294967295/.test(e.message),
    );

    assert.deepEqual(readLength(Uint8Array.from([0xac, 0x02]), 0, 2), { value: 300, next: 2 });
    assert.equal(readLength(Uint8Array.from([0xac, 0x02]), 0, 1), 'torn');
    assert.equal(readLength(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x10]), 0, 5), 'corrupt');
  });
});
