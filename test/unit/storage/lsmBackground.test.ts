/**
 * The LSM tree with `background: true` (flushes and compactions on a worker thread) on real
 * files, against a `Map`: a seeded PRNG drives puts, deletes, gets and scans with a tiny
 * memtable, so the worker flushes and compacts all the time while reads see memtable, imm and
 * tables; explicit flushes, full compactions and close/reopen are mixed in. Which job has
 * finished at a given call depends on thread timing, so only the answers are compared, never
 * the trace. Also: close() while a job runs, and the clear errors of unsupported setups.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createScratchFileSystem } from '../../../extension/storageIo/diskFileSystem';
import { idleBackgroundThreads } from '../../../extension/storageIo/backgroundJobs';
import { MemoryFileSystem } from '../../../extension/storage/fs/memoryFileSystem';
import { bytesToString } from '../../../extension/storage/lsm/bytes';
import { createLeveledPolicy } from '../../../extension/storage/lsm/leveledCompaction';
import { openLsm, type LsmTree } from '../../../extension/storage/lsm/lsmTree';
import { openWorkerLsm } from '../../../extension/storageIo/workerLsm';
import { type LsmOptions } from '../../../extension/storage/lsm/lsmTypes';
import { createRandom } from '../../../extension/util/prng';

const SMALL: Partial<LsmOptions> = {
  background: true,
  memtableBytes: 4096,
  blockSizeBytes: 256,
  targetTableBytes: 2048,
  blockCacheBytes: 8192,
  leveled: { l0CompactionTrigger: 3, baseLevelBytes: 8192, levelSizeMultiplier: 4, maxLevels: 5 },
  tiered: { maxTiers: 4 },
};

const keyOf = (i: number): string => `k${String(i).padStart(4, '0')}`;

function expectScan(db: LsmTree, model: Map<string, string>, start: string | undefined, end: string | undefined, where: string): void {
  const want = [...model.entries()]
    .filter(([k]) => (start === undefined || k >= start) && (end === undefined || k < end))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const got = db.scan(start, end).map((e) => [bytesToString(e.key), bytesToString(e.value as Uint8Array)]);
  assert.deepEqual(got, want, `${where}: scan [${start}, ${end})`);
}

function runDifferential(seed: number, compaction: 'leveled' | 'tiered', ops: number): void {
  const sfs = createScratchFileSystem('ddia-lsm-bg-');
  const opts: Partial<LsmOptions> = { ...SMALL, compaction, seed };
  let db = openWorkerLsm(sfs, 'db', opts);
  let backgroundFlushes = 0;
  let compactions = 0;
  const countEvents = (): void => {
    for (const e of db.eventLog()) {
      if (e.reason === 'memtable full (background)') backgroundFlushes++;
      if (e.kind === 'compaction') compactions++;
    }
  };
  try {
    const rng = createRandom(seed);
    const model = new Map<string, string>();
    for (let i = 0; i < ops; i++) {
      const where = `seed ${seed}, ${compaction}, op ${i}`;
      const r = rng.next();
      const k = keyOf(rng.int(600));
      if (r < 0.5) {
        const v = `v${i}-${'x'.repeat(rng.int(60))}`;
        db.put(k, v);
        model.set(k, v);
      } else if (r < 0.6) {
        db.delete(k);
        model.delete(k);
      } else if (r < 0.65) {
        const n = 1 + rng.int(40);
        const batch = Array.from({ length: n }, (_, j) => ({ type: 'put' as const, key: keyOf(rng.int(600)), value: `b${i}.${j}` }));
        db.batch(batch);
        for (const b of batch) model.set(b.key, b.value);
      } else if (r < 0.9) {
        const got = db.get(k);
        assert.equal(got === undefined ? undefined : bytesToString(got), model.get(k), `${where}: get(${k})`);
      } else if (r < 0.97) {
        const a = keyOf(rng.int(600));
        expectScan(db, model, a, rng.chance(0.5) ? undefined : keyOf(rng.int(600)), where);
      } else if (r < 0.98) db.flush();
      else if (r < 0.985) db.compact({ full: true });
      else if (r >= 0.997) {
        countEvents();
        db.close();
        db = openWorkerLsm(sfs, 'db', opts);
        expectScan(db, model, undefined, undefined, `${where} after reopen`);
      }
    }
    expectScan(db, model, undefined, undefined, `seed ${seed} at the end`);
    countEvents();
    assert.ok(backgroundFlushes >= 5, `${backgroundFlushes} flushes ran on the worker`);
    assert.ok(compactions >= 2, `${compactions} compactions ran`);
    db.close();
    db = openWorkerLsm(sfs, 'db', opts);
    expectScan(db, model, undefined, undefined, `seed ${seed} after the last reopen`);
  } finally {
    db.close();
    sfs.dispose();
  }
}

describe('LSM tree, background mode (worker thread) on real files', () => {
  test('leveled: answers like a Map through background flushes, compactions and reopens (seed 5)', () =>
    runDifferential(5, 'leveled', 3000));
  test('tiered: answers like a Map through background flushes, compactions and reopens (seed 6)', () => runDifferential(6, 'tiered', 3000));

  test('close() while a flush runs waits for it and installs it; reopen has every write', () => {
    const sfs = createScratchFileSystem('ddia-lsm-bg-');
    try {
      const opts: Partial<LsmOptions> = { ...SMALL, memtableBytes: 64 * 1024 };
      const db = openWorkerLsm(sfs, 'db', opts);
      const value = 'v'.repeat(100);
      let i = 0;
      // Writes until the memtable is handed to the worker: the new memtable is then nearly empty.
      while (db.describeLevels().memtable.entries > 0 || i === 0) db.put(keyOf(i++), value);
      db.close();
      assert.ok(
        db.eventLog().some((e) => e.reason === 'memtable full (background)'),
        'the running flush was installed by close()',
      );
      const again = openWorkerLsm(sfs, 'db', opts);
      assert.equal(again.scan().length, i);
      assert.equal(again.stats().recovery.batches, 0, 'the flushed log is gone and no write came after the handover');
      again.close();
    } finally {
      sfs.dispose();
    }
  });

  test('engines open at once get a thread each; a closed engine parks its thread for the next one, in another folder with another policy', () => {
    const sfs = createScratchFileSystem('ddia-lsm-bg-');
    try {
      const value = 'v'.repeat(100);
      const fill = (db: LsmTree, n: number, tag: string): void => {
        for (let i = 0; i < n; i++) db.put(keyOf(i), `${tag}${i}${value}`);
      };
      const a = openWorkerLsm(sfs, 'a', { ...SMALL, compaction: 'leveled' });
      const b = openWorkerLsm(sfs, 'b', { ...SMALL, compaction: 'tiered' });
      fill(a, 500, 'a');
      fill(b, 500, 'b');
      const idleBefore = idleBackgroundThreads();
      a.close();
      b.close();
      assert.equal(idleBackgroundThreads(), Math.min(2, idleBefore + 2), 'both threads were parked');
      const c = openWorkerLsm(sfs, 'c', { ...SMALL, compaction: 'tiered' });
      assert.equal(idleBackgroundThreads(), Math.min(2, idleBefore + 2) - 1, 'the new engine took a parked thread');
      fill(c, 800, 'c');
      c.flush();
      assert.ok(
        c.eventLog().some((e) => e.reason === 'memtable full (background)'),
        'the reused thread flushed for c',
      );
      c.close();
      for (const [dir, tag, n] of [
        ['a', 'a', 500],
        ['b', 'b', 500],
        ['c', 'c', 800],
      ] as const) {
        const db = openWorkerLsm(sfs, dir, { ...SMALL, compaction: dir === 'a' ? 'leveled' : 'tiered', background: false });
        const got = db.scan();
        assert.equal(got.length, n, `${dir}: every key`);
        for (const e of got)
          assert.ok(bytesToString(e.value as Uint8Array).startsWith(tag), `${dir}: ${bytesToString(e.key)} holds its own value`);
        db.close();
      }
    } finally {
      sfs.dispose();
    }
  });

  test('needs the disk file system, a named policy, and a runner (the engine starts no thread itself)', () => {
    assert.throws(() => openWorkerLsm(new MemoryFileSystem(), 'db', { background: true }), /disk file system/);
    assert.throws(() => openLsm(new MemoryFileSystem(), 'db', { background: true }), /openWorkerLsm/);
    const sfs = createScratchFileSystem('ddia-lsm-bg-');
    try {
      assert.throws(() => openWorkerLsm(sfs, 'db', { background: true, compaction: createLeveledPolicy({}) }), /by name/);
    } finally {
      sfs.dispose();
    }
  });
});
