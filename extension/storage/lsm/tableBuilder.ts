/**
 * Writes one table (format in tableFormat.ts) from entries given in strictly increasing key
 * order. Output is buffered and appended in large chunks so a disk file system sees few writes;
 * `finish` writes filter, index and footer and fsyncs the file.
 */
import { BloomHashes } from './bloomFilter';
import { BlockBuilder } from './blockFormat';
import { ByteWriter } from './bytes';
import { encodeFilterBlock, encodeFooter, encodeIndex, type IndexEntry } from './tableFormat';
import { type TableMeta } from './tableMeta';
import { compareRanges } from '../codec/bytes';
import { type FileHandle } from '../fs/fileSystem';

export interface TableBuilderOptions {
  blockSizeBytes: number;
  bloomBitsPerKey: number;
}

const WRITE_CHUNK_BYTES = 256 * 1024;

export class TableBuilder {
  private readonly block = new BlockBuilder();
  private readonly pending = new ByteWriter(WRITE_CHUNK_BYTES + 8192);
  private readonly index: IndexEntry[] = [];
  private readonly hashes = new BloomHashes();
  private offset = 0;
  private smallest: Uint8Array | null = null;
  /** The last key added is lastBuf[lastOff, lastOff + lastLen) (lastBuf null: none yet). */
  private lastBuf: Uint8Array | null = null;
  private lastOff = 0;
  private lastLen = 0;
  private tombstones = 0;

  /** `onBlock`, if given, sees each finished data block (its own copy) and its file offset. */
  constructor(
    readonly file: FileHandle,
    private readonly id: number,
    private readonly opts: TableBuilderOptions,
    private readonly onBlock?: (offset: number, bytes: Uint8Array) => void,
  ) {}

  get entryCount(): number {
    return this.hashes.count;
  }

  /** Bytes the table would take if finished now (without filter and index). */
  get estimatedBytes(): number {
    return this.offset + this.block.estimatedBytes;
  }

  add(key: Uint8Array, value: Uint8Array | null): void {
    this.addRange(key, 0, key.length, value, 0, value === null ? 0 : value.length);
  }

  /**
   * `add` of key kbuf[koff, koff + klen) and value vbuf[voff, voff + vlen) (vbuf null: a
   * tombstone), so a flush can pass a memtable's ranges without making views.
   */
  addRange(kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number): void {
    if (this.lastBuf !== null && compareRanges(this.lastBuf, this.lastOff, this.lastLen, kbuf, koff, klen) >= 0)
      throw new RangeError('table keys must be added in increasing order');
    // Keys are immutable (a memtable's log record, a block being read) and stay valid while
    // this runs; only the few kept past it (smallest, block ends) are copied, so the table holds
    // no view into another table's blocks.
    this.block.addRange(kbuf, koff, klen, vbuf, voff, vlen);
    this.hashes.addRange(kbuf, koff, klen);
    this.smallest ??= kbuf.slice(koff, koff + klen);
    this.lastBuf = kbuf;
    this.lastOff = koff;
    this.lastLen = klen;
    if (vbuf === null) this.tombstones++;
    if (this.block.estimatedBytes >= this.opts.blockSizeBytes) this.flushBlock();
  }

  /** A copy of the last key added (which later adds do not disturb). */
  private lastKey(): Uint8Array {
    const copy = (this.lastBuf as Uint8Array).slice(this.lastOff, this.lastOff + this.lastLen);
    this.lastBuf = copy;
    this.lastOff = 0;
    return copy;
  }

  private flushBlock(): void {
    if (this.block.entryCount === 0 || this.lastBuf === null) return;
    const bytes = this.block.finish();
    this.onBlock?.(this.offset, bytes.slice());
    this.index.push({ lastKey: this.lastKey(), offset: this.offset, length: bytes.length });
    this.write(bytes);
    this.block.reset();
  }

  private write(bytes: Uint8Array): void {
    this.pending.bytes(bytes);
    this.offset += bytes.length;
    if (this.pending.length >= WRITE_CHUNK_BYTES) this.drain();
  }

  private drain(): void {
    if (this.pending.length === 0) return;
    // Positional: `offset` counts the buffered bytes too, so they start at offset - pending.
    this.file.write(this.offset - this.pending.length, this.pending.finish());
    this.pending.reset();
  }

  /** Completes and syncs the file; the caller closes it. Needs at least one entry. */
  finish(): TableMeta {
    if (this.smallest === null || this.lastBuf === null) throw new RangeError('an empty table cannot be written');
    this.flushBlock();
    const filterOffset = this.offset;
    const filter = encodeFilterBlock(this.hashes.build(this.opts.bloomBitsPerKey));
    this.write(filter);
    const indexOffset = this.offset;
    const index = encodeIndex({ blocks: this.index, smallestKey: this.smallest });
    this.write(index);
    this.write(
      encodeFooter({
        filterOffset,
        filterLength: filter.length,
        indexOffset,
        indexLength: index.length,
        entryCount: this.hashes.count,
        tombstoneCount: this.tombstones,
      }),
    );
    this.drain();
    this.file.sync();
    return {
      id: this.id,
      smallest: this.smallest,
      largest: this.lastKey(),
      sizeBytes: this.offset,
      entryCount: this.hashes.count,
      tombstoneCount: this.tombstones,
    };
  }
}
