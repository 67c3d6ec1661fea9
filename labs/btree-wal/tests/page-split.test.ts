/**
 * Built-in tests for exercise "page-split". They load the learner's page-split.ts from
 * DDIA_EXERCISE_DIR. The last test inserts shuffled keys through the given BTreeMemory (which
 * calls the learner's splits) and then checks the B-tree invariants on the whole tree; it reports
 * the seed of its shuffle (seed=N), and DDIA_SEED replays another.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

interface LeafPage {
  readonly kind: 'leaf';
  readonly keys: readonly string[];
  readonly values: readonly string[];
}
interface InternalPage {
  readonly kind: 'internal';
  readonly keys: readonly string[];
  readonly children: readonly Page[];
}
type Page = LeafPage | InternalPage;
interface Split<P> {
  readonly left: P;
  readonly right: P;
  readonly separator: string;
}
interface SplitModule {
  splitLeaf(leaf: LeafPage): Split<LeafPage>;
  splitInternal(page: InternalPage): Split<InternalPage>;
  BTreeMemory: new (maxKeys: number) => { root: Page; put(k: string, v: string): void; get(k: string): string | undefined };
}

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding page-split.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const m = require(path.join(exerciseDir, 'page-split.ts')) as SplitModule;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sim } = require('ddia-labs') as { sim: { replaySeed(): number | undefined } };

const leaf = (keys: string[]): LeafPage => ({ kind: 'leaf', keys, values: keys.map((k) => `value of ${k}`) });

test('splitLeaf: lower half left, upper half right, separator = right\u2019s first key', () => {
  const s = m.splitLeaf(leaf(['a', 'b', 'c', 'd', 'e']));
  assert.deepEqual(s.left.keys, ['a', 'b', 'c']);
  assert.deepEqual(s.right.keys, ['d', 'e']);
  assert.equal(s.separator, 'd');
  const even = m.splitLeaf(leaf(['a', 'b', 'c', 'd']));
  assert.deepEqual([even.left.keys, even.right.keys, even.separator], [['a', 'b'], ['c', 'd'], 'c']);
});

test('splitLeaf: values travel with their keys, the input is unchanged', () => {
  const input = leaf(['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7']);
  const copy = JSON.parse(JSON.stringify(input)) as LeafPage;
  const s = m.splitLeaf(input);
  for (const half of [s.left, s.right]) half.keys.forEach((k, i) => assert.equal(half.values[i], `value of ${k}`));
  assert.equal(s.left.kind, 'leaf');
  assert.equal(s.right.kind, 'leaf');
  assert.deepEqual(input, copy);
});

function internal(keys: string[]): InternalPage {
  return { kind: 'internal', keys, children: Array.from({ length: keys.length + 1 }, (_, i) => leaf([`child${i}`])) };
}

test('splitInternal: the middle key moves up and is in neither half', () => {
  const s = m.splitInternal(internal(['b', 'd', 'f', 'h', 'j']));
  assert.equal(s.separator, 'f');
  assert.deepEqual(s.left.keys, ['b', 'd']);
  assert.deepEqual(s.right.keys, ['h', 'j']);
  const even = m.splitInternal(internal(['b', 'd', 'f', 'h']));
  assert.deepEqual([even.left.keys, even.separator, even.right.keys], [['b', 'd'], 'f', ['h']]);
});

test('splitInternal: each half has one more child than keys', () => {
  const input = internal(['b', 'd', 'f', 'h', 'j']);
  const s = m.splitInternal(input);
  assert.equal(s.left.children.length, s.left.keys.length + 1);
  assert.equal(s.right.children.length, s.right.keys.length + 1);
  assert.deepEqual([...s.left.children, ...s.right.children], input.children, 'every child in order, none lost or repeated');
  assert.equal(input.keys.length, 5, 'the input is unchanged');
});

/** mulberry32, so the shuffled order is the same on every run. */
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

test('2 000 shuffled inserts keep every B-tree invariant', (t) => {
  const seed = sim.replaySeed() ?? 11;
  t.diagnostic(`seed=${seed}`);
  const rnd = seeded(seed);
  const keys = Array.from({ length: 2000 }, (_, i) => `key${String(i).padStart(5, '0')}`);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  }
  const maxKeys = 6;
  const tree = new m.BTreeMemory(maxKeys);
  for (const k of keys) tree.put(k, `v-${k}`);
  const leafDepths = new Set<number>();
  const inOrder: string[] = [];
  // Walks the tree checking that each page's keys are sorted, within its parent's bounds, not over-full, and (except the root) at least half full.
  const walk = (p: Page, depth: number, lo: string | null, hi: string | null, isRoot: boolean): void => {
    assert.ok(p.keys.length <= maxKeys, `a page holds ${p.keys.length} keys > ${maxKeys}`);
    if (!isRoot) assert.ok(p.keys.length >= Math.floor(maxKeys / 2), `a non-root page holds only ${p.keys.length} keys`);
    for (let i = 1; i < p.keys.length; i++) assert.ok((p.keys[i - 1] as string) < (p.keys[i] as string), 'keys of a page must be sorted');
    for (const k of p.keys)
      assert.ok((lo === null || k >= lo) && (hi === null || k < hi), `key ${k} outside its parent's range [${lo}, ${hi})`);
    if (p.kind === 'leaf') {
      leafDepths.add(depth);
      inOrder.push(...p.keys);
      return;
    }
    assert.equal(p.children.length, p.keys.length + 1);
    p.children.forEach((c, i) =>
      walk(c, depth + 1, i === 0 ? lo : (p.keys[i - 1] as string), i === p.keys.length ? hi : (p.keys[i] as string), false),
    );
  };
  walk(tree.root, 0, null, null, true);
  assert.equal(leafDepths.size, 1, `all leaves must be at the same depth (seed ${seed})`);
  assert.deepEqual(inOrder, [...keys].sort(), `the leaves, left to right, hold every key in order (seed ${seed})`);
  for (const k of keys) assert.equal(tree.get(k), `v-${k}`, `get(${k}) (seed ${seed})`);
});
