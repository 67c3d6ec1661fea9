/**
 * The crash harness on the fault-injecting file system, shared by every engine. For one seed:
 * rounds of random batches (about one in five synced, an occasional compaction/checkpoint),
 * then a crash that drops, tears or partly keeps unsynced writes, then a reopen. The recovered
 * contents must be the last synced state plus a prefix of the later batches (`matchPrefix`),
 * and every key read by `get` must agree with the scan. Same seed, same run.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { FaultyFileSystem } from '../../../../extension/storage/fs/faultyFileSystem';
import { createRandom } from '../../../../extension/util/prng';
import { applyOps, type EngineKind, matchPrefix, type Op, openEngine, randomBatch } from './engines';

const MODES = ['drop', 'tearLast', 'random'] as const;

export function runFaultyCrashSeed(kind: EngineKind, seed: number, rounds = 2): void {
  const rng = createRandom(seed);
  const fs = new FaultyFileSystem(rng.fork());
  let db = openEngine(kind, fs, 'db', seed);
  let durable = new Map<string, string>();
  for (let round = 0; round < rounds; round++) {
    const pending: Op[][] = [];
    const n = rng.intBetween(5, 40);
    for (let i = 0; i < n; i++) {
      const batch = randomBatch(rng, 24, `${seed}.${round}.${i}`);
      const sync = rng.chance(0.2);
      db.write(batch, sync);
      pending.push(batch);
      if (sync) {
        for (const b of pending.splice(0)) applyOps(durable, b);
      }
      if (rng.chance(0.03)) db.maintain();
    }
    const mode = rng.pick(MODES);
    fs.crash({ unsyncedWrites: mode });
    db = openEngine(kind, fs, 'db', seed);
    const got = db.dump();
    const where = `${kind} seed ${seed}, round ${round}, crash mode ${mode}`;
    assert.ok(matchPrefix(got, durable, pending) >= 0, `${where}: recovered state is not the synced state plus a prefix of later batches`);
    for (const [k, v] of got) assert.equal(db.get(k), v, `${where}: get(${k}) disagrees with the scan`);
    durable = got;
  }
  db.close();
}

const SEEDS = Number(process.env['DDIA_CRASH_SEEDS'] ?? 1000);

export function describeFaultyCrashTest(kind: EngineKind): void {
  describe(`crash safety on the fault-injecting file system: ${kind}`, () => {
    test(`${kind}: recovered state is the synced state plus a prefix of later batches (seeds 1..${SEEDS}, 2 crashes each)`, () => {
      for (let seed = 1; seed <= SEEDS; seed++) runFaultyCrashSeed(kind, seed);
    });
  });
}
