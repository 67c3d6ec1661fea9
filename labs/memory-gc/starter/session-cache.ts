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
 * Checked by tests/session-cache.test.ts, which ships with DDIA Labs (each test checks the
 * behaviour and that what the cache let go of can be garbage collected):
 *   - "get returns what set stored"
 *   - "the least recently used key is evicted"
 *   - "delete removes a key without an eviction callback"
 *   - "size stays within capacity under a stream of new keys"
 *   - "evicted values can be garbage collected"
 *   - "replaced and deleted values can be garbage collected"
 */

interface HistoryEntry<V> {
  readonly key: string;
  readonly value: V;
}

export class SessionCache<V> {
  private readonly values = new Map<string, V>();
  /** Every access, oldest first: the recency order the eviction policy walks. */
  private readonly history: HistoryEntry<V>[] = [];
  /** For each held key, the position of its latest entry in `history`. */
  private readonly latest = new Map<string, number>();
  /** Entries before `head` have been dealt with. (Moving an index is O(1); `shift()` is O(n).) */
  private head = 0;

  constructor(
    readonly capacity: number,
    private readonly onEvict: (key: string, value: V) => void = () => {},
  ) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${capacity}`);
  }

  get(key: string): V | undefined {
    const value = this.values.get(key);
    if (value !== undefined) this.touch(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.values.set(key, value);
    this.touch(key, value);
    while (this.values.size > this.capacity) this.evictLeastRecentlyUsed();
  }

  delete(key: string): boolean {
    this.latest.delete(key);
    return this.values.delete(key);
  }

  get size(): number {
    return this.values.size;
  }

  private touch(key: string, value: V): void {
    this.latest.set(key, this.history.length);
    this.history.push({ key, value });
  }

  /** Walks the history from the oldest entry to the first one that is still a key's latest access. */
  private evictLeastRecentlyUsed(): void {
    while (this.head < this.history.length) {
      const at = this.head++;
      const entry = this.history[at] as HistoryEntry<V>;
      if (this.latest.get(entry.key) !== at) continue; // a later access superseded this one
      this.latest.delete(entry.key);
      this.values.delete(entry.key);
      this.onEvict(entry.key, entry.value);
      return;
    }
  }
}
