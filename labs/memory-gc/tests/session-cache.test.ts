/**
 * Built-in tests for exercise "leaky-cache". The exercise is to fix the leak while keeping the
 * behaviour, so every test checks both: the behaviour directly, and that the values the cache let
 * go of can be collected. The leak is checked the way you would check it in production, but
 * deterministically: hold each value only through a WeakRef, force a full garbage collection, and
 * see which values the cache kept reachable.
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

/** The leak check of the behaviour tests: nothing but what the cache still holds stays reachable. */
function assertHeldOnly(alive: number[], held: number[], what: string): void {
  const leaked = alive.filter((id) => !held.includes(id));
  assert.deepEqual(leaked, [], `the behaviour is right, but ${what} still reachable from the cache (sessions ${leaked.join(', ')})`);
}

test('get returns what set stored', async () => {
  const cache = new SessionCache<Session>(3);
  const alive = await survivors((refs) => {
    const [alpha, beta, alpha2] = [new Session(1), new Session(2), new Session(3)];
    refs.push(new WeakRef(alpha), new WeakRef(beta), new WeakRef(alpha2));
    cache.set('a', alpha);
    cache.set('b', beta);
    assert.equal(cache.get('a'), alpha);
    assert.equal(cache.get('zzz'), undefined);
    cache.set('a', alpha2);
    assert.equal(cache.get('a'), alpha2);
    assert.equal(cache.size, 2);
  });
  assertHeldOnly(alive, [2, 3], 'the value a replaced is');
});

test('the least recently used key is evicted', async () => {
  const evicted: string[] = [];
  const cache = new SessionCache<Session>(3, (key) => evicted.push(key));
  const alive = await survivors((refs) => {
    const put = (key: string, id: number): void => {
      const s = new Session(id);
      refs.push(new WeakRef(s));
      cache.set(key, s);
    };
    put('a', 1);
    put('b', 2);
    put('c', 3);
    cache.get('a'); // now b is the least recently used
    put('d', 4);
    assert.deepEqual(evicted, ['b']);
    assert.equal(cache.get('b'), undefined);
    put('c', 30); // replacing refreshes c, so a goes next
    put('e', 5);
    assert.deepEqual(evicted, ['b', 'a']);
    assert.equal(cache.size, 3);
  });
  assertHeldOnly(alive, [4, 5, 30], 'evicted or replaced values are');
});

test('delete removes a key without an eviction callback', async () => {
  const evicted: string[] = [];
  const cache = new SessionCache<Session>(2, (key) => evicted.push(key));
  const alive = await survivors((refs) => {
    const s = new Session(1);
    refs.push(new WeakRef(s));
    cache.set('a', s);
    assert.equal(cache.delete('a'), true);
    assert.equal(cache.delete('a'), false);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0);
    assert.deepEqual(evicted, []);
  });
  assertHeldOnly(alive, [], 'the deleted value is');
});

test('size stays within capacity under a stream of new keys', async () => {
  const cache = new SessionCache<Session>(100);
  const alive = await survivors((refs) => {
    for (let i = 0; i < 5000; i++) {
      const s = new Session(i);
      refs.push(new WeakRef(s));
      cache.set(`s${i}`, s);
      if (i % 3 === 0) cache.get(`s${i - 50}`);
    }
  });
  assert.equal(cache.size, 100);
  // The cache holds 100 sessions, so exactly those 100 may be reachable.
  assert.equal(
    alive.length,
    100,
    `the size is right, but ${alive.length - 100} sessions the cache no longer holds are still reachable from it`,
  );
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
