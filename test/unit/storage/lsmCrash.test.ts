/**
 * Crash recovery of the LSM tree on the fault-injecting file system. Method: for each seed, a
 * PRNG drives puts, deletes and batches (some with `sync`) on tiny memtables so flushes and
 * compactions run between writes; then the file system "crashes" (unsynced writes dropped,
 * torn, or kept as a random prefix) and the tree is reopened. A log-structured engine must
 * recover the state after some prefix of the operations, and that prefix must include every
 * operation acknowledged as synced. Two crash cycles per seed; seeds fixed and printed.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRandom } from '../../../extension/util/prng';
import { FaultyFileSystem } from '../../../extension/storage/fs/faultyFileSystem';
import { openLsm } from '../../../extension/storage/lsm/lsmTree';
import { type LsmOptions } from '../../../extension/storage/lsm/lsmTypes';
import { bytesToString } from '../../../extension/storage/lsm/bytes';

const OPTS: Partial<LsmOptions> = {
  memtableBytes: 600,
  blockSizeBytes: 128,
  targetTableBytes: 512,
  leveled: { l0CompactionTrigger: 2, baseLevelBytes: 1024, levelSizeMultiplier: 3, maxLevels: 4 },
  tiered: { maxTiers: 3 },
};

const MODES = ['drop', 'tearLast', 'random'] as const;

function snapshot(m: Map<string, string>): string {
  return JSON.stringify([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function runCrashSeed(seed: number): void {
  const rng = createRandom(seed);
  const fs = new FaultyFileSystem(rng.fork());
  const compaction = seed % 2 === 0 ? 'leveled' : 'tiered';
  const opts = { ...OPTS, compaction, seed } as const;
  let model = new Map<string, string>();
  for (let cycle = 0; cycle < 2; cycle++) {
    const db = openLsm(fs, 'db', opts);
    // States after each op, starting from the last synced one: any of these may be recovered.
    let candidates = [snapshot(model)];
    const ops = 40 + rng.int(120);
    for (let i = 0; i < ops; i++) {
      const sync = rng.chance(0.2);
      const k = `key${rng.int(30)}`;
      const r = rng.next();
      if (r < 0.6) {
        const v = `${seed}.${cycle}.${i}.${'v'.repeat(rng.int(30))}`;
        db.put(k, v, { sync });
        model.set(k, v);
      } else if (r < 0.8) {
        db.delete(k, { sync });
        model.delete(k);
      } else {
        const k2 = `key${rng.int(30)}`;
        db.batch(
          [
            { type: 'put', key: k, value: `b${i}` },
            { type: 'delete', key: k2 },
          ],
          { sync },
        );
        model.set(k, `b${i}`);
        model.delete(k2);
      }
      if (sync) candidates = [];
      candidates.push(snapshot(model));
    }
    const mode = MODES[rng.int(MODES.length)] ?? 'drop';
    fs.crash({ unsyncedWrites: mode });
    const reopened = openLsm(fs, 'db', opts);
    const got = reopened.scan().map((e) => [bytesToString(e.key), bytesToString(e.value as Uint8Array)]);
    const gotText = JSON.stringify(got);
    assert.ok(
      candidates.includes(gotText),
      `seed ${seed} cycle ${cycle} (${mode}): recovered state is not a prefix containing every synced write\n got ${gotText}\n last synced ${candidates[0]}`,
    );
    model = new Map(got as [string, string][]);
    reopened.close();
  }
}

// 200 seeds keep this file near 5 s; LSM_CRASH_SEEDS=1000 runs the full count.
const SEEDS = Number(process.env['LSM_CRASH_SEEDS'] ?? 200);

describe('LSM crash recovery on the faulty file system', () => {
  test(`${SEEDS} seeds x 2 crashes: recovered state is a prefix of the ops that includes every synced write (seeds 1..${SEEDS})`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) runCrashSeed(seed);
  });
});
