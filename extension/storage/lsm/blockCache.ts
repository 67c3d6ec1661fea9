/**
 * LRU cache of decoded data blocks, shared by all tables of one engine and bounded in bytes.
 * A JavaScript Map iterates in insertion order, so re-inserting on every hit keeps the least
 * recently used block first, where eviction takes it from. Hits and misses are counted so a lab
 * can show the effect of cache size on read amplification.
 *
 * A table being written puts each data block here as it goes (`putEncoded`), as RocksDB's
 * "prepopulate block cache" does: fresh data is likely to be read soon, and the read then costs
 * no file read. Such a block is decoded (and its checksum checked) on its first read.
 */
import { type Block } from './blockFormat';

const NO_ENTRIES = new Int32Array(0);

/** True for a block cached by `putEncoded` and not yet decoded. */
export function isEncoded(b: Block): boolean {
  return b.count < 0;
}

export class BlockCache {
  private readonly map = new Map<number, Block>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly capacityBytes: number) {}

  private static keyOf(tableId: number, offset: number): number {
    // Table ids stay far below 2^21 and offsets below 2^32, so this is an exact integer.
    return tableId * 0x100000000 + offset;
  }

  get(tableId: number, offset: number): Block | undefined {
    const k = BlockCache.keyOf(tableId, offset);
    const b = this.map.get(k);
    if (b === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(k);
    this.map.set(k, b);
    return b;
  }

  /** Caches a block still in its encoded form; `count` -1 marks it (see `isEncoded`). */
  putEncoded(tableId: number, offset: number, bytes: Uint8Array): void {
    this.put(tableId, offset, { bytes, count: -1, entries: NO_ENTRIES, byteLength: bytes.length });
  }

  put(tableId: number, offset: number, block: Block): void {
    if (block.byteLength > this.capacityBytes) return;
    const k = BlockCache.keyOf(tableId, offset);
    const old = this.map.get(k);
    if (old !== undefined) {
      this.bytes -= old.byteLength;
      this.map.delete(k);
    }
    this.map.set(k, block);
    this.bytes += block.byteLength;
    for (const [key, b] of this.map) {
      if (this.bytes <= this.capacityBytes) break;
      this.map.delete(key);
      this.bytes -= b.byteLength;
    }
  }

  /** Drops every block of a table that compaction deleted. */
  evictTable(tableId: number): void {
    for (const [key, b] of this.map) {
      if (Math.floor(key / 0x100000000) === tableId) {
        this.map.delete(key);
        this.bytes -= b.byteLength;
      }
    }
  }

  get usedBytes(): number {
    return this.bytes;
  }

  get blockCount(): number {
    return this.map.size;
  }
}
