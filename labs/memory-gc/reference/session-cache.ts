/**
 * Exercise "leaky-cache" (lab memory-gc): the session cache of the lab's service. It is meant to
 * hold at most `capacity` sessions, evicting the least recently used one, and it does answer
 * `get` and `set` correctly — yet the service's heap grows without bound while it runs. Find
 * the leak (the lab's heap-snapshot cells point at it) and fix it, keeping the behaviour:
 *
 *   - `set(key, value)` stores or replaces a value; when that makes the cache hold more than
 *     `capacity` keys, the least recently used key is evicted and `onEvict(key, value)` is called;
 *   - `get(key)` returns the value (undefined when absent) and makes the key the most recently used;
 *   - `delete(key)` removes a key without calling `onEvict`;
 *   - `size` is the number of keys held;
 *   - once a value is evicted, deleted or replaced, the cache must not keep it reachable.
 *
 * The fix: the access history was an append-only log holding every value ever accessed. A Map
 * already remembers insertion order, so re-inserting a key on access makes the Map itself the
 * recency list — its first key is the least recently used — and nothing outlives eviction.
 *
 * Checked by tests/session-cache.test.ts, which ships with DDIA Labs.
 */

export class SessionCache<V> {
  /** Keys in recency order: the first is the least recently used. */
  private readonly values = new Map<string, V>();

  constructor(
    readonly capacity: number,
    private readonly onEvict: (key: string, value: V) => void = () => {},
  ) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${capacity}`);
  }

  get(key: string): V | undefined {
    if (!this.values.has(key)) return undefined;
    const value = this.values.get(key) as V;
    // Move the key to the end: most recently used.
    this.values.delete(key);
    this.values.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.values.delete(key);
    this.values.set(key, value);
    while (this.values.size > this.capacity) {
      const victim = this.values.keys().next().value as string;
      const evicted = this.values.get(victim) as V;
      this.values.delete(victim);
      this.onEvict(victim, evicted);
    }
  }

  delete(key: string): boolean {
    return this.values.delete(key);
  }

  get size(): number {
    return this.values.size;
  }
}
