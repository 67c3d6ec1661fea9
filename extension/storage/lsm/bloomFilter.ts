/**
 * Bloom filter (Bloom 1970) over a table's keys, so a point read can skip tables that cannot
 * hold the key. With m bits, n keys and k hash functions the false-positive rate is about
 * (1 - e^(-k n / m))^k; k = round(bitsPerKey * ln 2) minimises it (about 0.8 % at 10 bits/key).
 *
 * The k probe positions come from two 32-bit hashes by double hashing (Kirsch & Mitzenmacher
 * 2006): g_i = h1 + i * h2 mod m, which keeps the theoretical rate without k hash passes.
 *
 * Byte layout (little-endian), the same bytes that sit in a table's filter block:
 *
 *   +------------------------------+---------+
 *   | bit array: ceil(m / 8) bytes | k: u8   |
 *   +------------------------------+---------+
 *
 * Bit i lives in byte i >> 3 at position i & 7. A filter of fewer than 2 bytes or with k
 * outside 1..30 is invalid (the decoder of the enclosing table reports it).
 */

/** 32-bit MurmurHash3 (x86_32) of `data` with `seed`; fast and well mixed for short keys. */
export function murmur3(data: Uint8Array, seed: number): number {
  return murmur3Range(data, 0, data.length, seed);
}

/** `murmur3(data.subarray(off, off + n), seed)` without making the view. */
export function murmur3Range(data: Uint8Array, off: number, n: number, seed: number): number {
  let h = seed >>> 0;
  const blocks = off + (n & ~3);
  for (let i = off; i < blocks; i += 4) {
    let k = (data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = n & 3;
  const t = blocks;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= (data[t + 2] as number) << 16;
    if (tail >= 2) k ^= (data[t + 1] as number) << 8;
    k ^= data[t] as number;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export const SEED_1 = 0x9747b28c;
const SEED_2 = 0x5bd1e995;

export function hashCountFor(bitsPerKey: number): number {
  return Math.min(30, Math.max(1, Math.round(bitsPerKey * Math.LN2)));
}

/** The false-positive rate theory predicts for a filter of `bits` bits, `keys` keys, `k` hashes. */
export function expectedFalsePositiveRate(bits: number, keys: number, k: number): number {
  return Math.pow(1 - Math.exp((-k * keys) / bits), k);
}

/** Builds the filter bytes for `keys` at `bitsPerKey` bits per key. */
export function buildBloomFilter(keys: readonly Uint8Array[], bitsPerKey: number): Uint8Array {
  const hashes = new BloomHashes();
  for (const key of keys) hashes.add(key);
  return hashes.build(bitsPerKey);
}

/**
 * The two hashes of each key of a table being built, kept instead of the keys so a builder need
 * not hold on to every key until the filter is written. `build` gives the same bytes as
 * `buildBloomFilter` over the same keys.
 */
export class BloomHashes {
  private h1 = new Uint32Array(1024);
  private h2 = new Uint32Array(1024);
  private n = 0;

  get count(): number {
    return this.n;
  }

  add(key: Uint8Array): void {
    this.addRange(key, 0, key.length);
  }

  addRange(b: Uint8Array, off: number, len: number): void {
    if (this.n === this.h1.length) {
      const a = new Uint32Array(this.n * 2);
      a.set(this.h1);
      this.h1 = a;
      const b = new Uint32Array(this.n * 2);
      b.set(this.h2);
      this.h2 = b;
    }
    this.h1[this.n] = murmur3Range(b, off, len, SEED_1);
    this.h2[this.n] = murmur3Range(b, off, len, SEED_2) | 1;
    this.n++;
  }

  build(bitsPerKey: number): Uint8Array {
    if (!(bitsPerKey > 0)) throw new RangeError(`bitsPerKey must be positive, got ${bitsPerKey}`);
    const k = hashCountFor(bitsPerKey);
    const byteCount = Math.max(8, Math.ceil((this.n * bitsPerKey) / 8));
    const out = new Uint8Array(byteCount + 1);
    const m = byteCount * 8;
    for (let j = 0; j < this.n; j++) {
      const h1 = this.h1[j] as number;
      const h2 = this.h2[j] as number;
      for (let i = 0; i < k; i++) {
        const bit = ((h1 + Math.imul(i, h2)) >>> 0) % m;
        out[bit >>> 3] = (out[bit >>> 3] as number) | (1 << (bit & 7));
      }
    }
    out[byteCount] = k;
    return out;
  }
}

/** True if `filter` is a structurally valid filter (checked by the table decoder). */
export function isValidBloomFilter(filter: Uint8Array): boolean {
  const k = filter[filter.length - 1] ?? 0;
  return filter.length >= 2 && k >= 1 && k <= 30;
}

/** False means the key is certainly absent; true means "maybe present". */
export function bloomMayContain(filter: Uint8Array, key: Uint8Array): boolean {
  return bloomMayContainHashed(filter, murmur3(key, SEED_1), murmur3(key, SEED_2) | 1);
}

/** A key's two filter hashes, computed once for a read that may probe several tables' filters. */
export function bloomKeyHashes(key: Uint8Array): { h1: number; h2: number } {
  return { h1: murmur3(key, SEED_1), h2: murmur3(key, SEED_2) | 1 };
}

/** `bloomMayContain` from the hashes `bloomKeyHashes` gave. */
export function bloomMayContainHashed(filter: Uint8Array, h1: number, h2: number): boolean {
  const byteCount = filter.length - 1;
  const k = filter[byteCount] as number;
  const m = byteCount * 8;
  for (let i = 0; i < k; i++) {
    const bit = ((h1 + Math.imul(i, h2)) >>> 0) % m;
    if (((filter[bit >>> 3] as number) & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}
