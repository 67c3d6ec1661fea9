/**
 * Corruption: decoders reject damaged blocks, footers, indexes, manifests and log records with
 * a typed error naming the file and offset; and the engine, with bytes flipped anywhere in any
 * of its files, either refuses with a `StorageCorruptionError` or returns exactly the right
 * values — never a wrong value, never another kind of crash. Flip positions come from seed 5.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { BlockBuilder, blockValue, decodeBlock } from '../../../extension/storage/lsm/blockFormat';
import { CorruptionError } from '../../../extension/storage/lsm/corruption';
import { decodeFooter, encodeFooter, FOOTER_BYTES } from '../../../extension/storage/lsm/tableFormat';
import { decodeManifest, encodeManifest } from '../../../extension/storage/lsm/manifest';
import { encodeWalRecord, readWalRecords } from '../../../extension/storage/lsm/walFormat';
import { StorageCorruptionError } from '../../../extension/storage/codec/corruption';
import { MemoryFileSystem } from '../../../extension/storage/fs/memoryFileSystem';
import { openLsm } from '../../../extension/storage/lsm/lsmTree';
import { bytesToString } from '../../../extension/storage/lsm/bytes';
import { createRandom } from '../../../extension/util/prng';

const enc = new TextEncoder();

function sampleBlock(): Uint8Array {
  const b = new BlockBuilder();
  for (let i = 0; i < 20; i++) b.add(enc.encode(`key${String(i).padStart(2, '0')}`), i % 5 === 0 ? null : enc.encode(`value${i}`));
  return b.finish().slice();
}

describe('LSM decoders reject corrupt input with typed errors', () => {
  test('a block round-trips, tombstones included', () => {
    const d = decodeBlock(sampleBlock(), 't.sst', 0);
    assert.ok(d.ok);
    assert.equal(d.value.count, 20);
    assert.equal(blockValue(d.value, 0), null);
    assert.equal(bytesToString(blockValue(d.value, 1) as Uint8Array), 'value1');
  });

  test('flipping any single byte of a block gives a CorruptionError naming the file and offset', () => {
    const good = sampleBlock();
    for (let i = 0; i < good.length; i++) {
      const bad = good.slice();
      bad[i] = (bad[i] as number) ^ 0x10;
      const d = decodeBlock(bad, 't.sst', 4096);
      assert.ok(!d.ok, `flip at ${i} accepted`);
      assert.ok(d.error instanceof CorruptionError && d.error.file === 't.sst' && d.error.offset >= 4096);
    }
  });

  test('a truncated block is rejected', () => {
    const d = decodeBlock(sampleBlock().subarray(0, 5), 't.sst', 0);
    assert.ok(!d.ok && d.error.kind === 'truncated');
  });

  test('a footer with a wrong magic number or a flipped field is rejected', () => {
    const f = { filterOffset: 100, filterLength: 20, indexOffset: 120, indexLength: 30, entryCount: 5, tombstoneCount: 1 };
    const size = 150 + FOOTER_BYTES;
    assert.deepEqual(decodeFooter(encodeFooter(f), 't.sst', size), { ok: true, value: f });
    for (let i = 0; i < FOOTER_BYTES; i++) {
      const bad = encodeFooter(f);
      bad[i] = (bad[i] as number) ^ 1;
      const d = decodeFooter(bad, 't.sst', size);
      assert.ok(!d.ok, `footer flip at ${i} accepted`);
      assert.equal(d.error.kind, i >= 36 ? 'bad-magic' : 'bad-checksum');
    }
  });

  test('a manifest with a flipped byte is rejected', () => {
    const good = encodeManifest({ version: 3, nextFileNumber: 9, logNumber: 8, style: 'leveled', levels: [[], []] });
    for (let i = 0; i < good.length; i++) {
      const bad = good.slice();
      bad[i] = (bad[i] as number) ^ 4;
      assert.ok(!decodeManifest(bad, 'MANIFEST').ok, `manifest flip at ${i} accepted`);
    }
  });

  test('recovery: a torn last log record is dropped, earlier records survive', () => {
    const a = encodeWalRecord([{ key: enc.encode('a'), value: enc.encode('1') }]).slice();
    const b = encodeWalRecord([{ key: enc.encode('b'), value: null }]).slice();
    const log = new Uint8Array([...a, ...b]);
    for (let cut = a.length; cut < log.length; cut++) {
      const r = readWalRecords(log.subarray(0, cut));
      assert.equal(r.batches.length, 1);
      assert.equal(r.damaged, false, `cut at ${cut}`);
    }
    const zeros = readWalRecords(new Uint8Array([...a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert.equal(zeros.batches.length, 1);
    assert.equal(zeros.damaged, false);
  });

  test('recovery: a flipped byte inside a complete log record is reported as damage, not dropped silently', () => {
    const a = encodeWalRecord([{ key: enc.encode('a'), value: enc.encode('1') }]).slice();
    const b = encodeWalRecord([{ key: enc.encode('b'), value: enc.encode('2') }]).slice();
    for (let i = 0; i < a.length; i++) {
      const log = new Uint8Array([...a, ...b]);
      log[i] = (log[i] as number) ^ 0x20;
      const r = readWalRecords(log);
      assert.ok(r.damaged, `flip at ${i} not reported (${r.stopReason})`);
    }
  });
});

describe('LSM engine under flipped bytes', () => {
  test('any flipped byte in any file: every read is right or a StorageCorruptionError (seed 5, 600 flips)', () => {
    const fs = new MemoryFileSystem();
    const opts = { memtableBytes: 1500, blockSizeBytes: 200, targetTableBytes: 800, autoCompact: true };
    const db = openLsm(fs, 'db', opts);
    const model = new Map<string, string>();
    for (let i = 0; i < 200; i++) {
      const k = `key${i % 70}`;
      model.set(k, `value-${i}`);
      db.put(k, `value-${i}`);
    }
    db.close();
    const files = fs.list('db').map((n) => `db/${n}`);
    assert.ok(files.some((f) => f.endsWith('.sst')) && files.some((f) => f.endsWith('.log')));
    const rng = createRandom(5);
    let refused = 0;
    for (let trial = 0; trial < 600; trial++) {
      const file = rng.pick(files);
      const size = fs.readFile(file).length;
      if (size === 0) continue;
      const offset = rng.int(size);
      const mask = 1 << rng.int(8);
      const flip = (): void => {
        const h = fs.open(file, 'readwrite');
        h.write(offset, new Uint8Array([(h.read(offset, 1)[0] as number) ^ mask]));
        h.close();
      };
      flip();
      // Reopening rewrites files, so work on a copy of the damaged file system.
      const copy = new MemoryFileSystem();
      copy.mkdirp('db');
      for (const f of files) copy.writeFile(f, fs.readFile(f));
      flip();
      try {
        const d = openLsm(copy, 'db', opts);
        for (const [k, v] of model) {
          const got = d.get(k);
          assert.equal(got === undefined ? undefined : bytesToString(got), v, `${file} flip at ${offset}: wrong value for ${k}`);
        }
      } catch (e) {
        if (!(e instanceof StorageCorruptionError)) throw e;
        refused++;
      }
    }
    assert.ok(refused > 0, 'no flip was ever detected');
  });
});
