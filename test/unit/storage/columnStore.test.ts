/**
 * Column store: each encoding round-trips, the chooser picks the encoding that suits the data,
 * aggregates equal the row-store baseline's on random data and random queries (seeded), a
 * query reads only the columns it names, and damaged column files raise a typed error.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRandom } from '../../../extension/util/prng';
import { MemoryFileSystem } from '../../../extension/storage/fs/memoryFileSystem';
import { StorageCorruptionError } from '../../../extension/storage/codec/corruption';
import { chooseEncoding, decodeColumn, encodeColumn, type Encoding } from '../../../extension/storage/column/columnEncoding';
import { ColumnStore } from '../../../extension/storage/column/columnStore';
import { RowStore } from '../../../extension/storage/column/rowStore';
import { type AnalyticQuery, type ColumnSchema, type Row } from '../../../extension/storage/column/columnTypes';

const SCHEMA: ColumnSchema[] = [
  { name: 'day', type: 'number' },
  { name: 'region', type: 'string' },
  { name: 'product', type: 'string' },
  { name: 'quantity', type: 'number' },
  { name: 'price', type: 'number' },
];
const REGIONS = ['north', 'south', 'east', 'west'];

function randomRows(seed: number, n: number): Row[] {
  const rng = createRandom(seed);
  // Days ascending (RLE-friendly), few regions (bitmap-friendly), many products and prices (plain).
  return Array.from({ length: n }, (_, i) => [
    Math.floor(i / 50),
    rng.pick(REGIONS),
    `p${rng.int(500)}`,
    rng.intBetween(1, 20),
    Math.round(rng.next() * 10000) / 100,
  ]);
}

function randomQuery(rng: ReturnType<typeof createRandom>): AnalyticQuery {
  const where: AnalyticQuery['where'] = [];
  if (rng.chance(0.5)) where.push({ column: 'quantity', op: rng.pick(['<', '>=', '=', '!='] as const), value: rng.intBetween(1, 20) });
  if (rng.chance(0.5)) where.push({ column: 'region', op: rng.pick(['=', '!='] as const), value: rng.pick(REGIONS) });
  if (rng.chance(0.3)) where.push({ column: 'product', op: '<', value: `p${rng.int(500)}` });
  return {
    where,
    ...(rng.chance(0.7) ? { groupBy: rng.pick(['region', 'day']) } : {}),
    aggregates: [
      { fn: 'sum', column: 'price' },
      { fn: 'count', column: 'product' },
      { fn: 'min', column: 'quantity' },
      { fn: 'max', column: 'price' },
      { fn: 'avg', column: 'quantity' },
    ],
  };
}

describe('column store', () => {
  for (const encoding of ['plain', 'rle', 'bitmap'] as Encoding[]) {
    test(`${encoding} encoding round-trips numbers and strings`, () => {
      const nums = [3, 3, 3, 1.5, 1.5, -2, 3];
      const strs = ['a', 'a', 'b', 'b', 'b', 'ü', 'a'];
      const n = decodeColumn('number', encoding, encodeColumn('number', nums, encoding), nums.length);
      assert.deepEqual(n.type === 'number' ? [...n.values] : null, nums);
      const s = decodeColumn('string', encoding, encodeColumn('string', strs, encoding), strs.length);
      assert.deepEqual(s.type === 'string' ? [...s.codes].map((c) => s.dictionary[c]) : null, strs);
    });
  }

  test('the chooser picks rle for sorted runs, bitmap for few distinct values, plain for unique values', () => {
    const rows = randomRows(1, 2000);
    assert.equal(
      chooseEncoding(
        'number',
        rows.map((r) => r[0] as number),
      ),
      'rle',
    );
    assert.equal(
      chooseEncoding(
        'string',
        rows.map((r) => r[1] as string),
      ),
      'bitmap',
    );
    assert.equal(
      chooseEncoding(
        'number',
        rows.map((_, i) => i * 1.5),
      ),
      'plain',
    );
  });

  for (const seed of [1, 2, 3]) {
    test(`aggregates equal the row store's on random data and 40 random queries, seed ${seed}`, () => {
      const fs = new MemoryFileSystem();
      const rows = randomRows(seed, 3000);
      const col = ColumnStore.write(fs, 'col', SCHEMA, rows);
      const row = RowStore.write(fs, 'rows.dat', SCHEMA, rows);
      const reopened = ColumnStore.open(fs, 'col');
      const rng = createRandom(seed * 100);
      for (let i = 0; i < 40; i++) {
        const q = randomQuery(rng);
        const a = reopened.query(q);
        const b = row.query(q);
        assert.deepEqual(a.groups, b.groups, `seed ${seed} query ${i}: ${JSON.stringify(q)}`);
        assert.equal(a.rowsMatched, b.rowsMatched);
        assert.ok(a.bytesRead < b.bytesRead, `column read ${a.bytesRead} bytes, rows ${b.bytesRead}`);
      }
      assert.equal(col.rowCount, 3000);
    });
  }

  test('a query reads only the columns it names', () => {
    const fs = new MemoryFileSystem();
    const store = ColumnStore.write(fs, 'col', SCHEMA, randomRows(4, 1000));
    const sizes = new Map(store.describeColumns().map((c) => [c.name, c.sizeBytes]));
    const r = store.query({ groupBy: 'region', aggregates: [{ fn: 'sum', column: 'price' }] });
    assert.equal(r.bytesRead, (sizes.get('region') as number) + (sizes.get('price') as number));
  });

  test('a flipped byte in a column file raises StorageCorruptionError', () => {
    const fs = new MemoryFileSystem();
    ColumnStore.write(fs, 'col', SCHEMA, randomRows(5, 500));
    const bytes = fs.readFile('col/col-1-1.col');
    for (const offset of [0, 9, 13, 30, bytes.length - 1]) {
      const bad = bytes.slice();
      bad[offset] = (bad[offset] as number) ^ 0x40;
      fs.writeFile('col/col-1-1.col', bad);
      assert.throws(
        () => ColumnStore.open(fs, 'col').query({ groupBy: 'region', aggregates: [{ fn: 'count', column: 'region' }] }),
        StorageCorruptionError,
      );
    }
  });
});
