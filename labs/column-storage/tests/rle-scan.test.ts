/**
 * Built-in tests for exercise "rle-scan". They load the learner's rle-scan.ts from
 * DDIA_EXERCISE_DIR. The round-trip and sum tests use seeded columns with long and short runs and
 * compare with a plain row-by-row computation; they report their seed (seed=N), and DDIA_SEED
 * replays another.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

type Cell = string | number;
interface Run<T extends Cell = Cell> {
  readonly value: T;
  readonly length: number;
}
interface RleModule {
  rleEncode<T extends Cell>(values: readonly T[]): Run<T>[];
  rleDecode<T extends Cell>(runs: readonly Run<T>[]): T[];
  sumWhereEquals<T extends Cell>(filter: readonly Run<T>[], equals: T, amounts: Float64Array): number;
}

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding rle-scan.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const m = require(path.join(exerciseDir, 'rle-scan.ts')) as RleModule;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sim } = require('ddia-labs') as { sim: { replaySeed(): number | undefined } };

const plainRuns = (runs: readonly Run[]) => runs.map((r) => ({ value: r.value, length: r.length }));

function seededColumn(seed: number, rows: number): string[] {
  let s = seed;
  const next = (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % n;
  };
  const regions = ['eu', 'us', 'asia', 'africa'];
  const out: string[] = [];
  while (out.length < rows) {
    const region = regions[next(regions.length)] as string;
    const length = next(3) === 0 ? 1 + next(3) : 20 + next(200);
    for (let i = 0; i < length && out.length < rows; i++) out.push(region);
  }
  return out;
}

test('rleEncode: consecutive equal values become one run', () => {
  assert.deepEqual(plainRuns(m.rleEncode(['a', 'a', 'a', 'b', 'b', 'c'])), [
    { value: 'a', length: 3 },
    { value: 'b', length: 2 },
    { value: 'c', length: 1 },
  ]);
  assert.deepEqual(plainRuns(m.rleEncode([7, 7, 7, 7])), [{ value: 7, length: 4 }]);
});

test('rleEncode: equal values that are not adjacent stay separate runs', () => {
  assert.deepEqual(plainRuns(m.rleEncode(['eu', 'us', 'eu', 'eu'])), [
    { value: 'eu', length: 1 },
    { value: 'us', length: 1 },
    { value: 'eu', length: 2 },
  ]);
  assert.deepEqual(plainRuns(m.rleEncode([1, '1', 1])).length, 3, "1 and '1' are different values");
});

test('rleDecode inverts rleEncode', (t) => {
  const seed = sim.replaySeed() ?? 8;
  t.diagnostic(`seed=${seed}`);
  const col = seededColumn(seed, 5000);
  const runs = m.rleEncode(col);
  assert.ok(runs.length < col.length / 5, `${runs.length} runs for ${col.length} clustered rows: runs should be long (seed ${seed})`);
  assert.ok(
    runs.every((r) => r.length >= 1),
    `every run is at least one row long (seed ${seed})`,
  );
  assert.deepEqual(m.rleDecode(runs), col, `decoding gives the column back (seed ${seed})`);
});

test('an empty column has no runs', () => {
  assert.deepEqual(m.rleEncode([]), []);
  assert.deepEqual(m.rleDecode([]), []);
  assert.equal(m.sumWhereEquals([], 'eu', new Float64Array(0)), 0);
});

test('sumWhereEquals adds exactly the rows whose filter value matches', (t) => {
  // The seed reported is the one DDIA_SEED takes; this test's column is drawn from seed + 13.
  const seed = sim.replaySeed() ?? 8;
  t.diagnostic(`seed=${seed}`);
  assert.equal(
    m.sumWhereEquals(
      [
        { value: 'eu', length: 2 },
        { value: 'us', length: 1 },
        { value: 'eu', length: 1 },
      ],
      'eu',
      new Float64Array([1, 2, 40, 8]),
    ),
    11,
  );
  const col = seededColumn(seed + 13, 20_000);
  const amounts = Float64Array.from({ length: col.length }, (_, i) => (i * 37) % 101);
  const runs = m.rleEncode(col);
  for (const region of ['eu', 'us', 'asia', 'africa', 'nowhere']) {
    let expected = 0;
    col.forEach((v, i) => {
      if (v === region) expected += amounts[i] as number;
    });
    assert.equal(m.sumWhereEquals(runs, region, amounts), expected, `${region} (seed ${seed})`);
  }
});

test('sumWhereEquals rejects columns of different lengths', () => {
  assert.throws(() => m.sumWhereEquals([{ value: 'eu', length: 3 }], 'eu', new Float64Array(4)), RangeError);
  assert.throws(() => m.sumWhereEquals([{ value: 'eu', length: 5 }], 'us', new Float64Array(4)), RangeError);
});
