/**
 * Differential tests of the LSM tree against a `Map`. Method: a seeded PRNG drives thousands of
 * puts, deletes, gets and range scans over a small key space (so keys are overwritten and
 * deleted often), with tiny memtables and tables so flushes and compactions happen constantly,
 * plus explicit flushes, full compactions and close/reopen. After every read the engine must
 * agree with the Map. Seeds are fixed and printed in the test names.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRandom } from '../../../extension/util/prng';
import { MemoryFileSystem } from '../../../extension/storage/fs/memoryFileSystem';
import { openLsm, type LsmTree } from '../../../extension/storage/lsm/lsmTree';
import { type LsmOptions } from '../../../extension/storage/lsm/lsmTypes';
import { bytesToString } from '../../../extension/storage/lsm/bytes';
import { isSortedRun } from '../../../extension/storage/lsm/compactionPolicy';

const SMALL: Partial<LsmOptions> = {
  memtableBytes: 2048,
  blockSizeBytes: 256,
  targetTableBytes: 1024,
  blockCacheBytes: 4096,
  leveled: { l0CompactionTrigger: 3, baseLevelBytes: 4096, levelSizeMultiplier: 4, maxLevels: 5 },
  tiered: { maxTiers: 4 },
};

const keyOf = (i: number): string => `k${String(i).padStart(4, '0')}`;

function runDifferential(seed: number, compaction: 'leveled' | 'tiered', ops: number): void {
  const rng = createRandom(seed);
  const fs = new MemoryFileSystem();
  const opts: Partial<LsmOptions> = { ...SMALL, compaction, seed };
  let db: LsmTree = openLsm(fs, 'db', opts);
  const model = new Map<string, string>();
  const where = (i: number): string => `seed ${seed}, ${compaction}, op ${i}`;
  for (let i = 0; i < ops; i++) {
    const r = rng.next();
    const k = keyOf(rng.int(400));
    if (r < 0.45) {
      const v = `v${i}-${'x'.repeat(rng.int(40))}`;
      db.put(k, v);
      model.set(k, v);
    } else if (r < 0.6) {
      db.delete(k);
      model.delete(k);
    } else if (r < 0.9) {
      const got = db.get(k);
      assert.equal(got === undefined ? undefined : bytesToString(got), model.get(k), `get ${k} at ${where(i)}`);
    } else if (r < 0.97) {
      const a = keyOf(rng.int(400));
      const b = keyOf(rng.int(400));
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const got = db.scan(lo, hi).map((e) => [bytesToString(e.key), bytesToString(e.value as Uint8Array)]);
      const want = [...model.entries()].filter(([key]) => key >= lo && key < hi).sort(([x], [y]) => (x < y ? -1 : 1));
      assert.deepEqual(got, want, `scan [${lo}, ${hi}) at ${where(i)}`);
    } else if (r < 0.98) {
      db.flush();
    } else if (r < 0.99) {
      db.compact({ full: rng.chance(0.5) });
    } else {
      db.close();
      db = openLsm(fs, 'db', opts);
    }
  }
  const all = db.scan().map((e) => [bytesToString(e.key), bytesToString(e.value as Uint8Array)]);
  assert.deepEqual(
    all,
    [...model.entries()].sort(([x], [y]) => (x < y ? -1 : 1)),
    `final scan, ${where(ops)}`,
  );
  if (compaction === 'leveled') {
    db.currentShape()
      .levels.slice(1)
      .forEach((level, l) => assert.ok(isSortedRun(level), `L${l + 1} overlaps, ${where(ops)}`));
  }
  const s = db.stats();
  assert.ok(s.compactions > 0 && s.flushes > 0, `compactions ${s.compactions}, flushes ${s.flushes}`);
  db.close();
}

describe('LSM tree vs Map (differential)', () => {
  for (const seed of [1, 2, 3]) {
    test(`leveled compaction agrees with a Map over 4000 ops, seed ${seed}`, () => runDifferential(seed, 'leveled', 4000));
    test(`tiered compaction agrees with a Map over 4000 ops, seed ${seed}`, () => runDifferential(seed, 'tiered', 4000));
  }
});
