/**
 * Reads one table (format in tableFormat.ts). Opening reads and validates the footer, the
 * filter and the sparse index, which stay in memory; data blocks are read on demand through
 * the shared block cache. Every decode is checked, so a corrupt table yields a typed
 * `CorruptionError` naming the file and offset, never a wrong value.
 */
import { type Block, blockKey, blockLowerBound, blockValue, compareBlockKey, decodeBlock } from './blockFormat';
import { type BlockCache, isEncoded } from './blockCache';
import { bloomMayContain, bloomMayContainHashed } from './bloomFilter';
import { compareBytes } from './bytes';
import { corrupt, type Decoded, decoded, unwrap } from './corruption';
import { type KvIterator } from './iterator';
import { decodeFilterBlock, decodeFooter, decodeIndex, FOOTER_BYTES, type Footer, type TableIndex } from './tableFormat';
import { type FileHandle } from '../fs/fileSystem';
import { type StorageCounters } from '../stats';

export class TableReader {
  private constructor(
    readonly id: number,
    readonly path: string,
    private readonly file: FileHandle,
    readonly fileSize: number,
    readonly footer: Footer,
    readonly index: TableIndex,
    private readonly filter: Uint8Array,
    private readonly cache: BlockCache,
    private readonly counters: StorageCounters,
  ) {}

  static open(file: FileHandle, id: number, cache: BlockCache, counters: StorageCounters): Decoded<TableReader> {
    const path = file.path;
    const size = file.size();
    if (size < FOOTER_BYTES) return corrupt('truncated', path, 0, `table of ${size} bytes has no footer`);
    const footer = decodeFooter(file.read(size - FOOTER_BYTES, FOOTER_BYTES), path, size);
    if (!footer.ok) return footer;
    const f = footer.value;
    // Filter and index sit next to each other: one read for both.
    const meta = file.read(f.filterOffset, f.filterLength + f.indexLength);
    counters.diskBytesRead += FOOTER_BYTES + meta.length;
    if (meta.length !== f.filterLength + f.indexLength) return corrupt('truncated', path, f.filterOffset, 'short read of filter and index');
    const filter = decodeFilterBlock(meta.subarray(0, f.filterLength), path, f.filterOffset);
    if (!filter.ok) return filter;
    const index = decodeIndex(meta.subarray(f.filterLength), path, f.indexOffset, f.filterOffset);
    if (!index.ok) return index;
    if (index.value.blocks.length === 0 && f.entryCount !== 0) return corrupt('bad-field', path, f.indexOffset, 'entries but no blocks');
    return decoded(new TableReader(id, path, file, size, f, index.value, filter.value, cache, counters));
  }

  get blockCount(): number {
    return this.index.blocks.length;
  }

  smallestKey(): Uint8Array {
    return this.index.smallestKey;
  }

  largestKey(): Uint8Array {
    return this.index.blocks[this.index.blocks.length - 1]?.lastKey ?? this.index.smallestKey;
  }

  mayContain(key: Uint8Array): boolean {
    return bloomMayContain(this.filter, key);
  }

  /** `mayContain` from the key's `bloomKeyHashes`. */
  mayContainHashed(h1: number, h2: number): boolean {
    return bloomMayContainHashed(this.filter, h1, h2);
  }

  /** Reads block `i`, through the cache unless `fillCache` is false (compaction scans). */
  readBlock(i: number, fillCache = true, readAhead?: ReadAhead): Block {
    const entry = this.index.blocks[i];
    if (entry === undefined) throw new RangeError(`block ${i} of ${this.path} does not exist`);
    const cached = this.cache.get(this.id, entry.offset);
    if (cached !== undefined && !isEncoded(cached)) return cached;
    let bytes: Uint8Array;
    if (cached !== undefined) bytes = cached.bytes;
    else {
      bytes = readAhead === undefined ? this.file.read(entry.offset, entry.length) : readAhead.read(entry.offset, entry.length);
      this.counters.diskBytesRead += bytes.length;
    }
    const block = unwrap(decodeBlock(bytes, this.path, entry.offset));
    if (block.count > 0 && compareBlockKey(block, block.count - 1, entry.lastKey) !== 0) {
      unwrap(corrupt('bad-field', this.path, entry.offset, 'block does not end at its index key'));
    }
    if (fillCache || cached !== undefined) this.cache.put(this.id, entry.offset, block);
    return block;
  }

