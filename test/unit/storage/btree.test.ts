/**
 * The B-tree: splits to several levels with small pages, ordered scans, a differential test
 * against a Map with reopen and checkpoints, crash tests on the fault-injecting file system,
 * corruption detection, and a small run on real files. Seeds are fixed and printed.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { openBTree, type BTreeBatchOp } from '../../../extension/storage/btree/bTree';
import { encodeOpsRecord, scanWal, WAL_HEADER_BYTES } from '../../../extension/storage/btree/walFormat';
import { bytesToText } from '../../../extension/storage/codec/bytes';
import { StorageCorruptionError } from '../../../extension/storage/codec/corruption';
import { createScratchFileSystem } from '../../../extension/storageIo/diskFileSystem';
import { FaultyFileSystem } from '../../../extension/storage/fs/faultyFileSystem';
import { type FileSystem } from '../../../extension/storage/fs/fileSystem';
import { MemoryFileSystem } from '../../../extension/storage/fs/memoryFileSystem';
import { createRandom, type Random } from '../../../extension/util/prng';
import { PowerCut, PowerCutFileSystem } from './harness/powerCut';

const SMALL = { pageSize: 1024, cachePages: 16 };

const get = (t: { get(k: string): Uint8Array | undefined }, k: string): string | undefined => {
  const v = t.get(k);
  return v === undefined ? undefined : bytesToText(v);
};

function dump(t: ReturnType<typeof openBTree>): Map<string, string> {
  return new Map(t.scan().map((e) => [bytesToText(e.key), bytesToText(e.value)]));
}

function randomValue(rng: Random): string {
  return rng.int(1e9).toString(36).repeat(rng.int(5));
}

function randomBatch(rng: Random, keys: number): BTreeBatchOp[] {
  return Array.from({ length: rng.intBetween(1, 3) }, () => ({
    key: `k${rng.int(keys)}`,
    value: rng.chance(0.2) ? null : randomValue(rng),
  }));
}

function applyBatch(model: Map<string, string>, ops: readonly BTreeBatchOp[]): void {
  for (const op of ops) {
    if (op.value === null) model.delete(op.key as string);
    else model.set(op.key as string, op.value as string);
  }
}

function runDifferential(fs: FileSystem, seed: number, ops: number): void {
  const rng = createRandom(seed);
  const model = new Map<string, string>();
  let tree = openBTree(fs, 'db', SMALL);
  for (let i = 0; i < ops; i++) {
    const r = rng.next();
    const where = `seed ${seed}, op ${i}`;
    if (r < 0.55) {
      const batch = randomBatch(rng, 400);
      tree.write(batch, { sync: rng.chance(0.05) });
      applyBatch(model, batch);
    } else if (r < 0.85) {
      const k = `k${rng.int(400)}`;
      assert.equal(get(tree, k), model.get(k), `${where}: get ${k}`);
    } else if (r < 0.9) {
      const a = `k${rng.int(400)}`;
      const b = `k${rng.int(400)}`;
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const expected = [...model.keys()].filter((k) => k >= lo && k < hi).sort();
      assert.deepEqual(
        tree.scan(lo, hi).map((e) => bytesToText(e.key)),
        expected,
        `${where}: scan`,
      );
    } else if (r < 0.92) {
      tree.checkpoint();
    } else if (r < 0.94) {
      tree.close();
      tree = openBTree(fs, 'db', SMALL);
    }
  }
  assert.deepEqual(dump(tree), model, `seed ${seed}: final contents`);
  tree.close();
}

describe('B-tree', () => {
  test('splits to several levels with 1 KiB pages; scans return keys in order', () => {
    const tree = openBTree(new MemoryFileSystem(), 'db', SMALL);
    const rng = createRandom(5);
    const keys = Array.from({ length: 3000 }, (_, i) => `key-${String(i).padStart(5, '0')}`);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
    }
    for (const k of keys) tree.put(k, `value of ${k}`);
    const s = tree.stats();
    assert.ok(s.height >= 3, `height ${s.height}`);
    assert.equal(s.keys, 3000);
    assert.ok(s.fillFactors.every((f) => f.fillFactor > 0 && f.fillFactor <= 1));
    const scanned = tree.scan().map((e) => bytesToText(e.key));
    assert.deepEqual(scanned, [...keys].sort());
    assert.deepEqual(
      tree.scan('key-00100', 'key-00105').map((e) => bytesToText(e.value)),
      ['value of key-00100', 'value of key-00101', 'value of key-00102', 'value of key-00103', 'value of key-00104'],
    );
    const pages = tree.describePages();
    const root = pages[0];
    assert.equal(root?.kind, 'internal');
    assert.equal(root?.children.length, (root?.keys.length ?? 0) + 1);
    assert.ok(s.cacheHits > 0 && s.cacheMisses > 0, 'a 16-page cache both hits and misses on a 3000-key tree');
  });

  test('iterator: key/value/valid/next, stops at the end bound, refuses use after a write', () => {
    const tree = openBTree(new MemoryFileSystem(), 'db');
    for (const k of ['a', 'b', 'c', 'd']) tree.put(k, k.toUpperCase());
    const it = tree.iterator('b', 'd');
    const seen: string[] = [];
    for (; it.valid(); it.next()) seen.push(bytesToText(it.key()) + bytesToText(it.value()));
    assert.deepEqual(seen, ['bB', 'cC']);
    const again = tree.iterator();
    tree.put('e', 'E');
    assert.throws(() => again.valid(), /after a write/);
  });

  test('lazy deletion: deleting every key leaves an empty but working tree', () => {
    const tree = openBTree(new MemoryFileSystem(), 'db', SMALL);
    for (let i = 0; i < 500; i++) tree.put(`k${i}`, 'x'.repeat(20));
    const pagesBefore = tree.stats().pages;
    for (let i = 0; i < 500; i++) tree.delete(`k${i}`);
    assert.deepEqual(tree.scan(), []);
    assert.equal(tree.stats().pages, pagesBefore, 'pages are not merged or freed');
    tree.put('k7', 'back');
    assert.equal(get(tree, 'k7'), 'back');
  });

  test('entries larger than a quarter page are rejected', () => {
    const tree = openBTree(new MemoryFileSystem(), 'db', SMALL);
    assert.throws(() => tree.put('k', 'x'.repeat(300)), RangeError);
  });

  test('differential against a Map: 5000 random ops with checkpoints and reopen (seed 4242)', () => {
    runDifferential(new MemoryFileSystem(), 4242, 5000);
  });

  test('recovery replays the WAL after the last checkpoint', () => {
    const fs = new FaultyFileSystem(createRandom(1));
    const tree = openBTree(fs, 'db', SMALL);
    for (let i = 0; i < 50; i++) tree.put(`a${i}`, 'before checkpoint');
    tree.checkpoint();
    for (let i = 0; i < 50; i++) tree.put(`b${i}`, 'after checkpoint', { sync: i === 49 });
    fs.crash();
    const again = openBTree(fs, 'db', SMALL);
    assert.equal(get(again, 'a7'), 'before checkpoint');
    assert.equal(get(again, 'b49'), 'after checkpoint');
    assert.equal(again.stats().keys, 100);
  });
});

describe('B-tree crash safety (fault-injecting file system); the crash-prefix property is in faultyCrash.btree.test.ts', () => {
  test('a flipped byte in the page file or WAL is a StorageCorruptionError or a right value, never a wrong one (150 seeds)', () => {
    let detected = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const rng = createRandom(seed);
      const fs = new FaultyFileSystem(rng.fork());
      const model = new Map<string, string>();
      const tree = openBTree(fs, 'db', SMALL);
      for (let i = 0; i < 200; i++) {
        const k = `k${rng.int(100)}`;
        const v = randomValue(rng);
        tree.put(k, v);
        model.set(k, v);
        if (i === 150) tree.checkpoint();
      }
      tree.sync();
      const file = rng.chance(0.7) ? 'db/pages' : 'db/wal';
      // Flip bytes that hold data: the page file's used pages, or the WAL's records.
      const flipped = fs.flipRandomBytes(file, 1);
      fs.crash();
      try {
        const again = openBTree(fs, 'db', SMALL);
        for (const [k, v] of model) {
          try {
            assert.equal(get(again, k), v, `seed ${seed}, ${file} byte ${flipped[0]}: value of ${k}`);
          } catch (e) {
            if (!(e instanceof StorageCorruptionError)) throw e;
            detected++;
          }
        }
      } catch (e) {
        if (!(e instanceof StorageCorruptionError)) throw e;
        assert.ok(e.file === file, `seed ${seed}: error names ${e.file}`);
        detected++;
      }
    }
    assert.ok(detected > 50, `detected ${detected}`);
  });
});

describe('B-tree WAL scan: zeros where a header belongs', () => {
  const te = new TextEncoder();
  const record = (lsn: number): Uint8Array =>
    encodeOpsRecord(lsn, [{ key: te.encode(`key${lsn}`), value: te.encode(`value ${lsn}`) }]).record;
  const log = (...parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0) + 4096); // zeros after: preallocated space
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };

  test('zeros before complete records are corruption, not the end of the log', () => {
    const [a, b, c] = [record(1), record(2), record(3)];
    const data = log(a, b, c);
    assert.equal(scanWal(data, 4096, 'wal').records.length, 3);
    data.fill(0, a.length, a.length + WAL_HEADER_BYTES);
    assert.throws(
      () => scanWal(data, 4096, 'wal'),
      (e: unknown) => e instanceof StorageCorruptionError && /zeros inside the WAL/.test(e.message),
    );
  });

  test('a last record whose header never landed is a torn tail: the records before it stay', () => {
    const [a, b] = [record(1), record(2)];
    const data = log(a, b);
    data.fill(0, a.length, a.length + WAL_HEADER_BYTES);
    const { records, validEnd } = scanWal(data, 4096, 'wal');
    assert.equal(records.length, 1);
    assert.equal(validEnd, a.length);
  });
});

describe('B-tree on real files', () => {
  test('differential against a Map on DiskFileSystem: 400 ops (seed 31)', () => {
    const fs = createScratchFileSystem('ddia-btree-test-');
    try {
      runDifferential(fs, 31, 400);
    } finally {
      fs.dispose();
    }
  });
});

describe('B-tree: power cut inside a checkpoint or a vacuum', () => {
  /**
   * Fills a tree (synced), updates and deletes some keys (the last batch unsynced), then cuts the
   * power at every step of `action` in turn, under every crash mode. Recovery must give the synced
   * contents, or those plus the unsynced batch once the action has made it durable.
   */
  function cutEveryStep(action: 'checkpoint' | 'vacuum'): number {
    let cuts = 0;
    for (let cutAt = 1; ; cutAt++) {
      let finished = false;
      for (const mode of ['drop', 'tearLast', 'random'] as const) {
        const faulty = new FaultyFileSystem(createRandom(cutAt * 3 + mode.length));
        const fs = new PowerCutFileSystem(faulty);
        const rng = createRandom(77);
        const tree = openBTree(fs, 'db', { pageSize: 1024, cachePages: 64 });
        const synced = new Map<string, string>();
        for (let i = 0; i < 300; i++) {
          const k = `k${String(rng.int(400)).padStart(3, '0')}`;
          const v = randomValue(rng) || 'x';
          tree.put(k, v);
          synced.set(k, v);
        }
        tree.checkpoint();
        for (let i = 0; i < 60; i++) {
          const k = `k${String(rng.int(400)).padStart(3, '0')}`;
          if (rng.chance(0.3)) {
            tree.delete(k);
            synced.delete(k);
          } else {
            tree.put(k, `updated ${i}`);
            synced.set(k, `updated ${i}`);
          }
        }
        tree.sync();
        const unsynced: BTreeBatchOp[] = [
          { key: 'k000', value: 'late' },
          { key: 'k399', value: null },
        ];
        tree.write(unsynced);
        const withLate = new Map(synced);
        applyBatch(withLate, unsynced);
        fs.cutAt(cutAt);
        try {
          tree[action]();
          finished = true;
        } catch (e) {
          if (!(e instanceof PowerCut)) throw e;
          cuts++;
        }
        faulty.crash({ unsyncedWrites: mode });
        const again = openBTree(faulty, 'db', { pageSize: 1024, cachePages: 64 });
        const got = dump(again);
        const where = `${action}, power cut at step ${cutAt}, crash mode ${mode}`;
        if (got.get('k000') === 'late') assert.deepEqual(got, withLate, where);
        else assert.deepEqual(got, synced, where);
        for (const [k, v] of got) assert.equal(get(again, k), v, `${where}: get ${k}`);
        again.close();
      }
      if (finished) return cuts;
    }
  }

  test('a checkpoint cut at any step (torn page writes included) loses nothing synced', () => {
    assert.ok(cutEveryStep('checkpoint') >= 3 * 8);
  });

  test('a vacuum cut at any step loses nothing synced', () => {
    assert.ok(cutEveryStep('vacuum') >= 3 * 8);
  });
});

