/**
 * K-way merge of sorted iterators (the heart of reads and compaction, DDIA ch. 3's "mergesort"
 * of segments). Children are given newest first; when several hold the same key, the newest
 * child's entry wins and the older ones are skipped, which is how a newer value or tombstone
 * hides older versions. A binary min-heap ordered by (key, child index) makes each step
 * O(log k).
 */
import { compareBytes } from './bytes';
import { type KvIterator } from './iterator';

export class MergeIterator implements KvIterator {
  private heap: number[] = [];

  constructor(private readonly children: readonly KvIterator[]) {
    this.rebuild();
  }

  private less(a: number, b: number): boolean {
    const c = compareBytes((this.children[a] as KvIterator).key(), (this.children[b] as KvIterator).key());
    return c < 0 || (c === 0 && a < b);
  }

  private rebuild(): void {
    this.heap = [];
    this.children.forEach((c, i) => {
      if (c.valid()) this.heap.push(i);
    });
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l] as number, h[m] as number)) m = l;
      if (r < h.length && this.less(h[r] as number, h[m] as number)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m] as number, h[i] as number];
      i = m;
    }
  }

  private top(): KvIterator {
    return this.children[this.heap[0] as number] as KvIterator;
  }

  /** Advances the top child and restores the heap. */
  private advanceTop(): void {
    const child = this.top();
    child.next();
    if (!child.valid()) {
      const last = this.heap.pop() as number;
      if (this.heap.length === 0) return;
      this.heap[0] = last;
    }
    this.siftDown(0);
  }

  valid(): boolean {
    return this.heap.length > 0;
  }
  key(): Uint8Array {
    return this.top().key();
  }
  value(): Uint8Array | null {
    return this.top().value();
  }
  next(): void {
    // Skip every older copy of the current key, then the current entry itself.
    const key = this.key();
    this.advanceTop();
    while (this.heap.length > 0 && compareBytes(this.top().key(), key) === 0) this.advanceTop();
  }
  seek(target: Uint8Array): void {
    for (const c of this.children) c.seek(target);
    this.rebuild();
  }
}
