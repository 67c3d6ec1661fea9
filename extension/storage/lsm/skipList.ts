/**
 * The memtable's ordered map: a skip list (Pugh 1990), as in LevelDB's memtable. Each node gets a
 * random height from an injected PRNG with p = 1/4, so the same seed builds the same shape (the
 * lab can draw it). Values may be `null`, which records a tombstone; an overwrite replaces the
 * node's value in place because a memtable holds only the newest version of each key.
 *
 * The nodes live in parallel typed arrays (struct of arrays) indexed by node number, with node 0
 * the head and 0 as the null link: a search reads links and prefixes from a few dense arrays
 * instead of chasing one object per node, and the collector has no per-entry objects to trace.
 * A node holds its key and value as ranges of a buffer (usually the write's log record, which
 * holds both) rather than as views of their own. Every node also carries the first 30 bits of its key as a small integer (`prefix`). Comparing
 * two prefixes decides most comparisons without touching the key bytes, which saves the loads
 * that make a search through a large skip list slow; equal prefixes fall back to the bytes.
 */
import { type Random } from '../../util/prng';
import { type KvIterator } from './iterator';

const MAX_HEIGHT = 12;
const NIL = 0;
const HEAD = 0;

/**
 * The first 30 bits of the key b[off, off + len) (zero-padded), big-endian, as a non-negative
 * small integer. Bitwise lexicographic order is byte order, and a shorter key pads with zeros,
 * so prefix(a) < prefix(b) implies a < b; equal prefixes say nothing and the bytes decide.
 */
export function keyPrefix(b: Uint8Array, off = 0, len = b.length - off): number {
  if (len >= 4)
    return ((b[off] as number) << 22) | ((b[off + 1] as number) << 14) | ((b[off + 2] as number) << 6) | ((b[off + 3] as number) >>> 2);
  let p = 0;
  for (let i = 0; i < 4; i++) p = (p << 8) | (i < len ? (b[off + i] as number) : 0);
  return p >>> 2;
}

const EMPTY = new Uint8Array(0);

export class SkipList {
  private cap = 1024;
  /** Node n's link at level l is next[n * MAX_HEIGHT + l] (NIL: none). */
  private next: Int32Array = new Int32Array(this.cap * MAX_HEIGHT);
  private prefix: Int32Array = new Int32Array(this.cap);
  private heightOf: Uint8Array = new Uint8Array(this.cap);
  /** Node n's key is kbuf[n][koff[n], koff[n] + klen[n]); its value likewise, vbuf[n] null for a tombstone. */
  private kbuf: Uint8Array[] = [EMPTY];
  private koff: Int32Array = new Int32Array(this.cap);
  private klen: Int32Array = new Int32Array(this.cap);
  private vbuf: (Uint8Array | null)[] = [null];
  private voff: Int32Array = new Int32Array(this.cap);
  private vlen: Int32Array = new Int32Array(this.cap);
  private nodes = 1;
  private height = 1;
  private readonly prev = new Int32Array(MAX_HEIGHT);

  constructor(private readonly random: Random) {
    this.heightOf[HEAD] = MAX_HEIGHT;
  }

  get size(): number {
    return this.nodes - 1;
  }

  private randomHeight(): number {
    let h = 1;
    while (h < MAX_HEIGHT && this.random.int(4) === 0) h++;
    return h;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g32 = (a: Int32Array, n: number): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.next = g32(this.next, cap * MAX_HEIGHT);
    this.prefix = g32(this.prefix, cap);
    this.koff = g32(this.koff, cap);
    this.klen = g32(this.klen, cap);
    this.voff = g32(this.voff, cap);
    this.vlen = g32(this.vlen, cap);
    const h = new Uint8Array(cap);
    h.set(this.heightOf);
    this.heightOf = h;
    this.cap = cap;
  }

  /** compareBytes(node n's key, t[toff, toff + tlen)). */
  private compareKey(n: number, t: Uint8Array, toff: number, tlen: number): number {
    const a = this.kbuf[n] as Uint8Array;
    const off = this.koff[n] as number;
    const klen = this.klen[n] as number;
    const len = Math.min(klen, tlen);
    for (let i = 0; i < len; i++) {
      const d = (a[off + i] as number) - (t[toff + i] as number);
      if (d !== 0) return d;
    }
    return klen - tlen;
  }

  /** The first node with key >= target (NIL if none), recording the predecessor at each level in `prev`. */
  private findGreaterOrEqual(t: Uint8Array, toff: number, tlen: number, tp: number): number {
    const next = this.next;
    const prefix = this.prefix;
    const prev = this.prev;
    let x = HEAD;
    for (let level = this.height - 1; level >= 0; level--) {
      for (;;) {
        const nx = next[x * MAX_HEIGHT + level] as number;
        if (nx === NIL) break;
        const np = prefix[nx] as number;
        if (np < tp || (np === tp && this.compareKey(nx, t, toff, tlen) < 0)) x = nx;
        else break;
      }
      prev[level] = x;
    }
    return next[x * MAX_HEIGHT] as number;
  }

