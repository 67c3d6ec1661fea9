/**
 * The storage SDK: the same key-value contract on the hash log, the LSM tree and the B-tree
 * (checked against a Map on a seeded workload), the file-system choices (disk scratch folder
 * removed on reset, a faulty file system losing unsynced writes), and the views' specs.
 */
import { strict as assert } from 'node:assert';
import * as nodeFs from 'node:fs';
import { afterEach, describe, test } from 'node:test';
import { storage, toOutputBundle } from '../../../extension/sdk';
import { STORAGE_MIME } from '../../../extension/views/storage/storageOutputs';

afterEach(() => storage.resetFileSystems());

const openers = {
  hashlog: (dir: string, fs: storage.FileSystemKind) => storage.openHashLog(dir, { fs, fresh: true, segmentBytes: 16 * 1024 }),
  lsm: (dir: string, fs: storage.FileSystemKind) =>
    storage.openLsm(dir, { fs, fresh: true, memtableBytes: 8 * 1024, targetTableBytes: 8 * 1024 }),
  btree: (dir: string, fs: storage.FileSystemKind) => storage.openBTree(dir, { fs, fresh: true, pageSize: 1024 }),
};

for (const [kind, open] of Object.entries(openers)) {
  describe(`storage SDK: ${kind}`, () => {
    test('a seeded workload reads back like a Map (seed 7)', () => {
      const db = open(`t-${kind}`, 'memory');
      const model = new Map<string, string>();
      for (const op of storage.workload({ operations: 3000, keys: 300, valueBytes: 40, readFraction: 0.2, deleteFraction: 0.1, seed: 7 })) {
        if (op.type === 'put') {
          db.put(op.key, op.value);
          model.set(op.key, op.value);
        } else if (op.type === 'delete') {
          db.delete(op.key);
          model.delete(op.key);
        } else assert.equal(db.get(op.key), model.get(op.key), op.key);
      }
      const expected = [...model].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value }));
      assert.deepEqual(db.scan(), expected);
      assert.deepEqual(
        db.scan('key-100', 'key-110').map((e) => e.key),
        expected.filter((e) => e.key >= 'key-100' && e.key < 'key-110').map((e) => e.key),
      );
      db.close();
    });

    test('bytes in, bytes out; batch is applied whole; reopen finds the data', () => {
      const db = open(`b-${kind}`, 'memory');
      db.put(new Uint8Array([0, 255, 1]), new Uint8Array([9, 8, 7]), { sync: true });
      db.batch(
        [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
          { key: new Uint8Array([0, 255, 1]), value: null },
        ],
        { sync: true },
      );
      assert.equal(db.getBytes(new Uint8Array([0, 255, 1])), undefined);
      assert.deepEqual(db.scan(), [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ]);
      db.close();
      const again =
        kind === 'hashlog'
          ? storage.openHashLog(`b-${kind}`)
          : kind === 'lsm'
            ? storage.openLsm(`b-${kind}`)
            : storage.openBTree(`b-${kind}`);
      assert.equal(again.get('b'), '2');
      again.close();
    });

    test('a key that is not a string or bytes is a clear TypeError', () => {
      const db = open(`e-${kind}`, 'memory');
      assert.throws(() => db.put(42 as unknown as string, 'x'), /key must be a string or a Uint8Array/);
      db.close();
    });

    test('the faulty file system loses unsynced writes on a crash, keeps synced ones', () => {
      const db = open(`f-${kind}`, 'faulty');
      db.put('durable', 'yes', { sync: true });
      db.put('lost', 'maybe');
      storage.faultyFileSystem(1).crash({ unsyncedWrites: 'drop' });
      const again =
        kind === 'hashlog'
          ? storage.openHashLog(`f-${kind}`, { fs: 'faulty' })
          : kind === 'lsm'
            ? storage.openLsm(`f-${kind}`, { fs: 'faulty' })
            : storage.openBTree(`f-${kind}`, { fs: 'faulty' });
      assert.equal(again.get('durable'), 'yes');
      assert.equal(again.get('lost'), undefined);
    });
  });
}

test('openLsm refuses background mode with a clear error: lab output must not depend on thread timing', () => {
  assert.throws(() => storage.openLsm('bg', { background: true } as never), /background mode is not available in labs/);
});

test('disk stores live in the scratch folder, which reset deletes', () => {
  const db = storage.openLsm('ondisk', { fs: 'disk' });
  db.put('k', 'v', { sync: true });
  const root = storage.scratchDir();
  assert.ok(nodeFs.existsSync(`${root}/ondisk`));
  assert.ok(db.diskBytes() > 0);
  db.close();
  storage.resetFileSystems();
  assert.equal(nodeFs.existsSync(root), false);
});

test('lsmLevels shows every table with its key range, and a text fallback', () => {
  const db = storage.openLsm('levels', { memtableBytes: 4 * 1024, targetTableBytes: 4 * 1024, fresh: true });
  for (let i = 0; i < 2000; i++) db.put(`k${String(i).padStart(5, '0')}`, 'x'.repeat(20));
  const v = storage.lsmLevels(db, { title: 't' });
  const tables = v.spec.levels.flatMap((l) => l.tables);
  assert.ok(tables.length > 1);
  for (const t of tables) assert.ok(t.smallest <= t.largest);
  const bundle = toOutputBundle(v);
  assert.equal(bundle.items[0]?.mime, STORAGE_MIME.lsmLevels);
  assert.match(bundle.text, /L\d/);
});

