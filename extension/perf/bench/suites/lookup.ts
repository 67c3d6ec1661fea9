/**
 * `lookup`: finding a key among 10,000 integers with a linear scan (Array.includes), a hash
 * (Set.has) and a binary search over a sorted typed array. The point Systems Performance makes
 * about algorithmic cost vs constant factors, measured: O(n) vs O(1) vs O(log n).
 */
import { createRandom } from '../../../util/prng';
import { type BenchSuite } from './suite';

const N = 10_000;
const SEED = 0x5eed;

function inputs(): { keys: number[]; probes: number[] } {
  const rnd = createRandom(SEED);
  const keys = Array.from({ length: N }, () => rnd.int(1_000_000_000));
  const probes = Array.from({ length: 1024 }, (_, i) => (i % 2 === 0 ? (keys[rnd.int(N)] as number) : rnd.int(1_000_000_000)));
  return { keys, probes };
}

/** One lookup per call, cycling through the probes so no single answer is cached. */
function cycling(find: (k: number) => boolean, probes: readonly number[]): () => boolean {
  let i = 0;
  return () => find(probes[i++ & 1023] as number);
}

export const lookupSuite: BenchSuite = {
  id: 'lookup',
  summary: 'find a key among 10,000 integers: Array.includes vs Set.has vs binary search',
  cases: [
    {
      name: 'Array.includes',
      setup() {
        const { keys, probes } = inputs();
        return cycling((k) => keys.includes(k), probes);
      },
    },
    {
      name: 'Set.has',
      setup() {
        const { keys, probes } = inputs();
        const set = new Set(keys);
        return cycling((k) => set.has(k), probes);
      },
    },
    {
      name: 'binary search',
      setup() {
        const { keys, probes } = inputs();
        const sorted = Float64Array.from(keys).sort();
        return cycling((k) => {
          let lo = 0;
          let hi = sorted.length - 1;
          while (lo <= hi) {
            const mid = (lo + hi) >>> 1;
            const v = sorted[mid] as number;
            if (v === k) return true;
            if (v < k) lo = mid + 1;
            else hi = mid - 1;
          }
          return false;
        }, probes);
      },
    },
  ],
  compare: [
    ['Array.includes', 'Set.has'],
    ['binary search', 'Set.has'],
  ],
};