describe('B-tree vacuum', () => {
  test('keeps the contents identical, fills leaves, empties the WAL, and the tree stays writable', () => {
    const fs = new MemoryFileSystem();
    const tree = openBTree(fs, 'db', SMALL);
    const rng = createRandom(9);
    const model = new Map<string, string>();
    for (let i = 0; i < 4000; i++) {
      const k = `k${rng.int(3000)}`;
      if (rng.chance(0.1)) {
        tree.delete(k);
        model.delete(k);
      } else {
        const v = randomValue(rng);
        tree.put(k, v);
        model.set(k, v);
      }
    }
    const before = tree.stats();
    tree.vacuum();
    const after = tree.stats();
    assert.deepEqual(dump(tree), model);
    for (const [k, v] of model) assert.equal(get(tree, k), v, k);
    assert.equal(after.keys, model.size);
    assert.ok(after.pages < before.pages, `pages ${before.pages} -> ${after.pages}`);
    const leaves = tree.describePages().filter((p) => p.kind === 'leaf');
    // Every leaf but the last is full: the next entry (at most ~60 bytes here) did not fit.
    for (const leaf of leaves.slice(0, -1)) assert.ok(leaf.fillFactor > 0.9, `leaf ${leaf.id} fill ${leaf.fillFactor}`);
    assert.equal(after.walBytes, 0);
    assert.equal(fs.readFile('db/wal').length, 0);
    assert.equal(fs.exists('db/pages.vacuum'), false);
    tree.put('k1', 'after vacuum');
    tree.delete('k2');
    model.set('k1', 'after vacuum');
    model.delete('k2');
    tree.close();
    const again = openBTree(fs, 'db', SMALL);
    assert.deepEqual(dump(again), model);
  });

  test('of an empty tree gives an empty, working tree', () => {
    const tree = openBTree(new MemoryFileSystem(), 'db', SMALL);
    tree.vacuum();
    assert.deepEqual(tree.scan(), []);
    tree.put('a', '1');
    assert.equal(get(tree, 'a'), '1');
  });
});

