/**
 * The memtable's ordered map: a skip list (Pugh 1990), as in LevelDB's memtable. Each node gets a
 * random height from an injected PRNG with p = 1/4, so the same seed builds the same shape (the
 * lab can draw it). Values may be `null`, which records a tombstone; an overwrite replaces the
 * node's value in place because a memtable holds only the newest version of each key.
 */
import { type Random } from '../../util/prng';
import { compareBytes } from './bytes';
import { type KvIterator } from './iterator';

const MAX_HEIGHT = 12;

interface SkipNode {
  key: Uint8Array;
  value: Uint8Array | null;
  next: (SkipNode | null)[];
}

export class SkipList {
  private readonly head: SkipNode = { key: new Uint8Array(0), value: null, next: new Array<SkipNode | null>(MAX_HEIGHT).fill(null) };
  private height = 1;
  private count = 0;
  private readonly prev: SkipNode[] = new Array<SkipNode>(MAX_HEIGHT);

  constructor(private readonly random: Random) {}

  get size(): number {
    return this.count;
  }

  private randomHeight(): number {
    let h = 1;
    while (h < MAX_HEIGHT && this.random.int(4) === 0) h++;
    return h;
  }

  /** The first node with key >= target, recording the predecessor at each level in `prev`. */
  private findGreaterOrEqual(target: Uint8Array): SkipNode | null {
    let x = this.head;
    for (let level = this.height - 1; level >= 0; level--) {
      for (;;) {
        const nxt = x.next[level] ?? null;
        if (nxt !== null && compareBytes(nxt.key, target) < 0) x = nxt;
        else break;
      }
      this.prev[level] = x;
    }
    return x.next[0] ?? null;
  }

  /** Inserts or replaces; returns the previous value (undefined if the key was absent). */
  set(key: Uint8Array, value: Uint8Array | null): Uint8Array | null | undefined {
    const found = this.findGreaterOrEqual(key);
    if (found !== null && compareBytes(found.key, key) === 0) {
      const old = found.value;
      found.value = value;
      return old;
    }
    const h = this.randomHeight();
    if (h > this.height) {
      for (let level = this.height; level < h; level++) this.prev[level] = this.head;
      this.height = h;
    }
    const node: SkipNode = { key, value, next: new Array<SkipNode | null>(h) };
    for (let level = 0; level < h; level++) {
      const p = this.prev[level] as SkipNode;
      node.next[level] = p.next[level] ?? null;
      p.next[level] = node;
    }
    this.count++;
    return undefined;
  }

  /** `undefined` if absent; `null` if the newest entry is a tombstone. */
  get(key: Uint8Array): Uint8Array | null | undefined {
    const found = this.findGreaterOrEqual(key);
    if (found !== null && compareBytes(found.key, key) === 0) return found.value;
    return undefined;
  }

  /** Node heights in key order, for a renderer that draws the towers. */
  heights(): number[] {
    const out: number[] = [];
    for (let x = this.head.next[0] ?? null; x !== null; x = x.next[0] ?? null) out.push(x.next.length);
    return out;
  }

  iterator(): KvIterator {
    return new SkipListIterator(this);
  }

  /** @internal used by the iterator. */
  firstAtOrAfter(target: Uint8Array | null): SkipNode | null {
    return target === null ? (this.head.next[0] ?? null) : this.findGreaterOrEqual(target);
  }
}

class SkipListIterator implements KvIterator {
  private node: SkipNode | null;

  constructor(private readonly list: SkipList) {
    this.node = list.firstAtOrAfter(null);
  }

  valid(): boolean {
    return this.node !== null;
  }
  key(): Uint8Array {
    return (this.node as SkipNode).key;
  }
  value(): Uint8Array | null {
    return (this.node as SkipNode).value;
  }
  next(): void {
    this.node = this.node?.next[0] ?? null;
  }
  seek(target: Uint8Array): void {
    this.node = this.list.firstAtOrAfter(target);
  }
}
