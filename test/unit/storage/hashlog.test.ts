/**
 * The hash-indexed log: behaviour, a differential test against a Map (with reopen and
 * compaction in between), crash tests on the fault-injecting file system, corruption detection,
 * restarts that read only key sections, crashes in the middle of compaction, and a small run on
 * real files.
 *
 * Seeds are fixed and printed in assertion messages; a failing seed reproduces with the same
 * test alone.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { bytesToText } from '../../../extension/storage/codec/bytes';
import { StorageCorruptionError } from '../../../extension/storage/codec/corruption';
import { createScratchFileSystem } from '../../../extension/storageIo/diskFileSystem';
import { FaultyFileSystem } from '../../../extension/storage/fs/faultyFileSystem';
import { type FileHandle, type FileSystem, type OpenMode } from '../../../extension/storage/fs/fileSystem';
import { MemoryFileSystem } from '../../../extension/storage/fs/memoryFileSystem';
import { type BatchOp, openHashLog } from '../../../extension/storage/hashlog/hashLog';
import { createRandom, type Random } from '../../../extension/util/prng';
import { PowerCut, PowerCutFileSystem } from './harness/powerCut';

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

  test('segments roll at the threshold; compaction rolls the active segment too and leaves only live data', () => {
    const fs = new MemoryFileSystem();
    const log = openHashLog(fs, 'db', { segmentBytes: 256 });
    for (let i = 0; i < 200; i++) log.put(`key${i % 10}`, `value-${i}`);
    log.put('last', 'in the active segment');
    assert.ok(log.stats().segments > 5);
    assert.ok(log.stats().spaceAmplification > 5, `${log.stats().spaceAmplification}`);
    assert.ok(log.active.bytes > 0, 'the active segment holds records before compaction');
    const result = log.compact();
    assert.ok(result.bytesAfter < result.bytesBefore);
    const s = log.stats();
    assert.ok(s.spaceAmplification < 1.5, `space amplification ${s.spaceAmplification}`);
    assert.equal(s.compactions, 1);
    for (let i = 190; i < 200; i++) assert.equal(get(log, `key${i % 10}`), `value-${i}`);
    assert.equal(get(log, 'last'), 'in the active segment');
    const segments = log.describeSegments();
    assert.deepEqual(
      segments.map((d) => [d.active, d.hasHint, d.active ? d.bytes : 'any']),
      [
        [false, true, 'any'],
        [true, false, 0],
      ],
      'one compacted segment (its own hint) and a fresh, empty active segment',
    );
    assert.ok(!fs.list('db').some((n) => !n.endsWith('.seg')), `only segment files: ${fs.list('db').join(', ')}`);
    assert.deepEqual(
      log.compact(),
      { inputSegments: 0, outputSegments: 0, bytesBefore: s.diskBytes, bytesAfter: s.diskBytes },
      'nothing left to drop',
    );
  });

  test('differential against a Map: 4000 random ops with reopen and compaction (seed 1234)', () => {
    runDifferential(new MemoryFileSystem(), 1234, 4000);
  });

  test('restart after compaction reads only the header and key section of each compacted segment, never a value', () => {
    const fs = new ReadRecordingFileSystem();
    const rng = createRandom(99);
    const log = openHashLog(fs, 'db', { segmentBytes: 400 });
    const put = (): void => log.put(`k${rng.int(200)}`, `${rng.int(1e9)} `.repeat(8));
    for (let i = 0; i < 1500; i++) put();
    log.compact();
    for (let i = 0; i < 100; i++) put();
    const before = dump(log);
    log.close();
    fs.reads.length = 0;
    const again = openHashLog(fs, 'db');
    const compacted = again.describeSegments().filter((d) => d.hasHint);
    assert.ok(compacted.length > 1, 'several compacted segments');
    let keyBytes = 0;
    let valueBytes = 0;
    for (const d of compacted) {
      const data = fs.readFile(`db/${d.name}`);
      const keySectionEnd = 16 + new DataView(data.buffer, data.byteOffset).getUint32(8, true);
      keyBytes += keySectionEnd;
      valueBytes += data.length - keySectionEnd;
      const reads = fs.reads.filter((r) => r.path === `db/${d.name}`);
      assert.ok(reads.length > 0, `${d.name} was read`);
      for (const r of reads)
        assert.ok(
          r.position + r.length <= keySectionEnd,
          `${d.name}: read [${r.position}, ${r.position + r.length}) reaches past the key section (${keySectionEnd})`,
        );
    }
    assert.ok(valueBytes > 3 * keyBytes, `values ${valueBytes} bytes, keys ${keyBytes}: the test data must make skipping values matter`);
    assert.deepEqual(dump(again), before);
  });

  test('every byte of a compacted segment and of a log segment, flipped, is detected: right value or a StorageCorruptionError naming that file', () => {
    const fs = new MemoryFileSystem();
    const model = new Map<string, string>();
    const log = openHashLog(fs, 'db');
    for (let i = 0; i < 90; i++) {
      if (i === 60) log.compact();
      // Different keys after compaction: every value in the compacted segment stays live (is read).
      const k = i < 60 ? `key-${i % 25}` : `new-${i % 20}`;
      if (i % 11 === 10) {
        log.delete(k);
        model.delete(k);
      } else {
        log.put(k, `value ${i} ${'x'.repeat(i % 7)}`);
        model.set(k, `value ${i} ${'x'.repeat(i % 7)}`);
      }
    }
    log.close();
    const files = log.describeSegments().map((d) => `db/${d.name}`);
    assert.deepEqual(
      log.describeSegments().map((d) => d.hasHint),
      [true, false],
      'one compacted segment, one log segment',
    );
    for (const file of files) {
      const pristine = fs.readFile(file);
      for (let offset = 0; offset < pristine.length; offset++) {
        // One flip per byte, the mask cycling: low bits, a varint's continuation bit, several bits.
        for (const mask of [[0x01, 0x80, 0x5a][offset % 3] as number]) {
          const flipped = pristine.slice();
          flipped[offset] = (flipped[offset] as number) ^ mask;
          fs.writeFile(file, flipped);
          let detected = false;
          const expectCorruption = (e: unknown): void => {
            assert.ok(e instanceof StorageCorruptionError, `byte ${offset} ^ ${mask}: ${String(e)}`);
            assert.equal(e.file, file);
            assert.ok(e.offset >= 0 && e.offset <= pristine.length, `offset ${e.offset}`);
            detected = true;
          };
          try {
            const again = openHashLog(fs, 'db');
            for (const [k, v] of model) {
              try {
                assert.equal(get(again, k), v, `byte ${offset} ^ ${mask}: value of ${k}`);
              } catch (e) {
                expectCorruption(e);
              }
            }
            assert.equal(again.stats().keys, model.size, `byte ${offset} ^ ${mask}: key count`);
            again.close();
          } catch (e) {
            expectCorruption(e);
          }
          assert.ok(detected, `${file}: byte ${offset} ^ ${mask} went unnoticed`);
        }
      }
      fs.writeFile(file, pristine);
    }
  });
});

/** Records every positioned read, to show what a restart reads. */
class ReadRecordingFileSystem extends MemoryFileSystem {
  readonly reads: Array<{ path: string; position: number; length: number }> = [];
  override open(path: string, mode: OpenMode): FileHandle {
    const h = super.open(path, mode);
    const reads = this.reads;
    return {
      get path() {
        return h.path;
      },
      read: (position, length) => {
        reads.push({ path: h.path, position, length });
        return h.read(position, length);
      },
      write: (position, data) => h.write(position, data),
      append: (data) => h.append(data),
      size: () => h.size(),
      truncate: (length) => h.truncate(length),
      sync: () => h.sync(),
      close: () => h.close(),
    };
  }
}

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