describe('B-tree sequential inserts', () => {
  test('split unevenly at the right edge, so a sequential load leaves full pages', () => {
    const tree = openBTree(new MemoryFileSystem(), 'db', SMALL);
    for (let i = 0; i < 3000; i++) tree.put(`key:${String(i).padStart(6, '0')}`, 'v'.repeat(20));
    const s = tree.stats();
    assert.ok(s.fillFactorMean > 0.9, `mean fill ${s.fillFactorMean}`);
    assert.equal(s.keys, 3000);
    assert.equal(tree.scan().length, 3000);
  });
});

describe('B-tree WAL preallocation', () => {
  test('synced writes extend the log with zeros; a flipped byte in the last record is reported, a cut one is a torn tail', () => {
    const fs = new FaultyFileSystem(createRandom(3));
    const tree = openBTree(fs, 'db', SMALL);
    tree.put('a', '1', { sync: true });
    tree.put('b', '2', { sync: true });
    const wal = fs.readFile('db/wal');
    const used = tree.stats().walBytes;
    assert.ok(wal.length > used, `the file (${wal.length} bytes) runs past the log (${used} bytes)`);
    assert.ok(
      wal.subarray(used).every((b) => b === 0),
      'zeros after the log',
    );
    tree.close();

    // A complete last record with a flipped byte: corruption, not a silently shorter log.
    const damaged = new FaultyFileSystem(createRandom(4));
    const t2 = openBTree(damaged, 'db', SMALL);
    t2.put('a', '1', { sync: true });
    t2.put('b', '2', { sync: true });
    const end = t2.stats().walBytes;
    damaged.flipByte('db/wal', end - 10, 0x01);
    damaged.crash();
    assert.throws(() => openBTree(damaged, 'db', SMALL), StorageCorruptionError);

    // The same record cut short (zeros after the cut, as a torn write leaves): recovered as a torn tail.
    const torn = new FaultyFileSystem(createRandom(5));
    const t3 = openBTree(torn, 'db', SMALL);
    t3.put('a', '1', { sync: true });
    const keep = t3.stats().walBytes;
    t3.put('b', '2', { sync: true });
    const end3 = t3.stats().walBytes;
    for (let i = keep + 30; i < end3; i++) {
      const b = torn.readFile('db/wal')[i] as number;
      if (b !== 0) torn.flipByte('db/wal', i, b);
    }
    torn.crash();
    const again = openBTree(torn, 'db', SMALL);
    assert.equal(get(again, 'a'), '1');
    assert.equal(get(again, 'b'), undefined);
    again.put('c', '3', { sync: true });
    torn.crash();
    assert.deepEqual(
      dump(openBTree(torn, 'db', SMALL)),
      new Map([
        ['a', '1'],
        ['c', '3'],
      ]),
    );
  });
});
