/**
 * The hash-indexed log: behaviour, a differential test against a Map (with reopen and
 * compaction in between), crash tests on the fault-injecting file system, corruption detection,
 * hint-file restarts, and a small run on real files.
 *
 * Seeds are fixed and printed in assertion messages; a failing seed reproduces with the same
 * test alone.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { bytesToText } from '../../../extension/storage/codec/bytes';
import { StorageCorruptionError } from '../../../extension/storage/codec/corruption';
import { createScratchFileSystem } from '../../../extension/storage/fs/diskFileSystem';
import { FaultyFileSystem } from '../../../extension/storage/fs/faultyFileSystem';
import { type FileSystem } from '../../../extension/storage/fs/fileSystem';
import { MemoryFileSystem } from '../../../extension/storage/fs/memoryFileSystem';
import { type BatchOp, openHashLog } from '../../../extension/storage/hashlog/hashLog';
import { createRandom, type Random } from '../../../extension/util/prng';

const get = (log: { get(k: string): Uint8Array | undefined }, k: string): string | undefined => {
  const v = log.get(k);
  return v === undefined ? undefined : bytesToText(v);
};

function randomValue(rng: Random): string {
  return 'v'.repeat(rng.int(3)) + rng.int(1e9).toString(36).repeat(rng.int(4));
}

function randomBatch(rng: Random, keys: number): BatchOp[] {
  const n = rng.intBetween(1, 4);
  return Array.from({ length: n }, () => ({ key: `k${rng.int(keys)}`, value: rng.chance(0.2) ? null : randomValue(rng) }));
}

function applyBatch(model: Map<string, string>, ops: readonly BatchOp[]): void {
  for (const op of ops) {
    if (op.value === null) model.delete(op.key as string);
    else model.set(op.key as string, op.value as string);
  }
}

function dump(log: ReturnType<typeof openHashLog>): Map<string, string> {
  return new Map(log.scan().map((e) => [bytesToText(e.key), bytesToText(e.value)]));
}

/** Runs random ops against the log and a Map, reopening and compacting now and then. */
function runDifferential(fs: FileSystem, seed: number, ops: number): void {
  const rng = createRandom(seed);
  const model = new Map<string, string>();
  const opts = { segmentBytes: 600 };
  let log = openHashLog(fs, 'db', opts);
  for (let i = 0; i < ops; i++) {
    const r = rng.next();
    const where = `seed ${seed}, op ${i}`;
    if (r < 0.55) {
      const batch = randomBatch(rng, 150);
      log.write(batch, { sync: rng.chance(0.1) });
      applyBatch(model, batch);
    } else if (r < 0.85) {
      const k = `k${rng.int(150)}`;
      assert.equal(get(log, k), model.get(k), `${where}: get ${k}`);
    } else if (r < 0.9) {
      const a = `k${rng.int(150)}`;
      const b = `k${rng.int(150)}`;
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const expected = [...model.keys()].filter((k) => k >= lo && k < hi).sort();
      assert.deepEqual(
        log.scan(lo, hi).map((e) => bytesToText(e.key)),
        expected,
        `${where}: scan`,
      );
    } else if (r < 0.93) {
      log.compact();
    } else if (r < 0.96) {
      log.close();
      log = openHashLog(fs, 'db', opts);
    }
  }
  assert.deepEqual(dump(log), model, `seed ${seed}: final contents`);
  log.close();
}

