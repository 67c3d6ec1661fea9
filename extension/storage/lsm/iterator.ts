/**
 * The one iterator shape every LSM source implements (memtable, block, table, level, merge).
 * `value()` is `null` for a tombstone: a deletion that must hide older values until compaction
 * reaches the bottom level and can drop it.
 */
export interface KvIterator {
  valid(): boolean;
  key(): Uint8Array;
  value(): Uint8Array | null;
  next(): void;
  /** Positions at the first entry with key >= target. */
  seek(target: Uint8Array): void;
}

export interface KvEntry {
  key: Uint8Array;
  value: Uint8Array | null;
}

/** Drains an iterator into entries (tests, small scans). */
export function collectEntries(it: KvIterator, limit = Infinity): KvEntry[] {
  const out: KvEntry[] = [];
  while (it.valid() && out.length < limit) {
    out.push({ key: it.key(), value: it.value() });
    it.next();
  }
  return out;
}
