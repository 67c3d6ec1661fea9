/**
 * Crash safety of the column store and its row-store twin: a power cut before every mutating
 * call of a table rewrite (harness/powerCut.ts), then a crash in each mode of the
 * fault-injecting file system, then a reopen, which must give the old table or the new one —
 * all columns from the same write — never a mix and never a raw file-system error. The next
 * write must clear the crashed write's leftovers. Damaged or missing files raise a typed error.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { StorageCorruptionError } from '../../../extension/storage/codec/corruption';
import { ColumnStore } from '../../../extension/storage/column/columnStore';
import { type ColumnSchema, type Row } from '../../../extension/storage/column/columnTypes';
import { RowStore } from '../../../extension/storage/column/rowStore';
import { FaultyFileSystem } from '../../../extension/storage/fs/faultyFileSystem';
import { type FileSystem, StorageIoError } from '../../../extension/storage/fs/fileSystem';
import { MemoryFileSystem } from '../../../extension/storage/fs/memoryFileSystem';
import { createRandom } from '../../../extension/util/prng';
import { PowerCut, PowerCutFileSystem } from './harness/powerCut';

const SCHEMA: ColumnSchema[] = [
  { name: 'day', type: 'number' },
  { name: 'region', type: 'string' },
  { name: 'amount', type: 'number' },
];
const MODES = ['drop', 'tearLast', 'random'] as const;

/** A table whose every cell says which write made it, so a mix of two writes cannot hide. */
function tableOf(tag: string, n: number, seed: number): Row[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i) => [Math.floor(i / 40), `${tag}-${rng.pick(['n', 's', 'e', 'w'])}`, rng.int(1000)]);
}

function contents(store: ColumnStore): Row[] {
  const cols = SCHEMA.map((c) => store.readColumn(c.name));
  return Array.from({ length: store.rowCount }, (_, r) => cols.map((c) => c[r] as number | string));
}

/** Which of the given tables the folder holds now ('none' if no table was ever completed). */
function whichTable(fs: FileSystem, tables: Record<string, Row[]>, where: string): string {
  let store: ColumnStore;
  try {
    store = ColumnStore.open(fs, 'db');
  } catch (e) {
    if (e instanceof StorageIoError && e.code === 'ENOENT') return 'none';
    throw new Error(`${where}: reopening threw ${(e as Error).name}: ${(e as Error).message}`);
  }
  const got = contents(store);
  for (const [name, rows] of Object.entries(tables)) if (JSON.stringify(got) === JSON.stringify(rows)) return name;
  assert.fail(`${where}: the reopened table is neither of the writes (${got.length} rows, first ${JSON.stringify(got[0])})`);
}

