/**
 * Exercise "bloom-filter" (lab sstables-lsm): the filter each SSTable carries so that a read
 * can skip tables that certainly do not hold a key (DDIA ch. 3; LevelDB's filter blocks;
 * Bloom's 1970 paper "Space/Time Trade-offs in Hash Coding with Allowable Errors").
 *
 * A filter is `bitCount` bits, all zero at first. Adding a key sets `hashCount` bits; a key may
 * be in the set only if all of its bits are set. Bit `p` is bit `p % 8` (least significant
 * first) of byte `Math.floor(p / 8)` of `bits`.
 *
 * The `hashCount` bit positions of a key come from two hashes by double hashing (Kirsch and
 * Mitzenmacher, "Less Hashing, Same Performance"): with h1 = hash32(key, 1) and
 * h2 = (hash32(key, 2) | 1) >>> 0 (`|` yields a signed 32-bit number; `>>> 0` makes it
 * unsigned again), position i (0 ≤ i < hashCount) is (h1 + i·h2) mod bitCount,
 * computed without losing precision (hint: reduce h1 and h2 mod bitCount first).
 *
 * Checked by tests/bloom-filter.test.ts:
 *   - "optimalHashCount is bitsPerKey × ln 2, rounded, at least 1"
 *   - "expectedFalsePositiveRate follows (1 − e^(−kn/m))^k"
 *   - "positions are hashCount distinct-looking indexes in [0, bitCount)"
 *   - "an empty filter contains nothing"
 *   - "add sets exactly the bits at the key's positions"
 *   - "no false negatives: every added key is found"
 *   - "the measured false-positive rate is close to the formula (10 bits per key)"
 *   - "fewer bits per key, more false positives"
 */

const encoder = new TextEncoder();

/** A 32-bit hash of `key` (FNV-1a over its UTF-8 bytes, then MurmurHash3's finalizer). Given: do not change. */
export function hash32(key: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (const b of encoder.encode(key)) {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The number of hash functions that minimises false positives for `bitsPerKey` bits per key: round(bitsPerKey · ln 2), at least 1. */
export function optimalHashCount(bitsPerKey: number): number {
  void bitsPerKey;
  throw new Error('TODO: round(bitsPerKey · ln 2), at least 1.');
}

/** The false-positive rate theory predicts for `keyCount` keys in `bitCount` bits with `hashCount` hashes: (1 − e^(−k·n/m))^k. */
export function expectedFalsePositiveRate(bitCount: number, keyCount: number, hashCount: number): number {
  void bitCount;
  void keyCount;
  void hashCount;
  throw new Error('TODO: (1 − e^(−k·n/m))^k.');
}

export class BloomFilter {
  /** The bit array: bit p is bit p % 8 of byte ⌊p / 8⌋. */
  readonly bits: Uint8Array;

  constructor(
    readonly bitCount: number,
    readonly hashCount: number,
  ) {
    if (!(bitCount >= 1) || !(hashCount >= 1)) throw new RangeError('bitCount and hashCount must be at least 1');
    this.bits = new Uint8Array(Math.ceil(bitCount / 8));
  }

  /** A filter sized for `keyCount` keys at `bitsPerKey` bits each, with the optimal number of hashes. */
  static forKeys(keyCount: number, bitsPerKey: number): BloomFilter {
    return new BloomFilter(Math.max(8, Math.ceil(keyCount * bitsPerKey)), optimalHashCount(bitsPerKey));
  }

  /** The hashCount bit positions of `key` (double hashing, see the header). */
  positions(key: string): number[] {
    void key;
    throw new Error('TODO: h1 = hash32(key, 1), h2 = (hash32(key, 2) | 1) >>> 0; position i is (h1 + i·h2) mod bitCount.');
  }

  /** Sets the bits at the key's positions. */
  add(key: string): void {
    void key;
    throw new Error("TODO: set the bits at the key's positions.");
  }

  /** False: `key` was certainly never added. True: it probably was. */
  mayContain(key: string): boolean {
    void key;
    throw new Error("TODO: true only if every bit at the key's positions is set.");
  }
}
