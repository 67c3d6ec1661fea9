/**
 * Built-in tests for exercise "compaction". They load the learner's compaction.ts from
 * DDIA_EXERCISE_DIR. The random test compares the compacted segment with a replay of the whole
 * log into a Map (the definition of "latest value"), for seeded random segments. It reports its
 * seed (seed=N); set DDIA_SEED to replay another.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

interface LogRecord {
  readonly key: string;
  readonly value: string | null;
}

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding compaction.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compactSegments } = require(path.join(exerciseDir, 'compaction.ts')) as {
  compactSegments(segments: readonly (readonly LogRecord[])[]): LogRecord[];
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sim } = require('ddia-labs') as { sim: { replaySeed(): number | undefined } };

const r = (key: string, value: string | null): LogRecord => ({ key, value });

test('the latest value of each key survives', () => {
  const out = compactSegments([
    [r('cat', 'meow'), r('dog', 'woof'), r('cat', 'purr')],
    [r('dog', 'bark'), r('eel', 'zap')],
  ]);
  assert.deepEqual(Object.fromEntries(out.map((x) => [x.key, x.value])), { cat: 'purr', dog: 'bark', eel: 'zap' });
  assert.equal(out.length, 3, 'each key exactly once');
});

test('a tombstone removes the key, even when older segments still hold it', () => {
  const out = compactSegments([[r('cat', 'meow'), r('dog', 'woof')], [r('cat', null)], [r('eel', 'zap')]]);
  assert.deepEqual(out, [r('dog', 'woof'), r('eel', 'zap')]);
  assert.ok(
    out.every((x) => x.value !== null),
    'no tombstones after a full compaction',
  );
});

test('a key written again after its tombstone is alive', () => {
  assert.deepEqual(compactSegments([[r('cat', 'meow')], [r('cat', null), r('cat', 'back')]]), [r('cat', 'back')]);
  assert.deepEqual(compactSegments([[r('cat', 'meow'), r('cat', null)], [r('cat', 'again')]]), [r('cat', 'again')]);
});

test('survivors keep the order in which they were last written', () => {
  const out = compactSegments([[r('a', '1'), r('b', '1'), r('c', '1')], [r('a', '2')], [r('z', '1'), r('b', '2')]]);
  assert.deepEqual(
    out.map((x) => x.key),
    ['c', 'a', 'z', 'b'],
  );
});

test('the input segments are unchanged', () => {
  const segments = [[r('a', '1'), r('a', null)], [r('b', '2')]];
  const copy = JSON.parse(JSON.stringify(segments)) as LogRecord[][];
  assert.deepEqual(compactSegments(segments), [r('b', '2')]);
  assert.deepEqual(segments, copy);
});

test('random segments agree with replaying the log', (t) => {
  const first = sim.replaySeed() ?? 3;
  t.diagnostic(`seed=${first}`);
  let seed = first;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed >>> 8) % n;
  };
  for (let round = 0; round < 50; round++) {
    const segments: LogRecord[][] = Array.from({ length: 1 + next(6) }, () =>
      Array.from({ length: next(30) }, () => r(`k${next(25)}`, next(4) === 0 ? null : `v${next(1000)}`)),
    );
    const model = new Map<string, string | null>();
    for (const s of segments) for (const x of s) model.set(x.key, x.value);
    const out = compactSegments(segments);
    assert.deepEqual(
      new Map(out.map((x) => [x.key, x.value])),
      new Map([...model].filter(([, v]) => v !== null)),
      `round ${round} (seed ${first})`,
    );
    assert.equal(new Set(out.map((x) => x.key)).size, out.length, `round ${round}: a key appears twice (seed ${first})`);
  }
});
