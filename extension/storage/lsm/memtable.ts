/**
 * The memtable: the newest writes, in key order, before they are flushed to a sorted table.
 * Tracks an approximate byte size (key + value + per-entry overhead) so the engine knows when
 * to flush.
 *
 * Most point reads miss the memtable, so a small two-probe bit filter over its keys (hashed like
 * the tables' bloom filters, so a read hashes once for all) answers "not here" without walking
 * the skip list, as RocksDB's memtable bloom filter does. It has no false negatives: a "maybe"
 * falls through to the skip list, which alone decides.
 *
 * The bytes live in an arena of large chunks (LevelDB's memtable has one too): the engine encodes
 * each write's log record straight into it (`reserve`) and the skip list keeps ranges of the
 * record, so a write allocates nothing of its own and copies each key and value once. With
 * `shared`, chunks and skip-list nodes are SharedArrayBuffers and `shared()` hands the whole
 * memtable to a background flush on another thread with no copy at all.
 */
import { type Random } from '../../util/prng';
import { type KvIterator } from './iterator';
import { murmur3Range, SEED_1 } from './bloomFilter';
import { type SharedSkipList, SkipList } from './skipList';

/** A rough per-entry cost of the skip-list node, so many tiny entries still trigger a flush. */
const ENTRY_OVERHEAD_BYTES = 16;

/** The second probe of the memtable filter, derived from the first hash (see the header). */
function secondProbe(h1: number): number {
  return Math.imul((h1 >>> 15) | (h1 << 17), 0x85ebca6b) >>> 0;
}

/** Arena chunk size bounds; a reservation over a quarter of a chunk gets a chunk of its own (as in LevelDB's arena), so little is wasted at chunk ends. */
const MIN_CHUNK_BYTES = 4 * 1024;
const MAX_CHUNK_BYTES = 1024 * 1024;

export class Memtable {
  private readonly list: SkipList;
  private bytes = 0;
  private readonly filter: Uint32Array;
  private readonly filterMask: number;
  private readonly shareable: boolean;
  private readonly chunkBytes: number;
  private chunk: Uint8Array = new Uint8Array(0);
  private chunkUsed = 0;
  /** Where the last `reserve` starts in the buffer it returned. */
  reservedOffset = 0;

  /**
   * `capacityBytes`: the flush threshold, which sizes the filter (one bit per byte: at least 17
   * bits per key, since an entry costs 17 bytes or more), the arena chunks and the skip list's
   * first allocation; `shared`: keep everything in shared memory (see the header).
   */
  constructor(random: Random, capacityBytes = 64 * 1024, shared = false) {
    this.shareable = shared;
    // About one node per 128 bytes of capacity: a typical memtable never regrows its node array.
    this.list = new SkipList(random, { capacity: Math.min(1 << 20, Math.max(64, capacityBytes >>> 7)), shared });
    let bits = 1024;
    while (bits < capacityBytes && bits < 2 ** 28) bits *= 2;
    this.filter = new Uint32Array(bits >>> 5);
    this.filterMask = bits - 1;
    let chunk = MIN_CHUNK_BYTES;
    while (chunk < capacityBytes >>> 2 && chunk < MAX_CHUNK_BYTES) chunk *= 2;
    this.chunkBytes = chunk;
  }

  private newChunk(size: number): Uint8Array {
    return this.shareable ? new Uint8Array(new SharedArrayBuffer(size)) : new Uint8Array(size);
  }

  /**
   * Room for `size` bytes that the memtable keeps for good: returns the buffer, with the room
   * at `reservedOffset`. The caller fills it, then adds entries naming ranges of it (`putRange`).
   */
  reserve(size: number): Uint8Array {
    if (size > this.chunkBytes >>> 2) {
      this.reservedOffset = 0;
      return this.newChunk(size);
    }
    if (this.chunkUsed + size > this.chunk.length) {
      this.chunk = this.newChunk(this.chunkBytes);
      this.chunkUsed = 0;
    }
    this.reservedOffset = this.chunkUsed;
    this.chunkUsed += size;
    return this.chunk;
  }

  /** The skip list for a flush on another thread, or null unless every byte is in shared memory. Nothing may be added afterwards. */
  shared(): SharedSkipList | null {
    return this.list.shared();
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

  /** Copies key and value into the arena (the caller may reuse its buffers). */
  put(key: Uint8Array, value: Uint8Array): void {
    const buf = this.reserve(key.length + value.length);
    const at = this.reservedOffset;
    buf.set(key, at);
    buf.set(value, at + key.length);
    this.putRange(buf, at, key.length, buf, at + key.length, value.length);
  }

  delete(key: Uint8Array): void {
    const buf = this.reserve(key.length);
    const at = this.reservedOffset;
    buf.set(key, at);
    this.putRange(buf, at, key.length, null, 0, 0);
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
