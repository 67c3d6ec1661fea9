/**
 * The memtable's ordered map: a skip list (Pugh 1990), as in LevelDB's memtable. Each node gets a
 * random height from an injected PRNG with p = 1/4, so the same seed builds the same shape (the
 * lab can draw it). Values may be `null`, which records a tombstone; an overwrite replaces the
 * node's value in place because a memtable holds only the newest version of each key.
 *
 * The nodes live in one Int32Array, a fixed-size record per node (array of structs) indexed by
 * node number, with node 0 the head and 0 as the null link. A node's links, key prefix and
 * key/value ranges share its record, so a search step or a walk in key order costs one or two
 * cache-line loads per node rather than one per field (a layout of parallel arrays took about
 * seven misses per node on a walk; a flush walks tens of thousands of nodes in random memory
 * order). The collector has no per-entry objects to trace either.
 * A node holds its key and value as ranges of a buffer (usually the write's log record, which
 * holds both) rather than as views of their own; the buffers sit in a table, named in the node
 * by number. Every node also carries the first 30 bits of its key as a small integer (`prefix`). Comparing
 * two prefixes decides most comparisons without touching the key bytes, which saves the loads
 * that make a search through a large skip list slow; equal prefixes fall back to the bytes.
 */
import { type Random } from '../../util/prng';
import { type KvIterator } from './iterator';
import { compareRanges } from '../codec/bytes';

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

/** A node's record: its links first (a search reads the prefix and one link per step), then its data. */
const F_PREFIX = 0;
const F_NEXT = 1;
const F_KBUF = F_NEXT + MAX_HEIGHT;
const F_KOFF = F_KBUF + 1;
const F_KLEN = F_KBUF + 2;
/** -1: a tombstone. */
const F_VBUF = F_KBUF + 3;
const F_VOFF = F_KBUF + 4;
const F_VLEN = F_KBUF + 5;
const F_HEIGHT = F_KBUF + 6;
const STRIDE = F_HEIGHT + 1;

/**
 * A skip list's nodes and buffers, which another thread can walk (`forEachSharedRange`) when
 * both live in shared memory: a background flush reads a full memtable in place instead of
 * the engine copying it out first.
 */
export interface SharedSkipList {
  nodes: Int32Array;
  bufs: Uint8Array[];
}

function newNodes(count: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(count * STRIDE * 4)) : new Int32Array(count * STRIDE);
}

/** Calls `fn` with every entry's ranges in key order (vbuf null: a tombstone), making no views. */
export function forEachSharedRange(
  list: SharedSkipList,
  fn: (kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number) => void,
): void {
  const { nodes, bufs } = list;
  for (let x = nodes[HEAD * STRIDE + F_NEXT] as number; x !== NIL; x = nodes[x * STRIDE + F_NEXT] as number) {
    const base = x * STRIDE;
    const vb = nodes[base + F_VBUF] as number;
    fn(
      bufs[nodes[base + F_KBUF] as number] as Uint8Array,
      nodes[base + F_KOFF] as number,
      nodes[base + F_KLEN] as number,
      vb === -1 ? null : (bufs[vb] as Uint8Array),
      nodes[base + F_VOFF] as number,
      nodes[base + F_VLEN] as number,
    );
  }
}

export class SkipList {
  private readonly sharedMemory: boolean;
  private cap: number;
  /** Node n's field f is nodes[n * STRIDE + f]. */
  private nodes: Int32Array;
  /** The buffers nodes name by number (F_KBUF, F_VBUF). */
  private readonly bufs: Uint8Array[] = [];
  private count = 1;
  private height = 1;
  private readonly prev = new Int32Array(MAX_HEIGHT);

  /**
   * `capacity`: nodes to make room for up front (growing copies every node); `shared`: nodes in
   * a SharedArrayBuffer, so `shared()` can hand the list to another thread.
   */
  constructor(
    private readonly random: Random,
    opts: { capacity?: number; shared?: boolean } = {},
  ) {
    this.sharedMemory = opts.shared ?? false;
    this.cap = Math.max(16, opts.capacity ?? 1024);
    this.nodes = newNodes(this.cap, this.sharedMemory);
    this.nodes[HEAD * STRIDE + F_HEIGHT] = MAX_HEIGHT;
  }

  /**
   * The nodes and buffers for a walk on another thread, if all of them are in shared memory
   * (null otherwise). The list must not change afterwards: the other thread reads it unlocked.
   */
  shared(): SharedSkipList | null {
    if (!this.sharedMemory) return null;
    for (const b of this.bufs) if (!(b.buffer instanceof SharedArrayBuffer)) return null;
    return { nodes: this.nodes, bufs: this.bufs };
  }

  get size(): number {
    return this.count - 1;
  }

  private randomHeight(): number {
    let h = 1;
    while (h < MAX_HEIGHT && this.random.int(4) === 0) h++;
    return h;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const nodes = newNodes(cap, this.sharedMemory);
    nodes.set(this.nodes);
    this.nodes = nodes;
    this.cap = cap;
  }

  /** The number of `buf` in the buffer table; the engine writes many ranges of one record in a row, so the last entry is checked first. */
  private bufferId(buf: Uint8Array): number {
    const bufs = this.bufs;
    const last = bufs.length - 1;
    if (last >= 0 && bufs[last] === buf) return last;
    bufs.push(buf);
    return last + 1;
  }

  /** compareBytes(node n's key, t[toff, toff + tlen)). */
  private compareKey(n: number, t: Uint8Array, toff: number, tlen: number): number {
    const base = n * STRIDE;
    const nodes = this.nodes;
    const a = this.bufs[nodes[base + F_KBUF] as number] as Uint8Array;
    const off = nodes[base + F_KOFF] as number;
    const klen = nodes[base + F_KLEN] as number;
    return compareRanges(a, off, klen, t, toff, tlen);
  }