describe('hash log: a crash at every step of compaction loses nothing and revives nothing', () => {
  test('crash before each write, sync, rename, remove and directory sync of compaction (3 seeds × 3 crash modes)', () => {
    let crashPoints = 0;
    for (let seed = 1; seed <= 3; seed++) {
      for (const mode of ['drop', 'tearLast', 'random'] as const) {
        for (let at = 1; ; at++) {
          const rng = createRandom(seed * 1000 + at);
          const faulty = new FaultyFileSystem(rng.fork());
          const fs = new PowerCutFileSystem(faulty, { countCreate: true });
          const opts = { segmentBytes: 300 + 100 * seed };
          const log = openHashLog(fs, 'db', opts);
          const model = new Map<string, string>();
          const round = (n: number): void => {
            for (let i = 0; i < n; i++) {
              const batch = randomBatch(rng, 30);
              log.write(batch);
              applyBatch(model, batch);
            }
          };
          // Earlier compacted segments, closed log segments and a non-empty active segment are all inputs.
          round(25);
          log.compact();
          round(25);
          log.sync();
          fs.cutAt(at);
          try {
            log.compact();
          } catch (e) {
            if (!(e instanceof PowerCut)) throw e;
          }
          const where = `seed ${seed}, mode ${mode}, crash before mutating call ${at}`;
          if (!fs.isCut) {
            // Compaction finished before reaching call `at`: every step has been covered.
            assert.ok(at > 5, `${where}: compaction made only ${at - 1} mutating calls`);
            log.close();
            break;
          }
          crashPoints++;
          faulty.crash({ unsyncedWrites: mode });
          const again = openHashLog(faulty, 'db', opts);
          assert.deepEqual(dump(again), model, `${where}: recovered state`);
          for (const [k, v] of model) assert.equal(get(again, k), v, `${where}: get ${k}`);
          // The leftovers of the crashed compaction must not confuse the next one, nor a restart after it.
          again.compact();
          again.put('after', 'crash', { sync: true });
          again.close();
          const third = openHashLog(faulty, 'db', opts);
          assert.deepEqual(dump(third), new Map([...model, ['after', 'crash']]), `${where}: after a second compaction`);
          third.close();
        }
      }
    }
    assert.ok(crashPoints > 100, `${crashPoints} crash points`);
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
