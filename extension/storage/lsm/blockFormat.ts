/**
 * Data block format: a run of sorted entries that is read, checked and cached as one unit.
 *
 * Byte layout (integers little-endian, varint = unsigned LEB128):
 *
 *   +---------+---------+-----+-----------+------------+
 *   | entry 0 | entry 1 | ... | count: u32 | crc32: u32 |
 *   +---------+---------+-----+-----------+------------+
 *
 *   entry = kind: u8 (0 put, 1 tombstone) | keyLength: varint | valueLength: varint
 *           | key bytes | value bytes (valueLength is 0 for a tombstone)
 *
 * The CRC covers every byte before it. Keys are strictly increasing inside a block. The decoder
 * checks the CRC, every length, the entry count and the key order, and returns a typed
 * `CorruptionError` naming the file and the block's offset if anything is off.
 *
 * A decoded block keeps the bytes and a table of where each entry's key and value start: a point
 * read binary-searches the keys in place, and decoding allocates two objects per block instead
 * of two per entry.
 */
import { ByteReader, ByteWriter, OutOfBounds, readU32 } from './bytes';
import { crc32 } from './checksum';
import { compareRanges } from '../codec/bytes';
import { corrupt, type Decoded, decoded } from './corruption';

export const KIND_PUT = 0;
export const KIND_TOMBSTONE = 1;
/** count + crc. */
export const BLOCK_TRAILER_BYTES = 8;

/** A decoded block: its bytes and, per entry i, where its key and value lie in them. */
export interface Block {
  bytes: Uint8Array;
  count: number;
  /** Entry i: key at [4i] with length [4i+1]; value at [4i+2] with length [4i+3], or -1 there for a tombstone. */
  entries: Int32Array;
  /** Encoded size, for the block cache's byte budget. */
  byteLength: number;
}

/** Entry i's key (a view of the block's bytes). */
export function blockKey(b: Block, i: number): Uint8Array {
  const e = b.entries;
  const at = e[4 * i] as number;
  return b.bytes.subarray(at, at + (e[4 * i + 1] as number));
}

/** Entry i's value (a view of the block's bytes), or null for a tombstone. */
export function blockValue(b: Block, i: number): Uint8Array | null {
  const e = b.entries;
  const at = e[4 * i + 2] as number;
  const len = e[4 * i + 3] as number;
  return len < 0 ? null : b.bytes.subarray(at, at + len);
}

/** compareBytes(entry i's key, target), without making a view. */
export function compareBlockKey(b: Block, i: number, target: Uint8Array): number {
  const bytes = b.bytes;
  const at = b.entries[4 * i] as number;
  const klen = b.entries[4 * i + 1] as number;
  const n = Math.min(klen, target.length);
  for (let j = 0; j < n; j++) {
    const d = (bytes[at + j] as number) - (target[j] as number);
    if (d !== 0) return d;
  }
  return klen - target.length;
}

/** Index of the first entry whose key >= target (count if none). */
export function blockLowerBound(b: Block, target: Uint8Array): number {
  let lo = 0;
  let hi = b.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBlockKey(b, mid, target) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class BlockBuilder {
  private readonly w = new ByteWriter(4096);
  private count = 0;

  get entryCount(): number {
    return this.count;
  }

  /** Bytes the finished block will take. */
  get estimatedBytes(): number {
    return this.w.length + BLOCK_TRAILER_BYTES;
  }

  add(key: Uint8Array, value: Uint8Array | null): void {
    this.addRange(key, 0, key.length, value, 0, value === null ? 0 : value.length);
  }

  /** `add` of key kbuf[koff, koff + klen) and value vbuf[voff, voff + vlen) (vbuf null: a tombstone). */
  addRange(kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number): void {
    this.w.u8(vbuf === null ? KIND_TOMBSTONE : KIND_PUT);
    this.w.varint(klen);
    this.w.varint(vbuf === null ? 0 : vlen);
    this.w.range(kbuf, koff, klen);
    if (vbuf !== null) this.w.range(vbuf, voff, vlen);
    this.count++;
  }

  /** Appends the trailer and returns the encoded block (a view; copy or write before reuse). */
  finish(): Uint8Array {
    this.w.u32(this.count);
    const body = this.w.finish();
    this.w.u32(crc32(body));
    return this.w.finish();
  }

  reset(): void {
    this.w.reset();
    this.count = 0;
  }
}

export function decodeBlock(bytes: Uint8Array, file: string, blockOffset: number): Decoded<Block> {
  if (bytes.length < BLOCK_TRAILER_BYTES) return corrupt('truncated', file, blockOffset, `block of ${bytes.length} bytes`);
  const crcAt = bytes.length - 4;
  if (crc32(bytes, 0, crcAt) !== readU32(bytes, crcAt)) return corrupt('bad-checksum', file, blockOffset, 'data block checksum mismatch');
  const count = readU32(bytes, crcAt - 4);
  const end = crcAt - 4;
  // Each entry takes at least 3 bytes, which bounds a corrupt count before we allocate for it.
  if (count * 3 > end) return corrupt('bad-length', file, blockOffset, `entry count ${count} does not fit`);
  const entries = new Int32Array(4 * count);
  const r = new ByteReader(bytes, 0, end);
  let prevAt = 0;
  let prevLen = 0;
  try {
    for (let i = 0; i < count; i++) {
      const at = r.pos;
      const kind = r.u8();
      const keyLength = r.varint();
      const valueLength = r.varint();
      if (kind !== KIND_PUT && kind !== KIND_TOMBSTONE) return corrupt('bad-field', file, blockOffset + at, `entry kind ${kind}`);
      if (kind === KIND_TOMBSTONE && valueLength !== 0) return corrupt('bad-length', file, blockOffset + at, 'tombstone with a value');
      const keyAt = r.pos;
      r.bytes(keyLength);
      const valueAt = r.pos;
      r.bytes(valueLength);
      if (i > 0 && compareRanges(bytes, prevAt, prevLen, bytes, keyAt, keyLength) >= 0)
        return corrupt('bad-order', file, blockOffset + at, 'keys out of order');
      entries[4 * i] = keyAt;
      entries[4 * i + 1] = keyLength;
      entries[4 * i + 2] = valueAt;
      entries[4 * i + 3] = kind === KIND_TOMBSTONE ? -1 : valueLength;
      prevAt = keyAt;
      prevLen = keyLength;
    }
  } catch (e) {
    if (e instanceof OutOfBounds) return corrupt('truncated', file, blockOffset + e.offset, 'entry runs past the block');
    throw e;
  }
  if (r.pos !== end) return corrupt('bad-length', file, blockOffset + r.pos, 'bytes left after the last entry');
  return decoded({ bytes, count, entries, byteLength: bytes.length });
}

/** compareBytes of two ranges of one buffer. */
