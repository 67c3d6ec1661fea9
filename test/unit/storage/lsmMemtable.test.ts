/**
 * The memtable's fast paths must never change an answer: the skip list's 30-bit key prefixes
 * (short keys, keys sharing their first bytes, 0x00 and 0xff bytes), its typed-array node store
 * growing past its first capacity, the memtable filter (no false negatives, tombstones
 * included), and the block format's in-place search. Checked against a Map and Buffer.compare
 * on keys from a fixed seed.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { bloomKeyHashes, murmur3, murmur3Range } from '../../../extension/storage/lsm/bloomFilter';
import { BlockBuilder, blockKey, blockLowerBound, blockValue, decodeBlock } from '../../../extension/storage/lsm/blockFormat';
import { Memtable } from '../../../extension/storage/lsm/memtable';
import { keyPrefix } from '../../../extension/storage/lsm/skipList';
import { createRandom, type Random } from '../../../extension/util/prng';

/** Keys of 0..6 bytes over a small alphabet, so prefixes collide and short keys abound. */
function randomKey(rng: Random): Uint8Array {
  const alphabet = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff];
  return Uint8Array.from({ length: rng.int(7) }, () => alphabet[rng.int(alphabet.length)] as number);
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const cmp = (a: Uint8Array, b: Uint8Array): number => Buffer.compare(a, b);

describe('LSM memtable and block fast paths', () => {
  test('keyPrefix orders like the bytes whenever two prefixes differ (seed 3, 20 000 pairs)', () => {
    const rng = createRandom(3);
    for (let i = 0; i < 20_000; i++) {
      const a = randomKey(rng);
      const b = randomKey(rng);
      const pa = keyPrefix(a);
      const pb = keyPrefix(b);
      assert.ok(pa >= 0 && pa < 2 ** 30);
      if (pa !== pb) assert.equal(Math.sign(pa - pb), Math.sign(cmp(a, b)), `${hex(a)} vs ${hex(b)}`);
      // The range form reads the same bytes from inside a larger buffer.
      const framed = new Uint8Array([9, ...a, 9]);
      assert.equal(keyPrefix(framed, 1, a.length), pa);
    }
  });

  test('murmur3Range over a range equals murmur3 over a copy of it', () => {
    const rng = createRandom(4);
    for (let n = 0; n < 40; n++) {
      const buf = Uint8Array.from({ length: n + 7 }, () => rng.int(256));
      assert.equal(murmur3Range(buf, 3, n, 42), murmur3(buf.slice(3, 3 + n), 42));
    }
  });

  test('puts, overwrites and deletes agree with a Map; iteration is in byte order (seed 5, 5 000 ops)', () => {
    const rng = createRandom(5);
    // A tiny capacity: the filter is at its smallest, so it is crowded and must still never miss.
    const m = new Memtable(createRandom(6), 1024);
    const model = new Map<string, Uint8Array | null>();
    for (let i = 0; i < 5000; i++) {
      const key = randomKey(rng);
      // Each write's bytes sit inside a larger buffer, as they do inside a log record.
      if (rng.int(4) === 0) {
        const rec = new Uint8Array([7, ...key, 7]);
        m.putRange(rec, 1, key.length, null, 0, 0);
        model.set(hex(key), null);
      } else {
        const value = Uint8Array.from({ length: rng.int(5) }, () => rng.int(256));
        const rec = new Uint8Array([7, ...key, 7, ...value]);
        m.putRange(rec, 1, key.length, rec, 2 + key.length, value.length);
        model.set(hex(key), value);
      }
    }
    assert.equal(m.entryCount, model.size);
    for (const [k, v] of model) {
      const key = Uint8Array.from(Buffer.from(k, 'hex'));
      assert.ok(m.mayContain(bloomKeyHashes(key).h1), `filter lost ${k}`);
      const got = m.get(key);
      if (v === null) assert.equal(got, null);
      else assert.deepEqual(got, v);
    }
    const keys: Uint8Array[] = [];
    for (const it = m.iterator(); it.valid(); it.next()) {
      keys.push(it.key().slice());
      const v = model.get(hex(it.key()));
      assert.deepEqual(it.value() === null ? null : it.value()?.slice(), v);
    }
    assert.equal(keys.length, model.size);
    for (let i = 1; i < keys.length; i++) assert.ok(cmp(keys[i - 1] as Uint8Array, keys[i] as Uint8Array) < 0);
    assert.equal(m.heights().length, model.size);
    // Absent keys: undefined, never a wrong value.
    for (let i = 0; i < 2000; i++) {
      const key = new Uint8Array([...randomKey(rng), 0x42, rng.int(256)]);
      if (!model.has(hex(key))) assert.equal(m.get(key), undefined);
    }
  });

  test('a decoded block finds every key in place and nothing between them', () => {
    const rng = createRandom(8);
    const keys = [...new Set(Array.from({ length: 300 }, () => hex(randomKey(rng))))]
      .map((k) => Uint8Array.from(Buffer.from(k, 'hex')))
      .sort(cmp);
    const b = new BlockBuilder();
    keys.forEach((k, i) => b.add(k, i % 5 === 0 ? null : new Uint8Array([i & 0xff])));
    const d = decodeBlock(b.finish().slice(), 't.sst', 0);
    assert.ok(d.ok);
    const block = d.value;
    assert.equal(block.count, keys.length);
    keys.forEach((k, i) => {
      assert.equal(blockLowerBound(block, k), i);
      assert.deepEqual(blockKey(block, i), k);
      assert.deepEqual(blockValue(block, i), i % 5 === 0 ? null : new Uint8Array([i & 0xff]));
      // Just above k (k + 0x00) sorts before the next key.
      assert.equal(blockLowerBound(block, new Uint8Array([...k, 0])), i + 1);
    });
  });
});
