/**
 * Flipped bits in any file of every engine (harness/corruption.ts): reads return the right
 * value or a StorageCorruptionError naming the file and an offset in it; never a wrong value,
 * never another exception. Seeds fixed and printed in failures. Per engine: a store built by
 * random batches and deletes, closed cleanly (so tables, segments, hints, pages, manifest) or
 * left with its log unflushed (so the WAL is read back on open).
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { type AnalyticQuery, type Row } from '../../../extension/storage/column/columnTypes';
import { ColumnStore } from '../../../extension/storage/column/columnStore';
import { RowStore } from '../../../extension/storage/column/rowStore';
import { MemoryFileSystem } from '../../../extension/storage/fs/memoryFileSystem';
import { createRandom } from '../../../extension/util/prng';
import { applyOps, ENGINE_KINDS, openEngine, randomBatch } from './harness/engines';
import { flipEveryFile } from './harness/corruption';

const FLIPS = Number(process.env['DDIA_FLIPS'] ?? 300);

describe('flipped bytes in every engine file', () => {
  for (const kind of ENGINE_KINDS) {
    for (const closed of [true, false]) {
      const seed = kind.length * 10 + (closed ? 1 : 2);
      test(`${kind}, ${closed ? 'closed cleanly' : 'log not checkpointed'}: ${FLIPS} flips (seed ${seed}) give right values or typed errors`, () => {
        const rng = createRandom(seed);
        const fs = new MemoryFileSystem();
        const db = openEngine(kind, fs, 'db', seed);
        const model = new Map<string, string>();
        for (let i = 0; i < 150; i++) {
          const b = randomBatch(rng, 60, `v${i}`);
          db.write(b, i % 10 === 0);
          applyOps(model, b);
        }
        if (closed) db.close();
        else db.write([{ key: 'last', value: 'synced' }], true);
        if (!closed) model.set('last', 'synced');
        const keys = [...Array.from({ length: 60 }, (_, i) => `k${i}`), 'last'];
        const r = flipEveryFile(fs, 'db', seed, FLIPS, () => {
          const again = openEngine(kind, fs, 'db', seed);
          for (const k of keys) assert.equal(again.get(k), model.get(k), `get(${k})`);
          assert.deepEqual(again.dump(), model, 'scan');
          again.close();
        });
        assert.ok(r.detected > 0, `no flip of ${r.flips} was detected: the check reads nothing`);
      });
    }
  }

  test(`column store: ${FLIPS} flips in TABLE and every column file (seed 7) give the right aggregate or a typed error`, () => {
    const rng = createRandom(7);
    const schema = [
      { name: 'day', type: 'number' as const },
      { name: 'region', type: 'string' as const },
      { name: 'qty', type: 'number' as const },
    ];
    const rows: Row[] = Array.from({ length: 400 }, (_, i) => [Math.floor(i / 40), rng.pick(['n', 's', 'e', 'w']), rng.intBetween(1, 20)]);
    const fs = new MemoryFileSystem();
    ColumnStore.write(fs, 'col', schema, rows);
    const truth = RowStore.write(new MemoryFileSystem(), 'rows', schema, rows);
    const queries: AnalyticQuery[] = [
      { groupBy: 'region', aggregates: [{ fn: 'sum', column: 'qty' }] },
      { where: [{ column: 'qty', op: '>', value: 5 }], groupBy: 'day', aggregates: [{ fn: 'count', column: 'region' }] },
    ];
    const expected = queries.map((q) => truth.query(q).groups);
    const r = flipEveryFile(fs, 'col', 7, FLIPS, () => {
      const store = ColumnStore.open(fs, 'col');
      queries.forEach((q, i) => assert.deepEqual(store.query(q).groups, expected[i]));
    });
    assert.ok(r.files.length >= 4 && r.detected > 0, `files ${r.files.join(', ')}, detected ${r.detected}`);
  });
});
