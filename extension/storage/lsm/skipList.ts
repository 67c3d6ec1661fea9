/**
 * The memtable's ordered map: a skip list (Pugh 1990), as in LevelDB's memtable. Each node gets a
 * random height from an injected PRNG with p = 1/4, so the same seed builds the same shape (the
 * lab can draw it). Values may be `null`, which records a tombstone; an overwrite replaces the
 * node's value in place because a memtable holds only the newest version of each key.
 *
 * A node holds its key and value as ranges of a buffer (usually the write's log record, which
 * holds both) rather than as views of their own: two fewer objects per entry for the garbage
 * collector to copy while the memtable lives. Every node also carries the first 30 bits of its key as a small integer (`prefix`). Comparing
 * two prefixes decides most comparisons without touching the key bytes, which saves the loads
 * that make a search through a large skip list slow; equal prefixes fall back to the bytes.
 */
import { type Random } from '../../util/prng';
import { type KvIterator } from './iterator';

const MAX_HEIGHT = 12;

interface SkipNode {
  /** The key is kbuf[koff, koff + klen). */
  kbuf: Uint8Array;
  koff: number;
  klen: number;
  /** The value is vbuf[voff, voff + vlen); vbuf null marks a tombstone. */
  vbuf: Uint8Array | null;
  voff: number;
  vlen: number;
  /** `keyPrefix(key)`: orders like the key wherever two prefixes differ. */
  prefix: number;
  next: (SkipNode | null)[];
}

/**
 * The first 30 bits of `key` (zero-padded), big-endian, as a non-negative small integer. Bitwise
 * lexicographic order is byte order, and a shorter key pads with zeros, so prefix(a) < prefix(b)
 * implies a < b; equal prefixes say nothing and the bytes decide.
 */
export function keyPrefix(b: Uint8Array, off = 0, len = b.length - off): number {
  if (len >= 4)
    return ((b[off] as number) << 22) | ((b[off + 1] as number) << 14) | ((b[off + 2] as number) << 6) | ((b[off + 3] as number) >>> 2);
  let p = 0;
  for (let i = 0; i < 4; i++) p = (p << 8) | (i < len ? (b[off + i] as number) : 0);
  return p >>> 2;
}

/** compareBytes(node's key, t[toff, toff + tlen)). */
function compareNodeKey(n: SkipNode, t: Uint8Array, toff: number, tlen: number): number {
  const a = n.kbuf;
  const off = n.koff;
  const len = Math.min(n.klen, tlen);
  for (let i = 0; i < len; i++) {
    const d = (a[off + i] as number) - (t[toff + i] as number);
    if (d !== 0) return d;
  }
  return n.klen - tlen;
}

function nodeKey(n: SkipNode): Uint8Array {
  return n.kbuf.subarray(n.koff, n.koff + n.klen);
}

function nodeValue(n: SkipNode): Uint8Array | null {
  return n.vbuf === null ? null : n.vbuf.subarray(n.voff, n.voff + n.vlen);
}

export class SkipList {
  private readonly head: SkipNode = {
    kbuf: new Uint8Array(0),
    koff: 0,
    klen: 0,
    vbuf: null,
    voff: 0,
    vlen: 0,
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
  private findGreaterOrEqual(t: Uint8Array, toff: number, tlen: number, tp: number): SkipNode | null {
    let x = this.head;
    const prev = this.prev;
    for (let level = this.height - 1; level >= 0; level--) {
      for (;;) {
        const nxt = x.next[level] as SkipNode | null;
        if (nxt === null) break;
        const np = nxt.prefix;
        if (np < tp || (np === tp && compareNodeKey(nxt, t, toff, tlen) < 0)) x = nxt;
        else break;
      }
      prev[level] = x;
    }
    return x.next[0] as SkipNode | null;
  }

  /**
   * Inserts or replaces key kbuf[koff, koff + klen) with value vbuf[voff, voff + vlen) (vbuf null:
   * a tombstone). The list keeps the buffers, which must not change afterwards. Returns the
   * previous value's length (0 for a tombstone), or -1 if the key was absent.
   */
  set(kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number): number {
    const tp = keyPrefix(kbuf, koff, klen);
    const found = this.findGreaterOrEqual(kbuf, koff, klen, tp);
    if (found !== null && found.prefix === tp && compareNodeKey(found, kbuf, koff, klen) === 0) {
      const old = found.vbuf === null ? 0 : found.vlen;
      found.vbuf = vbuf;
      found.voff = voff;
      found.vlen = vbuf === null ? 0 : vlen;
      return old;
    }
    const h = this.randomHeight();
    if (h > this.height) {
      for (let level = this.height; level < h; level++) this.prev[level] = this.head;
      this.height = h;
    }
    const next = new Array<SkipNode | null>(h);
    const node: SkipNode = { kbuf, koff, klen, vbuf, voff, vlen: vbuf === null ? 0 : vlen, prefix: tp, next };
    for (let level = 0; level < h; level++) {
      const p = this.prev[level] as SkipNode;
      next[level] = p.next[level] as SkipNode | null;
      p.next[level] = node;
    }
    this.count++;
    return -1;
  }

  /** A fresh copy of the value; `null` if the newest entry is a tombstone; `undefined` if absent. */
  get(key: Uint8Array): Uint8Array | null | undefined {
    const tp = keyPrefix(key);
    const found = this.findGreaterOrEqual(key, 0, key.length, tp);
    if (found !== null && found.prefix === tp && compareNodeKey(found, key, 0, key.length) === 0) {
      return found.vbuf === null ? null : found.vbuf.slice(found.voff, found.voff + found.vlen);
    }
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
    return target === null ? (this.head.next[0] ?? null) : this.findGreaterOrEqual(target, 0, target.length, keyPrefix(target));
  }
}

class SkipListIterator implements KvIterator {
  private node: SkipNode | null = null;
  /** Views of the current entry, made once per position (a merge asks for the key often). */
  private k: Uint8Array | null = null;
  private v: Uint8Array | null = null;

  constructor(private readonly list: SkipList) {
    this.at(list.firstAtOrAfter(null));
  }

  private at(node: SkipNode | null): void {
    this.node = node;
    this.k = node === null ? null : nodeKey(node);
    this.v = node === null ? null : nodeValue(node);
  }

  valid(): boolean {
    return this.node !== null;
  }
  key(): Uint8Array {
    return this.k as Uint8Array;
  }
  value(): Uint8Array | null {
    return this.v;
  }
  next(): void {
    this.at(this.node?.next[0] ?? null);
  }
  seek(target: Uint8Array): void {
    this.at(this.list.firstAtOrAfter(target));
  }
}
