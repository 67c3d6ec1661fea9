/**
 * Built-in tests for exercise "merge-runs". They load the learner's merge-runs.ts from
 * DDIA_EXERCISE_DIR. The random test builds runs from a seeded generator and compares the merge
 * with a Map that applies the runs oldest first; it reports its seed (seed=N), and DDIA_SEED
 * replays another.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

interface Entry {
  readonly key: string;
  readonly value: string | null;
}
type MergeRuns = (runs: readonly Iterable<Entry>[], opts?: { dropTombstones?: boolean }) => Iterable<Entry>;

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding merge-runs.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mergeRuns } = require(path.join(exerciseDir, 'merge-runs.ts')) as { mergeRuns: MergeRuns };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sim } = require('ddia-labs') as { sim: { replaySeed(): number | undefined } };

const e = (key: string, value: string | null): Entry => ({ key, value });
const merged = (runs: Entry[][], dropTombstones = false): Entry[] => [...mergeRuns(runs, { dropTombstones })];

test('disjoint runs come out in key order', () => {
  assert.deepEqual(
    merged([
      [e('b', '2'), e('d', '4')],
      [e('a', '1'), e('c', '3'), e('e', '5')],
    ]),
    [e('a', '1'), e('b', '2'), e('c', '3'), e('d', '4'), e('e', '5')],
  );
});

test('the newest run wins on equal keys', () => {
  const newest = [e('cat', 'purr'), e('dog', 'woof')];
  const middle = [e('cat', 'meow'), e('eel', 'zap')];
  const oldest = [e('cat', 'hiss'), e('dog', 'grr'), e('eel', 'bzz')];
  assert.deepEqual(merged([newest, middle, oldest]), [e('cat', 'purr'), e('dog', 'woof'), e('eel', 'zap')]);
});

test('tombstones hide older values and are kept by default', () => {
  assert.deepEqual(
    merged([
      [e('a', null), e('c', '3')],
      [e('a', '1'), e('b', '2')],
    ]),
    [e('a', null), e('b', '2'), e('c', '3')],
  );
});

test('dropTombstones removes deleted keys entirely', () => {
  assert.deepEqual(
    merged(
      [
        [e('a', null), e('c', '3')],
        [e('a', '1'), e('b', '2'), e('c', null)],
      ],
      true,
    ),
    [e('b', '2'), e('c', '3')],
  );
  // A tombstone in an older run must not resurrect or hide a newer value.
  assert.deepEqual(merged([[e('x', 'new')], [e('x', null)]], true), [e('x', 'new')]);
});

test('empty runs and no runs are fine', () => {
  assert.deepEqual(merged([]), []);
  assert.deepEqual(merged([[], [e('a', '1')], []]), [e('a', '1')]);
});

/** mulberry32: a tiny seeded generator, so the test is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('fifty random runs agree with a Map model', (t) => {
  const seed = sim.replaySeed() ?? 42;
  t.diagnostic(`seed=${seed}`);
  const rnd = seeded(seed);
  const runs: Entry[][] = [];
  for (let r = 0; r < 50; r++) {
    const keys = new Set<string>();
    const n = Math.floor(rnd() * 40);
    for (let i = 0; i < n; i++) keys.add(`k${String(Math.floor(rnd() * 300)).padStart(3, '0')}`);
    runs.push([...keys].sort().map((k) => e(k, rnd() < 0.2 ? null : `r${r}-${k}`)));
  }
  const model = new Map<string, string | null>();
  for (let r = runs.length - 1; r >= 0; r--) for (const x of runs[r] as Entry[]) model.set(x.key, x.value);
  const expected = [...model].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => e(k, v));
  assert.deepEqual(merged(runs), expected, `merge of the random runs (seed ${seed})`);
  assert.deepEqual(
    merged(runs, true),
    expected.filter((x) => x.value !== null),
    `merge with dropTombstones (seed ${seed})`,
  );
});

test('the merge streams: ten entries pull only a few from each run', () => {
  const k = 8;
  const pulls = new Array<number>(k).fill(0);
  // Each run is endless (keys r0-000000, r0-000001, …): a merge that reads whole runs first never gets to yield.
  function* endless(run: number): Generator<Entry> {
    for (let i = 0; ; i++) {
      pulls[run] = (pulls[run] as number) + 1;
      if ((pulls[run] as number) > 1000) throw new Error('the merge read far ahead: it must keep one pending entry per run');
      yield e(`${String(i).padStart(6, '0')}-r${run}`, `v${run}`);
    }
  }
  const out: Entry[] = [];
  for (const x of mergeRuns(Array.from({ length: k }, (_, r) => endless(r)))) {
    out.push(x);
    if (out.length === 10) break;
  }
  assert.deepEqual(
    out.map((x) => x.key),
    ['000000-r0', '000000-r1', '000000-r2', '000000-r3', '000000-r4', '000000-r5', '000000-r6', '000000-r7', '000001-r0', '000001-r1'],
  );
  assert.ok(
    pulls.every((p) => p <= 3),
    `pulls per run: ${pulls.join(', ')}`,
  );
});