test('recordCompaction records the steps of a full compaction ending in one sorted run', () => {
  const db = storage.openLsm('compact', { memtableBytes: 4 * 1024, targetTableBytes: 64 * 1024, autoCompact: false, fresh: true });
  for (let i = 0; i < 1500; i++) db.put(`k${i % 500}`, `v${i}`.padEnd(30, '.'));
  db.engine.flush();
  const v = storage.recordCompaction(db, (e) => e.compact({ full: true }));
  assert.ok(v.spec.steps.length >= 1);
  assert.ok(v.spec.levelsBefore.flatMap((l) => l.tables).length > 1);
  const last = v.spec.steps.at(-1)!;
  const nonEmpty = last.levelsAfter.filter((l) => l.tables.length > 0);
  assert.equal(nonEmpty.length, 1);
  assert.equal(db.get('k7'), 'v1007'.padEnd(30, '.'));
});

test('bTreePages: the root comes first and every child id is a page of the view', () => {
  const db = storage.openBTree('pages', { pageSize: 1024, fresh: true });
  for (let i = 0; i < 500; i++) db.put(`k${String(i).padStart(4, '0')}`, 'value'.repeat(4));
  const v = storage.bTreePages(db);
  assert.equal(v.spec.pages[0]?.id, v.spec.rootId);
  assert.equal(v.spec.pages[0]?.kind, 'internal');
  const ids = new Set(v.spec.pages.map((p) => p.id));
  for (const p of v.spec.pages) for (const c of p.children) assert.ok(ids.has(c));
  for (const p of v.spec.pages) assert.ok(p.fillFactor > 0 && p.fillFactor <= 1);
  assert.throws(() => storage.bTreePages(storage.openLsm('x') as never), /needs a store opened with openBTree/);
});

test('amplification: the LSM tree writes more than once per user byte, and the chart has a line per store', () => {
  const ops = storage.workload({ operations: 4000, keys: 500, valueBytes: 50, seed: 3 });
  const lsm = storage.openLsm('amp-lsm', { memtableBytes: 8 * 1024, targetTableBytes: 8 * 1024, fresh: true });
  const bt = storage.openBTree('amp-bt', { pageSize: 1024, fresh: true });
  const runs = { lsm: storage.runWorkload(lsm, ops, { samples: 4 }), btree: storage.runWorkload(bt, ops, { samples: 4 }) };
  assert.equal(runs.lsm.length, 4);
  assert.ok(runs.lsm.at(-1)!.write > 1);
  assert.ok(runs.btree.at(-1)!.write > 1);
  assert.ok(runs.lsm.at(-1)!.space >= 1);
  const chart = toOutputBundle(storage.amplificationChart(runs, 'write'));
  const spec = chart.items[0]?.data as { series: { name: string }[] };
  assert.deepEqual(
    spec.series.map((s) => s.name),
    ['lsm', 'btree'],
  );
  assert.deepEqual(storage.workload({ operations: 50, seed: 9 }), storage.workload({ operations: 50, seed: 9 }));
});

test("read amplification counts the workload's reads only, not the scans that measure live bytes", () => {
  // Every key is written first, then only read: a hash log reads exactly one record per get.
  const keys = 200;
  const ops: Array<Parameters<typeof storage.runWorkload>[1][number]> = [];
  for (let i = 0; i < keys; i++) ops.push({ type: 'put', key: `k${i}`, value: `v${i}` });
  for (let i = 0; i < 400; i++) ops.push({ type: 'get', key: `k${(i * 7) % keys}` });
  const samples = storage.runWorkload(storage.openHashLog('amp-reads', { fresh: true }), ops, { samples: 6 });
  assert.equal(samples.length, 6);
  assert.equal(samples.at(-1)!.readBlocks, 1);
});

test('column store: a query reads fewer bytes than the row-store twin and gives the same answer', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => [i, ['eu', 'us', 'asia'][i % 3] as string, i % 7, (i * 13) % 100]);
  const t = storage.openColumnStore('sales', {
    schema: [
      { name: 'id', type: 'number' },
      { name: 'region', type: 'string' },
      { name: 'store', type: 'number' },
      { name: 'amount', type: 'number' },
    ],
    rows,
    withRowStore: true,
  });
  const q = { where: [{ column: 'region', op: '=' as const, value: 'eu' }], aggregates: [{ fn: 'sum' as const, column: 'amount' }] };
  const c = t.query(q);
  const r = t.queryRows(q);
  assert.deepEqual(c.groups, r.groups);
  assert.ok(c.bytesRead < r.bytesRead);
  assert.equal(storage.openColumnStore('sales').rowCount, 5000);
});

test('column store: opening a folder with no table says how to write one, not a raw ENOENT', () => {
  assert.throws(
    () => storage.openColumnStore('never-written'),
    /openColumnStore\('never-written'\): no column table there yet\. Write one first/,
  );
});