  private matches(n: number, t: Uint8Array, toff: number, tlen: number, tp: number): boolean {
    return n !== NIL && this.prefix[n] === tp && this.compareKey(n, t, toff, tlen) === 0;
  }

  /**
   * Inserts or replaces key kbuf[koff, koff + klen) with value vbuf[voff, voff + vlen) (vbuf null:
   * a tombstone). The list keeps the buffers, which must not change afterwards. Returns the
   * previous value's length (0 for a tombstone), or -1 if the key was absent.
   */
  set(kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number): number {
    const tp = keyPrefix(kbuf, koff, klen);
    const found = this.findGreaterOrEqual(kbuf, koff, klen, tp);
    if (this.matches(found, kbuf, koff, klen, tp)) {
      const old = this.vbuf[found] === null ? 0 : (this.vlen[found] as number);
      this.vbuf[found] = vbuf;
      this.voff[found] = voff;
      this.vlen[found] = vbuf === null ? 0 : vlen;
      return old;
    }
    const h = this.randomHeight();
    if (h > this.height) {
      for (let level = this.height; level < h; level++) this.prev[level] = HEAD;
      this.height = h;
    }
    if (this.nodes === this.cap) this.grow();
    const n = this.nodes++;
    this.prefix[n] = tp;
    this.heightOf[n] = h;
    this.kbuf[n] = kbuf;
    this.koff[n] = koff;
    this.klen[n] = klen;
    this.vbuf[n] = vbuf;
    this.voff[n] = voff;
    this.vlen[n] = vbuf === null ? 0 : vlen;
    const next = this.next;
    for (let level = 0; level < h; level++) {
      const p = this.prev[level] as number;
      next[n * MAX_HEIGHT + level] = next[p * MAX_HEIGHT + level] as number;
      next[p * MAX_HEIGHT + level] = n;
    }
    return -1;
  }

  /** A fresh copy of the value; `null` if the newest entry is a tombstone; `undefined` if absent. */
  get(key: Uint8Array): Uint8Array | null | undefined {
    const tp = keyPrefix(key);
    const found = this.findGreaterOrEqual(key, 0, key.length, tp);
    if (!this.matches(found, key, 0, key.length, tp)) return undefined;
    const v = this.vbuf[found] as Uint8Array | null;
    if (v === null) return null;
    const off = this.voff[found] as number;
    return v.slice(off, off + (this.vlen[found] as number));
  }

  /** Node heights in key order, for a renderer that draws the towers. */
  heights(): number[] {
    const out: number[] = [];
    for (let x = this.next[HEAD] as number; x !== NIL; x = this.next[x * MAX_HEIGHT] as number) out.push(this.heightOf[x] as number);
    return out;
  }

  iterator(): KvIterator {
    return new SkipListIterator(this);
  }

  /** @internal used by the iterator: the first node at or after `target` (NIL: none). */
  firstAtOrAfter(target: Uint8Array | null): number {
    return target === null ? (this.next[HEAD] as number) : this.findGreaterOrEqual(target, 0, target.length, keyPrefix(target));
  }

  /** Calls `fn` with every entry's ranges in key order (vbuf null: a tombstone), making no views. */
  forEachRange(fn: (kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number) => void): void {
    for (let x = this.next[HEAD] as number; x !== NIL; x = this.next[x * MAX_HEIGHT] as number) {
      fn(
        this.kbuf[x] as Uint8Array,
        this.koff[x] as number,
        this.klen[x] as number,
        this.vbuf[x] as Uint8Array | null,
        this.voff[x] as number,
        this.vlen[x] as number,
      );
    }
  }

  /** @internal the node after `n` in key order. */
  after(n: number): number {
    return this.next[n * MAX_HEIGHT] as number;
  }

  /** @internal node n's key as a view. */
  keyOf(n: number): Uint8Array {
    const off = this.koff[n] as number;
    return (this.kbuf[n] as Uint8Array).subarray(off, off + (this.klen[n] as number));
  }

  /** @internal node n's value as a view, or null for a tombstone. */
  valueOf(n: number): Uint8Array | null {
    const v = this.vbuf[n] as Uint8Array | null;
    if (v === null) return null;
    const off = this.voff[n] as number;
    return v.subarray(off, off + (this.vlen[n] as number));
  }
}

class SkipListIterator implements KvIterator {
  private node = NIL;
  /** Views of the current entry, made once per position (a merge asks for the key often). */
  private k: Uint8Array | null = null;
  private v: Uint8Array | null = null;

  constructor(private readonly list: SkipList) {
    this.at(list.firstAtOrAfter(null));
  }

  private at(node: number): void {
    this.node = node;
    this.k = node === NIL ? null : this.list.keyOf(node);
    this.v = node === NIL ? null : this.list.valueOf(node);
  }

  valid(): boolean {
    return this.node !== NIL;
  }
  key(): Uint8Array {
    return this.k as Uint8Array;
  }
  value(): Uint8Array | null {
    return this.v;
  }
  next(): void {
    if (this.node !== NIL) this.at(this.list.after(this.node));
  }
  seek(target: Uint8Array): void {
    this.at(this.list.firstAtOrAfter(target));
  }
}
