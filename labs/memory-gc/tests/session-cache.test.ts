/**
 * Built-in tests for exercise "leaky-cache". Behaviour is checked directly; the leak is checked
 * the way you would check it in production, but deterministically: hold each value only through
 * a WeakRef, force a full garbage collection, and see which values the cache kept reachable.
 * A full GC (V8's `gc()`, exposed for this test process only) is precise, so a value is
 * collected exactly when nothing but WeakRefs point at it.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

interface Cache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): boolean;
  readonly size: number;
}
type CacheClass = new <V>(capacity: number, onEvict?: (key: string, value: V) => void) => Cache<V>;

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding session-cache.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SessionCache } = require(path.join(exerciseDir, 'session-cache.ts')) as { SessionCache: CacheClass };

v8.setFlagsFromString('--expose-gc');
const fullGc = vm.runInNewContext('gc') as () => void;

class Session {
  constructor(
    readonly id: number,
    readonly payload = new Array<number>(64).fill(id),
  ) {}
}

/** Runs `fill` in its own frame so no local variable keeps a value alive, then collects. */
async function survivors(fill: (refs: WeakRef<Session>[]) => void): Promise<number[]> {
  const refs: WeakRef<Session>[] = [];
  fill(refs);
  // WeakRef targets stay alive until the current job ends; let it end before collecting.
  await new Promise((resolve) => setImmediate(resolve));
  fullGc();
  return refs.flatMap((r) => {
    const s = r.deref();
    return s ? [s.id] : [];
  });
}

test('get returns what set stored', () => {
  const cache = new SessionCache<string>(3);
  cache.set('a', 'alpha');
  cache.set('b', 'beta');
  assert.equal(cache.get('a'), 'alpha');
  assert.equal(cache.get('zzz'), undefined);
  cache.set('a', 'ALPHA');
  assert.equal(cache.get('a'), 'ALPHA');
  assert.equal(cache.size, 2);
});

test('the least recently used key is evicted', () => {
  const evicted: string[] = [];
  const cache = new SessionCache<number>(3, (key) => evicted.push(key));
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('c', 3);
  cache.get('a'); // now b is the least recently used
  cache.set('d', 4);
  assert.deepEqual(evicted, ['b']);
  assert.equal(cache.get('b'), undefined);
  cache.set('c', 30); // replacing refreshes c, so a goes next
  cache.set('e', 5);
  assert.deepEqual(evicted, ['b', 'a']);
  assert.equal(cache.size, 3);
});

test('delete removes a key without an eviction callback', () => {
  const evicted: string[] = [];
  const cache = new SessionCache<number>(2, (key) => evicted.push(key));
  cache.set('a', 1);
  assert.equal(cache.delete('a'), true);
  assert.equal(cache.delete('a'), false);
  assert.equal(cache.get('a'), undefined);
  assert.equal(cache.size, 0);
  assert.deepEqual(evicted, []);
});

test('size stays within capacity under a stream of new keys', () => {
  const cache = new SessionCache<number>(100);
  for (let i = 0; i < 5000; i++) {
    cache.set(`s${i}`, i);
    if (i % 3 === 0) cache.get(`s${i - 50}`);
  }
  assert.equal(cache.size, 100);
});

test('evicted values can be garbage collected', async () => {
  const cache = new SessionCache<Session>(10);
  const alive = await survivors((refs) => {
    for (let i = 0; i < 200; i++) {
      const s = new Session(i);
      refs.push(new WeakRef(s));
      cache.set(`s${i}`, s);
      cache.get(`s${i}`);
    }
  });
  assert.equal(cache.size, 10);
  const leaked = alive.filter((id) => id < 190);
  assert.deepEqual(leaked.slice(0, 10), [], `${leaked.length} evicted sessions are still reachable from the cache`);
});

test('replaced and deleted values can be garbage collected', async () => {
  const cache = new SessionCache<Session>(5);
  const alive = await survivors((refs) => {
    for (let i = 0; i < 50; i++) {
      const s = new Session(i);
      refs.push(new WeakRef(s));
      cache.set('only-key', s);
    }
    const d = new Session(1000);
    refs.push(new WeakRef(d));
    cache.set('temporary', d);
    cache.delete('temporary');
  });
  assert.deepEqual(alive, [49], 'only the latest value of only-key should be reachable');
});
