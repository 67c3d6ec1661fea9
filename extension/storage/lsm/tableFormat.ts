/**
 * Sorted string table (SSTable) file format: immutable, written once by a flush or a compaction.
 *
 * File layout:
 *
 *   +--------------+-----+----------------+--------------+-------------+-------------------+
 *   | data block 0 | ... | data block n-1 | filter block | index block | footer (44 bytes) |
 *   +--------------+-----+----------------+--------------+-------------+-------------------+
 *
 * Data blocks: see blockFormat.ts.
 *
 * Filter block: the bloom filter bytes (bloomFilter.ts) followed by crc32: u32 of them.
 *
 * Index block (the sparse index: one entry per data block, not per key):
 *
 *   blockCount: varint
 *   blockCount x ( lastKeyLength: varint | lastKey | blockOffset: varint | blockLength: varint )
 *   smallestKeyLength: varint | smallestKey
 *   crc32: u32 of everything above
 *
 * Footer (fixed size, at the end of the file so a reader finds everything from the size):
 *
 *   filterOffset: u64 | filterLength: u32 | indexOffset: u64 | indexLength: u32
 *   | entryCount: u32 | tombstoneCount: u32 | crc32: u32 of the 32 bytes before it
 *   | magic: u64 = "DDIASST1"
 *
 * All integers little-endian. Decoders validate every offset against the file size and return a
 * typed `CorruptionError`; a reader never trusts a length it has not checked.
 */
import { ByteReader, ByteWriter, compareBytes, OutOfBounds, readU32 } from './bytes';
import { crc32 } from './checksum';
import { corrupt, type Decoded, decoded } from './corruption';

export const FOOTER_BYTES = 44;
export const TABLE_MAGIC = new TextEncoder().encode('DDIASST1');

export interface Footer {
  filterOffset: number;
  filterLength: number;
  indexOffset: number;
  indexLength: number;
  entryCount: number;
  tombstoneCount: number;
}

export interface IndexEntry {
  lastKey: Uint8Array;
  offset: number;
  length: number;
}

export interface TableIndex {
  blocks: IndexEntry[];
  smallestKey: Uint8Array;
}

export function encodeFooter(f: Footer): Uint8Array {
  const w = new ByteWriter(FOOTER_BYTES);
  w.u64(f.filterOffset);
  w.u32(f.filterLength);
  w.u64(f.indexOffset);
  w.u32(f.indexLength);
  w.u32(f.entryCount);
  w.u32(f.tombstoneCount);
  w.u32(crc32(w.finish()));
  w.bytes(TABLE_MAGIC);
  return w.finish().slice();
}

export function decodeFooter(bytes: Uint8Array, file: string, fileSize: number): Decoded<Footer> {
  const at = fileSize - FOOTER_BYTES;
  if (fileSize < FOOTER_BYTES || bytes.length !== FOOTER_BYTES)
    return corrupt('truncated', file, Math.max(0, at), 'file shorter than a footer');
  for (let i = 0; i < TABLE_MAGIC.length; i++) {
    if (bytes[36 + i] !== TABLE_MAGIC[i]) return corrupt('bad-magic', file, at + 36, 'not a table (magic number mismatch)');
  }
  if (crc32(bytes, 0, 32) !== readU32(bytes, 32)) return corrupt('bad-checksum', file, at, 'footer checksum mismatch');
  const r = new ByteReader(bytes);
  const f: Footer = {
    filterOffset: r.u64(),
    filterLength: r.u32(),
    indexOffset: r.u64(),
    indexLength: r.u32(),
    entryCount: r.u32(),
    tombstoneCount: r.u32(),
  };
  if (
    f.filterOffset + f.filterLength !== f.indexOffset ||
    f.indexOffset + f.indexLength !== at ||
    f.filterLength < 4 ||
    f.indexLength < 4
  ) {
    return corrupt('bad-field', file, at, 'footer offsets do not tile the file');
  }
  return decoded(f);
}

export function encodeIndex(index: TableIndex): Uint8Array {
  const w = new ByteWriter(64 + index.blocks.length * 32);
  w.varint(index.blocks.length);
  for (const b of index.blocks) {
    w.varint(b.lastKey.length);
    w.bytes(b.lastKey);
    w.varint(b.offset);
    w.varint(b.length);
  }
  w.varint(index.smallestKey.length);
  w.bytes(index.smallestKey);
  w.u32(crc32(w.finish()));
  return w.finish().slice();
}

/** Decodes and validates the index: blocks tile [0, dataEnd) in order and last keys increase. */
export function decodeIndex(bytes: Uint8Array, file: string, offset: number, dataEnd: number): Decoded<TableIndex> {
  if (bytes.length < 4) return corrupt('truncated', file, offset, 'index block too short');
  const crcAt = bytes.length - 4;
  if (crc32(bytes, 0, crcAt) !== readU32(bytes, crcAt)) return corrupt('bad-checksum', file, offset, 'index block checksum mismatch');
  const r = new ByteReader(bytes, 0, crcAt);
  try {
    const count = r.varint();
    if (count * 3 > crcAt) return corrupt('bad-length', file, offset, `index block count ${count} does not fit`);
    const blocks: IndexEntry[] = [];
    let expectedOffset = 0;
    for (let i = 0; i < count; i++) {
      const lastKey = r.bytes(r.varint());
      const blockOffset = r.varint();
      const length = r.varint();
      const prev = blocks[i - 1];
      if (blockOffset !== expectedOffset || length < 8) return corrupt('bad-field', file, offset, `index entry ${i} has a bad block range`);
      if (prev !== undefined && compareBytes(prev.lastKey, lastKey) >= 0)
        return corrupt('bad-order', file, offset, 'index keys out of order');
      blocks.push({ lastKey, offset: blockOffset, length });
      expectedOffset += length;
    }
    if (expectedOffset !== dataEnd) return corrupt('bad-field', file, offset, 'index blocks do not cover the data region');
    const smallestKey = r.bytes(r.varint());
    if (r.remaining !== 0) return corrupt('bad-length', file, offset, 'bytes left after the index');
    return decoded({ blocks, smallestKey });
  } catch (e) {
    if (e instanceof OutOfBounds) return corrupt('truncated', file, offset + e.offset, 'index entry runs past the block');
    throw e;
  }
}

export function encodeFilterBlock(filter: Uint8Array): Uint8Array {
  const out = new Uint8Array(filter.length + 4);
  out.set(filter);
  const crc = crc32(filter);
  out[filter.length] = crc & 0xff;
  out[filter.length + 1] = (crc >>> 8) & 0xff;
  out[filter.length + 2] = (crc >>> 16) & 0xff;
  out[filter.length + 3] = (crc >>> 24) & 0xff;
  return out;
}

export function decodeFilterBlock(bytes: Uint8Array, file: string, offset: number): Decoded<Uint8Array> {
  const crcAt = bytes.length - 4;
  if (crcAt < 2) return corrupt('truncated', file, offset, 'filter block too short');
  if (crc32(bytes, 0, crcAt) !== readU32(bytes, crcAt)) return corrupt('bad-checksum', file, offset, 'filter block checksum mismatch');
  const filter = bytes.subarray(0, crcAt);
  const k = filter[filter.length - 1] as number;
  if (k < 1 || k > 30) return corrupt('bad-field', file, offset, `bloom filter hash count ${k}`);
  return decoded(filter);
}
