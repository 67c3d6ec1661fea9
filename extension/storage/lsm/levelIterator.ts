/**
 * Iterates a sorted run of non-overlapping tables (a level below L0, or a tier) as one sorted
 * stream, opening each table's iterator only when the scan reaches it, so a short range scan
 * touches only the tables its range overlaps.
 */
import { compareBytes } from './bytes';
import { type KvIterator } from './iterator';

export interface RunTable {
  largest: Uint8Array;
  iterator(): KvIterator;
}

export class LevelIterator implements KvIterator {
  private index = 0;
  private current: KvIterator | null = null;

  constructor(private readonly tables: readonly RunTable[]) {
    this.open(0, null);
  }

  private open(i: number, target: Uint8Array | null): void {
    this.index = i;
    this.current = null;
    while (this.index < this.tables.length) {
      const it = (this.tables[this.index] as RunTable).iterator();
      if (target !== null) it.seek(target);
      if (it.valid()) {
        this.current = it;
        return;
      }
      this.index++;
      target = null;
    }
  }

  valid(): boolean {
    return this.current !== null && this.current.valid();
  }
  key(): Uint8Array {
    return (this.current as KvIterator).key();
  }
  value(): Uint8Array | null {
    return (this.current as KvIterator).value();
  }
  next(): void {
    const c = this.current as KvIterator;
    c.next();
    if (!c.valid()) this.open(this.index + 1, null);
  }
  seek(target: Uint8Array): void {
    // First table whose largest key >= target.
    let lo = 0;
    let hi = this.tables.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBytes((this.tables[mid] as RunTable).largest, target) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.open(lo, target);
  }
}
