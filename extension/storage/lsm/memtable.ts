/**
 * The memtable: the newest writes, in key order, before they are flushed to a sorted table.
 * Tracks an approximate byte size (key + value + per-entry overhead) so the engine knows when
 * to flush.
 *
 * Most point reads miss the memtable, so a small two-probe bit filter over its keys (hashed like
 * the tables' bloom filters, so a read hashes once for all) answers "not here" without walking
 * the skip list, as RocksDB's memtable bloom filter does. It has no false negatives: a "maybe"
 * falls through to the skip list, which alone decides.
 */
import { type Random } from '../../util/prng';
import { type KvIterator } from './iterator';
import { murmur3Range, SEED_1 } from './bloomFilter';
import { SkipList } from './skipList';

/** A rough per-entry cost of the skip-list node, so many tiny entries still trigger a flush. */
const ENTRY_OVERHEAD_BYTES = 16;

/** The second probe of the memtable filter, derived from the first hash (see the header). */
function secondProbe(h1: number): number {
  return Math.imul((h1 >>> 15) | (h1 << 17), 0x85ebca6b) >>> 0;
}

export class Memtable {
  private readonly list: SkipList;
  private bytes = 0;
  private readonly filter: Uint32Array;
  private readonly filterMask: number;

  /** `capacityBytes`: the flush threshold, which sizes the filter (one bit per byte: at least 17 bits per key, since an entry costs 17 bytes or more). */
  constructor(random: Random, capacityBytes = 64 * 1024) {
    this.list = new SkipList(random);
    let bits = 1024;
    while (bits < capacityBytes && bits < 2 ** 28) bits *= 2;
    this.filter = new Uint32Array(bits >>> 5);
    this.filterMask = bits - 1;
  }

  /** False: the key is certainly not here. `h1` is `bloomKeyHashes(key).h1`. */
  mayContain(h1: number): boolean {
    const a = h1 & this.filterMask;
    const b = secondProbe(h1) & this.filterMask;
    const f = this.filter;
    return ((f[a >>> 5] as number) & (1 << (a & 31))) !== 0 && ((f[b >>> 5] as number) & (1 << (b & 31))) !== 0;
  }

  get approximateBytes(): number {
    return this.bytes;
  }

  get entryCount(): number {
    return this.list.size;
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.putRange(key, 0, key.length, value, 0, value.length);
  }

  delete(key: Uint8Array): void {
    this.putRange(key, 0, key.length, null, 0, 0);
  }

  /**
   * Key kbuf[koff, koff + klen) now maps to vbuf[voff, voff + vlen), or to a tombstone if vbuf is
   * null. Keeps the buffers (a write's log record), which must not change afterwards.
   */
  putRange(kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number): void {
    const h1 = murmur3Range(kbuf, koff, klen, SEED_1);
    const a = h1 & this.filterMask;
    const b = secondProbe(h1) & this.filterMask;
    const f = this.filter;
    f[a >>> 5] = (f[a >>> 5] as number) | (1 << (a & 31));
    f[b >>> 5] = (f[b >>> 5] as number) | (1 << (b & 31));
    const old = this.list.set(kbuf, koff, klen, vbuf, voff, vlen);
    if (old < 0) this.bytes += klen + ENTRY_OVERHEAD_BYTES;
    else this.bytes -= old;
    if (vbuf !== null) this.bytes += vlen;
  }

  /** A fresh copy of the value; `null`: deleted here (stop looking); `undefined`: not here. */
  get(key: Uint8Array): Uint8Array | null | undefined {
    return this.list.get(key);
  }

  /** Every entry's key and value ranges in key order (see `SkipList.forEachRange`), for a flush. */
  forEachRange(fn: (kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number) => void): void {
    this.list.forEachRange(fn);
  }

  iterator(): KvIterator {
    return this.list.iterator();
  }

  heights(): number[] {
    return this.list.heights();
  }
}