describe('column store crash safety', () => {
  for (const first of [false, true]) {
    test(`a power cut at every step of ${first ? 'the first write' : 'a rewrite'} leaves the ${first ? 'table or nothing' : 'old table or the new one'}`, () => {
      const oldRows = tableOf('old', 300, 1);
      const newRows = tableOf('new', 450, 2);
      let cuts = 0;
      for (const mode of MODES) {
        for (let at = 1; ; at++) {
          const faulty = new FaultyFileSystem(createRandom(at * 7 + MODES.indexOf(mode)));
          const fs = new PowerCutFileSystem(faulty, { countCreate: true });
          if (!first) ColumnStore.write(fs, 'db', SCHEMA, oldRows);
          fs.cutAt(at);
          let finished = false;
          try {
            ColumnStore.write(fs, 'db', SCHEMA, newRows);
            finished = true;
          } catch (e) {
            if (!(e instanceof PowerCut)) throw e;
          }
          const where = `${mode}, cut before mutating call ${at}`;
          faulty.crash({ unsyncedWrites: mode });
          const found = whichTable(faulty, { old: oldRows, new: newRows }, where);
          if (finished) {
            assert.equal(found, 'new', `${where}: a write that returned must survive the crash`);
            assert.ok(at > 6, `${where}: the write made only ${at - 1} mutating calls`);
            break;
          }
          cuts++;
          assert.ok(first ? found === 'none' || found === 'new' : found === 'old' || found === 'new', `${where}: found ${found}`);
          // The next write clears the crashed one's leftovers, and survives a crash of its own.
          const third = tableOf('third', 120, 3);
          ColumnStore.write(faulty, 'db', SCHEMA, third);
          faulty.crash({ unsyncedWrites: mode });
          assert.equal(whichTable(faulty, { third }, `${where}, then a third write`), 'third');
          const store = ColumnStore.open(faulty, 'db');
          assert.deepEqual(
            faulty.list('db'),
            ['TABLE', ...SCHEMA.map((_, i) => `col-${store.generation}-${i}.col`)].sort(),
            `${where}: files left after the third write`,
          );
        }
      }
      assert.ok(cuts >= 3 * 8, `${cuts} crash points`);
    });
  }

  test('a power cut at every step of a row-store rewrite leaves the old rows or the new ones', () => {
    const oldRows = tableOf('old', 200, 4);
    const newRows = tableOf('new', 260, 5);
    const q = { groupBy: 'region', aggregates: [{ fn: 'sum' as const, column: 'amount' }] };
    const answer = (rows: Row[]): string => {
      const fs = new MemoryFileSystem();
      return JSON.stringify(RowStore.write(fs, 'r', SCHEMA, rows).query(q).groups);
    };
    for (const mode of MODES) {
      for (let at = 1; ; at++) {
        const faulty = new FaultyFileSystem(createRandom(at));
        const fs = new PowerCutFileSystem(faulty, { countCreate: true });
        RowStore.write(fs, 'rows', SCHEMA, oldRows);
        fs.cutAt(at);
        let finished = false;
        try {
          RowStore.write(fs, 'rows', SCHEMA, newRows);
          finished = true;
        } catch (e) {
          if (!(e instanceof PowerCut)) throw e;
        }
        faulty.crash({ unsyncedWrites: mode });
        const got = JSON.stringify(RowStore.open(faulty, 'rows', SCHEMA).query(q).groups);
        const where = `${mode}, cut before mutating call ${at}`;
        if (finished) {
          assert.equal(got, answer(newRows), `${where}: a write that returned must survive`);
          break;
        }
        assert.ok(got === answer(oldRows) || got === answer(newRows), `${where}: the rows are neither write's`);
      }
    }
  });

  test('a damaged TABLE, a missing column file or a file of the older format raise StorageCorruptionError', () => {
    const fs = new MemoryFileSystem();
    ColumnStore.write(fs, 'db', SCHEMA, tableOf('t', 100, 6));
    const table = fs.readFile('db/TABLE');
    for (const offset of [0, 8, 12, 20, table.length - 1]) {
      const bad = table.slice();
      bad[offset] = (bad[offset] as number) ^ 0x20;
      fs.writeFile('db/TABLE', bad);
      assert.throws(() => ColumnStore.open(fs, 'db'), StorageCorruptionError, `TABLE byte ${offset} flipped`);
    }
    fs.writeFile('db/TABLE', table);
    const column = fs.readFile('db/col-1-2.col');
    fs.remove('db/col-1-2.col');
    assert.throws(() => ColumnStore.open(fs, 'db'), /column file of amount \(generation 1\) is missing/);
    const old = column.slice();
    old[7] = 0x31; // "DDIACOL1": bitmaps as plain bits, before generations
    fs.writeFile('db/col-1-2.col', old);
    assert.throws(() => ColumnStore.open(fs, 'db').query({ aggregates: [{ fn: 'sum', column: 'amount' }] }), /older version of this store/);
    // A rewrite over a damaged table starts afresh.
    fs.writeFile('db/TABLE', new Uint8Array([1, 2, 3]));
    const rows = tableOf('fresh', 50, 7);
    ColumnStore.write(fs, 'db', SCHEMA, rows);
    assert.deepEqual(contents(ColumnStore.open(fs, 'db')), rows);
  });
});