describe('hash log', () => {
  test('put, get, overwrite, delete and sorted range scan', () => {
    const log = openHashLog(new MemoryFileSystem(), 'db');
    log.put('b', '2');
    log.put('a', '1');
    log.put('c', '3');
    log.put('a', 'one');
    log.delete('c');
    assert.equal(get(log, 'a'), 'one');
    assert.equal(get(log, 'c'), undefined);
    assert.deepEqual(
      log.scan('a', 'c').map((e) => [bytesToText(e.key), bytesToText(e.value)]),
      [
        ['a', 'one'],
        ['b', '2'],
      ],
    );
    assert.equal(log.stats().keys, 2);
  });

  test('segments roll at the threshold and compaction leaves one segment of live data', () => {
    const fs = new MemoryFileSystem();
    const log = openHashLog(fs, 'db', { segmentBytes: 256 });
    for (let i = 0; i < 200; i++) log.put(`key${i % 10}`, `value-${i}`);
    assert.ok(log.stats().segments > 5);
    assert.ok(log.stats().spaceAmplification > 5, `${log.stats().spaceAmplification}`);
    const result = log.compact();
    assert.ok(result.bytesAfter < result.bytesBefore);
    const s = log.stats();
    assert.ok(s.spaceAmplification < 1.5, `space amplification ${s.spaceAmplification}`);
    assert.equal(s.compactions, 1);
    for (let i = 190; i < 200; i++) assert.equal(get(log, `key${i % 10}`), `value-${i}`);
    assert.ok(fs.list('db').some((n) => n.endsWith('.hint')));
  });

  test('differential against a Map: 4000 random ops with reopen and compaction (seed 1234)', () => {
    runDifferential(new MemoryFileSystem(), 1234, 4000);
  });

  test('restart from hint files equals restart by scanning every segment', () => {
    const fs = new MemoryFileSystem();
    const rng = createRandom(99);
    const log = openHashLog(fs, 'db', { segmentBytes: 400 });
    for (let i = 0; i < 1500; i++) log.write(randomBatch(rng, 200));
    log.compact();
    for (let i = 0; i < 100; i++) log.write(randomBatch(rng, 200));
    log.close();
    const noHints = new MemoryFileSystem();
    noHints.mkdirp('db');
    for (const n of fs.list('db')) if (!n.endsWith('.hint')) noHints.writeFile(`db/${n}`, fs.readFile(`db/${n}`));
    const a = openHashLog(fs, 'db');
    const b = openHashLog(noHints, 'db');
    assert.deepEqual(dump(a), dump(b));
    assert.ok(a.stats().diskBytesRead < b.stats().diskBytesRead, 'hints avoid reading values at startup');
    assert.ok(a.describeSegments().some((s) => s.hasHint));
  });

  test('a corrupt hint file is ignored and the segment is scanned instead', () => {
    const fs = new MemoryFileSystem();
    const log = openHashLog(fs, 'db', { segmentBytes: 200 });
    for (let i = 0; i < 100; i++) log.put(`k${i % 13}`, `v${i}`);
    log.compact();
    log.close();
    const hint = fs.list('db').find((n) => n.endsWith('.hint')) as string;
    const data = fs.readFile(`db/${hint}`);
    data[3] = (data[3] as number) ^ 0x40;
    fs.writeFile(`db/${hint}`, data);
    const again = openHashLog(fs, 'db');
    for (let i = 87; i < 100; i++) assert.equal(get(again, `k${i % 13}`), `v${i}`);
  });
});

describe('hash log crash safety (fault-injecting file system); the crash-prefix property is in faultyCrash.hashlog.test.ts', () => {
  test('recovery: torn last record is dropped, earlier records survive, file truncated to the last good record', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const fs = new FaultyFileSystem(createRandom(seed));
      const log = openHashLog(fs, 'db');
      for (let i = 0; i < 10; i++) log.put(`k${i}`, `value-${i}`, { sync: true });
      const sizeBefore = log.active.bytes;
      log.put('torn', 'x'.repeat(100));
      fs.crash({ unsyncedWrites: 'tearLast' });
      const again = openHashLog(fs, 'db');
      for (let i = 0; i < 10; i++) assert.equal(get(again, `k${i}`), `value-${i}`, `seed ${seed}`);
      assert.equal(get(again, 'torn'), undefined, `seed ${seed}`);
      assert.equal(again.active.bytes, sizeBefore, `seed ${seed}: truncated`);
      again.put('after', 'ok', { sync: true });
      fs.crash();
      assert.equal(get(openHashLog(fs, 'db'), 'after'), 'ok');
    }
  });

  test('a flipped byte is a StorageCorruptionError naming file and offset, never a wrong value (200 seeds)', () => {
    let detected = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const rng = createRandom(seed);
      const fs = new FaultyFileSystem(rng.fork());
      const model = new Map<string, string>();
      const log = openHashLog(fs, 'db', { segmentBytes: 300 });
      for (let i = 0; i < 40; i++) {
        const k = `k${rng.int(20)}`;
        const v = randomValue(rng);
        log.put(k, v);
        model.set(k, v);
      }
      if (rng.chance(0.5)) log.compact();
      log.sync();
      const files = fs.list('db');
      const file = `db/${rng.pick(files)}`;
      const flipBeforeOpen = rng.chance(0.5);
      const check = (fn: () => void): void => {
        try {
          fn();
        } catch (e) {
          assert.ok(e instanceof StorageCorruptionError, `seed ${seed}: ${String(e)}`);
          assert.ok(e.file.startsWith('db/') && e.offset >= 0);
          detected++;
        }
      };
      if (!flipBeforeOpen) fs.flipRandomBytes(file, 1);
      log.close();
      if (flipBeforeOpen) fs.flipRandomBytes(file, 1);
      check(() => {
        const again = openHashLog(fs, 'db', { segmentBytes: 300 });
        for (const [k, v] of model) check(() => assert.equal(get(again, k), v, `seed ${seed}: value of ${k}`));
      });
    }
    assert.ok(detected > 100, `detected ${detected}`);
  });
});

describe('hash log on real files', () => {
  test('differential against a Map on DiskFileSystem: 300 ops (seed 77)', () => {
    const fs = createScratchFileSystem('ddia-hashlog-test-');
    try {
      runDifferential(fs, 77, 300);
    } finally {
      fs.dispose();
    }
  });
});