  /** The first node with key >= target (NIL if none), recording the predecessor at each level in `prev`. */
  private findGreaterOrEqual(t: Uint8Array, toff: number, tlen: number, tp: number): number {
    const nodes = this.nodes;
    const prev = this.prev;
    let x = HEAD;
    for (let level = this.height - 1; level >= 0; level--) {
      for (;;) {
        const nx = nodes[x * STRIDE + F_NEXT + level] as number;
        if (nx === NIL) break;
        const np = nodes[nx * STRIDE + F_PREFIX] as number;
        if (np < tp || (np === tp && this.compareKey(nx, t, toff, tlen) < 0)) x = nx;
        else break;
      }
      prev[level] = x;
    }
    return nodes[x * STRIDE + F_NEXT] as number;
  }

  private matches(n: number, t: Uint8Array, toff: number, tlen: number, tp: number): boolean {
    return n !== NIL && this.nodes[n * STRIDE + F_PREFIX] === tp && this.compareKey(n, t, toff, tlen) === 0;
  }

  /**
   * Inserts or replaces key kbuf[koff, koff + klen) with value vbuf[voff, voff + vlen) (vbuf null:
   * a tombstone). The list keeps the buffers, which must not change afterwards. Returns the
   * previous value's length (0 for a tombstone), or -1 if the key was absent.
   */
  set(kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number): number {
    const tp = keyPrefix(kbuf, koff, klen);
    const found = this.findGreaterOrEqual(kbuf, koff, klen, tp);
    const vb = vbuf === null ? -1 : vbuf === kbuf ? this.bufferId(kbuf) : this.bufferId(vbuf);
    if (this.matches(found, kbuf, koff, klen, tp)) {
      const base = found * STRIDE;
      const nodes = this.nodes;
      const old = nodes[base + F_VBUF] === -1 ? 0 : (nodes[base + F_VLEN] as number);
      nodes[base + F_VBUF] = vb;
      nodes[base + F_VOFF] = voff;
      nodes[base + F_VLEN] = vb === -1 ? 0 : vlen;
      return old;
    }
    const kb = this.bufferId(kbuf);
    const h = this.randomHeight();
    if (h > this.height) {
      for (let level = this.height; level < h; level++) this.prev[level] = HEAD;
      this.height = h;
    }
    if (this.count === this.cap) this.grow();
    const n = this.count++;
    const nodes = this.nodes;
    const base = n * STRIDE;
    nodes[base + F_PREFIX] = tp;
    nodes[base + F_HEIGHT] = h;
    nodes[base + F_KBUF] = kb;
    nodes[base + F_KOFF] = koff;
    nodes[base + F_KLEN] = klen;
    nodes[base + F_VBUF] = vb;
    nodes[base + F_VOFF] = voff;
    nodes[base + F_VLEN] = vb === -1 ? 0 : vlen;
    for (let level = 0; level < h; level++) {
      const p = (this.prev[level] as number) * STRIDE + F_NEXT + level;
      nodes[base + F_NEXT + level] = nodes[p] as number;
      nodes[p] = n;
    }
    return -1;
  }

  /** A fresh copy of the value; `null` if the newest entry is a tombstone; `undefined` if absent. */
  get(key: Uint8Array): Uint8Array | null | undefined {
    const tp = keyPrefix(key);
    const found = this.findGreaterOrEqual(key, 0, key.length, tp);
    if (!this.matches(found, key, 0, key.length, tp)) return undefined;
    const base = found * STRIDE;
    const vb = this.nodes[base + F_VBUF] as number;
    if (vb === -1) return null;
    const off = this.nodes[base + F_VOFF] as number;
    return (this.bufs[vb] as Uint8Array).slice(off, off + (this.nodes[base + F_VLEN] as number));
  }

  /** Node heights in key order, for a renderer that draws the towers. */
  heights(): number[] {
    const out: number[] = [];
    for (let x = this.after(HEAD); x !== NIL; x = this.after(x)) out.push(this.nodes[x * STRIDE + F_HEIGHT] as number);
    return out;
  }

  iterator(): KvIterator {
    return new SkipListIterator(this);
  }

  /** @internal used by the iterator: the first node at or after `target` (NIL: none). */
  firstAtOrAfter(target: Uint8Array | null): number {
    return target === null ? this.after(HEAD) : this.findGreaterOrEqual(target, 0, target.length, keyPrefix(target));
  }

  /** Calls `fn` with every entry's ranges in key order (vbuf null: a tombstone), making no views. */
  forEachRange(fn: (kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number) => void): void {
    forEachSharedRange({ nodes: this.nodes, bufs: this.bufs }, fn);
  }

  /** @internal the node after `n` in key order. */
  after(n: number): number {
    return this.nodes[n * STRIDE + F_NEXT] as number;
  }

  /** @internal node n's key as a view. */
  keyOf(n: number): Uint8Array {
    const base = n * STRIDE;
    const off = this.nodes[base + F_KOFF] as number;
    return (this.bufs[this.nodes[base + F_KBUF] as number] as Uint8Array).subarray(off, off + (this.nodes[base + F_KLEN] as number));
  }

  /** @internal node n's value as a view, or null for a tombstone. */
  valueOf(n: number): Uint8Array | null {
    const base = n * STRIDE;
    const vb = this.nodes[base + F_VBUF] as number;
    if (vb === -1) return null;
    const off = this.nodes[base + F_VOFF] as number;
    return (this.bufs[vb] as Uint8Array).subarray(off, off + (this.nodes[base + F_VLEN] as number));
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
