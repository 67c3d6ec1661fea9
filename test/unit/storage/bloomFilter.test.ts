/**
 * Bloom filter: no false negatives, and a measured false-positive rate close to the theoretical
 * (1 - e^(-kn/m))^k for several bits-per-key settings (keys from a fixed seed).
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { bloomMayContain, buildBloomFilter, expectedFalsePositiveRate, hashCountFor } from '../../../extension/storage/lsm/bloomFilter';
import { createRandom } from '../../../extension/util/prng';

const enc = new TextEncoder();

function randomKeys(seed: number, n: number, prefix: string): Uint8Array[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i) => enc.encode(`${prefix}${i}-${rng.int(1e9)}`));
}

describe('bloom filter', () => {
  test('every inserted key is reported as maybe present (no false negatives)', () => {
    const keys = randomKeys(7, 5000, 'in');
    const f = buildBloomFilter(keys, 10);
    for (const k of keys) assert.ok(bloomMayContain(f, k));
  });

  for (const bitsPerKey of [4, 8, 10, 16]) {
    test(`measured false-positive rate is close to theory (10% + 4 standard errors) at ${bitsPerKey} bits/key (seed 11)`, () => {
      const n = 10_000;
      const keys = randomKeys(11, n, 'in');
      const f = buildBloomFilter(keys, bitsPerKey);
      const probes = randomKeys(12, 60_000, 'out');
      let fp = 0;
      for (const k of probes) if (bloomMayContain(f, k)) fp++;
      const measured = fp / probes.length;
      const theory = expectedFalsePositiveRate((f.length - 1) * 8, n, hashCountFor(bitsPerKey));
      // Allow sampling noise (binomial standard error) plus 10% for double hashing's small bias.
      const stdErr = Math.sqrt((theory * (1 - theory)) / probes.length);
      assert.ok(Math.abs(measured - theory) <= 0.1 * theory + 4 * stdErr, `measured ${measured}, theory ${theory}`);
    });
  }

  test('more bits per key give fewer false positives', () => {
    const keys = randomKeys(3, 5000, 'in');
    const probes = randomKeys(4, 20_000, 'out');
    const rate = (bits: number): number => {
      const f = buildBloomFilter(keys, bits);
      return probes.filter((k) => bloomMayContain(f, k)).length / probes.length;
    };
    assert.ok(rate(4) > rate(8) && rate(8) > rate(14));
  });
});
