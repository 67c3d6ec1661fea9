/**
 * The memtable's ordered map: a skip list (Pugh 1990), as in LevelDB's memtable. Each node gets a
 * random height from an injected PRNG with p = 1/4, so the same seed builds the same shape (the
 * lab can draw it). Values may be `null`, which records a tombstone; an overwrite replaces the
 * node's value in place because a memtable holds only the newest version of each key.
 *
 * Every node also carries the first 30 bits of its key as a small integer (`prefix`). Comparing
 * two prefixes decides most comparisons without touching the key bytes, which saves the loads
 * that make a search through a large skip list slow; equal prefixes fall back to the bytes.
 */
import { type Random } from '../../util/prng';
import { compareBytes } from './bytes';
import { type KvIterator } from './iterator';

const MAX_HEIGHT = 12;

interface SkipNode {
  key: Uint8Array;
  value: Uint8Array | null;
  /** `keyPrefix(key)`: orders like the key wherever two prefixes differ. */
  prefix: number;
  next: (SkipNode | null)[];
}

/**
 * The first 30 bits of `key` (zero-padded), big-endian, as a non-negative small integer. Bitwise
 * lexicographic order is byte order, and a shorter key pads with zeros, so prefix(a) < prefix(b)
 * implies a < b; equal prefixes say nothing and the bytes decide.
 */
export function keyPrefix(key: Uint8Array): number {
  const n = key.length;
  if (n >= 4) return ((key[0] as number) << 22) | ((key[1] as number) << 14) | ((key[2] as number) << 6) | ((key[3] as number) >>> 2);
  let p = 0;
  for (let i = 0; i < 4; i++) p = (p << 8) | (i < n ? (key[i] as number) : 0);
  return p >>> 2;
}

export class SkipList {
  private readonly head: SkipNode = {
    key: new Uint8Array(0),
    value: null,
    prefix: 0,
    next: new Array<SkipNode | null>(MAX_HEIGHT).fill(null),
  };
  private height = 1;
  private count = 0;
  private readonly prev: SkipNode[] = new Array<SkipNode>(MAX_HEIGHT).fill(this.head);

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
  private findGreaterOrEqual(target: Uint8Array, tp: number): SkipNode | null {
    let x = this.head;
    const prev = this.prev;
    for (let level = this.height - 1; level >= 0; level--) {
      for (;;) {
        const nxt = x.next[level] as SkipNode | null;
        if (nxt === null) break;
        const np = nxt.prefix;
        if (np < tp || (np === tp && compareBytes(nxt.key, target) < 0)) x = nxt;
        else break;
      }
      prev[level] = x;
    }
    return x.next[0] as SkipNode | null;
  }

  /** Inserts or replaces; returns the previous value (undefined if the key was absent). */
  set(key: Uint8Array, value: Uint8Array | null): Uint8Array | null | undefined {
    const tp = keyPrefix(key);
    const found = this.findGreaterOrEqual(key, tp);
    if (found !== null && found.prefix === tp && compareBytes(found.key, key) === 0) {
      const old = found.value;
      found.value = value;
      return old;
    }
    const h = this.randomHeight();
    if (h > this.height) {
      for (let level = this.height; level < h; level++) this.prev[level] = this.head;
      this.height = h;
    }
    const next = new Array<SkipNode | null>(h);
    const node: SkipNode = { key, value, prefix: tp, next };
    for (let level = 0; level < h; level++) {
      const p = this.prev[level] as SkipNode;
      next[level] = p.next[level] as SkipNode | null;
      p.next[level] = node;
    }
    this.count++;
    return undefined;
  }

  /** `undefined` if absent; `null` if the newest entry is a tombstone. */
  get(key: Uint8Array): Uint8Array | null | undefined {
    const tp = keyPrefix(key);
    const found = this.findGreaterOrEqual(key, tp);
    if (found !== null && found.prefix === tp && compareBytes(found.key, key) === 0) return found.value;
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
    return target === null ? (this.head.next[0] ?? null) : this.findGreaterOrEqual(target, keyPrefix(target));
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