  /** A sequential reader over the data blocks, for scans that read the whole table once. */
  readAhead(): ReadAhead {
    return new ReadAhead(this.file, this.footer.filterOffset);
  }

  /** The block that may hold `key` (first whose last key >= key), or -1. */
  blockFor(key: Uint8Array): number {
    const blocks = this.index.blocks;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBytes((blocks[mid] as { lastKey: Uint8Array }).lastKey, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo < blocks.length ? lo : -1;
  }

  /**
   * Point lookup without the bloom check (the caller does it, to count it): a fresh copy of the
   * value, `undefined` if absent, `null` for a tombstone. Counts the block it touches.
   */
  get(key: Uint8Array): Uint8Array | null | undefined {
    const b = this.blockFor(key);
    if (b < 0) return undefined;
    this.counters.blocksTouchedByReads++;
    const block = this.readBlock(b);
    const i = blockLowerBound(block, key);
    if (i >= block.count || compareBlockKey(block, i, key) !== 0) return undefined;
    const at = block.entries[4 * i + 2] as number;
    const len = block.entries[4 * i + 3] as number;
    return len < 0 ? null : block.bytes.slice(at, at + len);
  }

  iterator(fillCache = true): KvIterator {
    return new TableIterator(this, fillCache);
  }

  close(): void {
    this.file.close();
  }
}

/**
 * Reads a file front to back in large chunks, so a compaction scan costs one read per
 * READ_AHEAD_BYTES instead of one per block (a syscall each on a disk file system).
 */
export class ReadAhead {
  private chunk: Uint8Array = new Uint8Array(0);
  private chunkStart = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly end: number,
  ) {}

  read(offset: number, length: number): Uint8Array {
    if (offset < this.chunkStart || offset + length > this.chunkStart + this.chunk.length) {
      const want = Math.max(length, Math.min(READ_AHEAD_BYTES, this.end - offset));
      this.chunk = this.file.read(offset, want);
      this.chunkStart = offset;
      if (this.chunk.length < length) return this.chunk;
    }
    return this.chunk.subarray(offset - this.chunkStart, offset - this.chunkStart + length);
  }
}

const READ_AHEAD_BYTES = 256 * 1024;

class TableIterator implements KvIterator {
  private readonly readAhead: ReadAhead | undefined;
  private blockIndex = 0;
  private block: Block | null = null;
  private pos = 0;
  /** Views of the current entry, made once per position (a merge asks for the key often). */
  private k: Uint8Array | null = null;
  private v: Uint8Array | null = null;

  constructor(
    private readonly table: TableReader,
    private readonly fillCache: boolean,
  ) {
    // A scan that does not fill the cache reads the whole table (compaction): read ahead.
    this.readAhead = fillCache ? undefined : table.readAhead();
    this.load(0, 0);
  }

  /** Loads block `b` at entry `pos`, moving on past empty ends. */
  private load(b: number, pos: number): void {
    this.blockIndex = b;
    this.pos = pos;
    for (;;) {
      if (this.blockIndex >= this.table.blockCount) {
        this.block = null;
        this.k = null;
        this.v = null;
        return;
      }
      this.block = this.table.readBlock(this.blockIndex, this.fillCache, this.readAhead);
      if (this.pos < this.block.count) {
        this.current();
        return;
      }
      this.blockIndex++;
      this.pos = 0;
    }
  }

  private current(): void {
    const block = this.block as Block;
    this.k = blockKey(block, this.pos);
    this.v = blockValue(block, this.pos);
  }

  valid(): boolean {
    return this.block !== null;
  }
  key(): Uint8Array {
    return this.k as Uint8Array;
  }
  value(): Uint8Array | null {
    return this.v;
  }
  next(): void {
    const block = this.block as Block;
    this.pos++;
    if (this.pos >= block.count) this.load(this.blockIndex + 1, 0);
    else this.current();
  }
  seek(target: Uint8Array): void {
    const b = this.table.blockFor(target);
    if (b < 0) {
      this.block = null;
      this.k = null;
      this.v = null;
      return;
    }
    const block = this.table.readBlock(b, this.fillCache, this.readAhead);
    this.load(b, blockLowerBound(block, target));
  }
}
