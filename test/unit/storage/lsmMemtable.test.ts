/**
 * The memtable's fast paths must never change an answer: the skip list's 30-bit key prefixes
 * (short keys, keys sharing their first bytes, 0x00 and 0xff bytes), its typed-array node store
 * growing past its first capacity, the memtable filter (no false negatives, tombstones
 * included), the arena that holds the bytes (shared memory for a background flush), and the
 * block format's in-place search. Checked against a Map and Buffer.compare
 * on keys from a fixed seed.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { bloomKeyHashes, murmur3, murmur3Range } from '../../../extension/storage/lsm/bloomFilter';
import { BlockBuilder, blockKey, blockLowerBound, blockValue, decodeBlock } from '../../../extension/storage/lsm/blockFormat';
import { Memtable } from '../../../extension/storage/lsm/memtable';
import { forEachSharedRange, keyPrefix } from '../../../extension/storage/lsm/skipList';
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

  test("the arena: put copies the caller's bytes; records of every size, across chunks, read back", () => {
    const m = new Memtable(createRandom(8), 16 * 1024);
    const key = new Uint8Array([1, 2, 3]);
    const value = new Uint8Array([4, 5, 6, 7]);
    m.put(key, value);
    key[0] = 9;
    value[0] = 9;
    assert.deepEqual(m.get(new Uint8Array([1, 2, 3])), new Uint8Array([4, 5, 6, 7]), 'the memtable kept its own copy');
    assert.equal(m.get(key), undefined);
    // Small reservations share chunks; one over a quarter of a chunk gets its own.
    const rng = createRandom(9);
    const model = new Map<string, Uint8Array>();
    for (let i = 0; i < 400; i++) {
      const k = Uint8Array.from({ length: 8 }, () => rng.int(256));
      const v = Uint8Array.from({ length: rng.int(8) === 0 ? 3000 + rng.int(3000) : rng.int(100) }, () => rng.int(256));
      const buf = m.reserve(k.length + v.length);
      const at = m.reservedOffset;
      buf.set(k, at);
      buf.set(v, at + k.length);
      m.putRange(buf, at, k.length, buf, at + k.length, v.length);
      model.set(hex(k), v);
    }
    for (const [k, v] of model) assert.deepEqual(m.get(Uint8Array.from(Buffer.from(k, 'hex'))), v, k);
  });

  test('a shared memtable lives in shared memory: a structured clone (what a worker gets) walks the same entries in order', () => {
    const plain = new Memtable(createRandom(10), 64 * 1024);
    plain.put(new Uint8Array([1]), new Uint8Array([2]));
    assert.equal(plain.shared(), null, 'not shared unless asked');
    const m = new Memtable(createRandom(10), 64 * 1024, true);
    const rng = createRandom(11);
    const model = new Map<string, Uint8Array | null>();
    for (let i = 0; i < 3000; i++) {
      const k = randomKey(rng);
      if (rng.int(5) === 0) {
        m.delete(k);
        model.set(hex(k), null);
      } else {
        const v = Uint8Array.from({ length: rng.int(40) }, () => rng.int(256));
        m.put(k, v);
        model.set(hex(k), v);
      }
    }
    const shared = m.shared();
    assert.ok(shared !== null);
    assert.ok(shared.nodes.buffer instanceof SharedArrayBuffer);
    for (const b of shared.bufs) assert.ok(b.buffer instanceof SharedArrayBuffer);
    const clone = structuredClone(shared);
    const seen: Array<[string, string | null]> = [];
    forEachSharedRange(clone, (kb, ko, kl, vb, vo, vl) =>
      seen.push([hex(kb.subarray(ko, ko + kl)), vb === null ? null : hex(vb.subarray(vo, vo + vl))]),
    );
    const want = [...model.entries()]
      .sort(([a], [b]) => cmp(Buffer.from(a, 'hex'), Buffer.from(b, 'hex')))
      .map(([k, v]): [string, string | null] => [k, v === null ? null : hex(v)]);
    assert.deepEqual(seen, want);
    // The clone shares the bytes rather than copying them.
    const first = shared.bufs[0] as Uint8Array;
    first[0] = ((first[0] as number) ^ 0xff) & 0xff;
    assert.equal((clone.bufs[0] as Uint8Array)[0], first[0]);
    // A range of a buffer outside shared memory makes the list unshareable.
    m.putRange(new Uint8Array([5, 6]), 0, 1, null, 0, 0);
    assert.equal(m.shared(), null);
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
