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
 */
import { ByteReader, ByteWriter, compareBytes, OutOfBounds, readU32 } from './bytes';
import { crc32 } from './checksum';
import { corrupt, type Decoded, decoded } from './corruption';

export const KIND_PUT = 0;
export const KIND_TOMBSTONE = 1;
/** count + crc. */
export const BLOCK_TRAILER_BYTES = 8;

/** A decoded block: parallel arrays so a point read is a binary search. */
export interface Block {
  keys: Uint8Array[];
  values: (Uint8Array | null)[];
  /** Encoded size, for the block cache's byte budget. */
  byteLength: number;
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
    this.w.u8(value === null ? KIND_TOMBSTONE : KIND_PUT);
    this.w.varint(key.length);
    this.w.varint(value === null ? 0 : value.length);
    this.w.bytes(key);
    if (value !== null) this.w.bytes(value);
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
  const keys: Uint8Array[] = new Array<Uint8Array>(count);
  const values: (Uint8Array | null)[] = new Array<Uint8Array | null>(count);
  const r = new ByteReader(bytes, 0, end);
  try {
    for (let i = 0; i < count; i++) {
      const at = r.pos;
      const kind = r.u8();
      const keyLength = r.varint();
      const valueLength = r.varint();
      if (kind !== KIND_PUT && kind !== KIND_TOMBSTONE) return corrupt('bad-field', file, blockOffset + at, `entry kind ${kind}`);
      if (kind === KIND_TOMBSTONE && valueLength !== 0) return corrupt('bad-length', file, blockOffset + at, 'tombstone with a value');
      const key = r.bytes(keyLength);
      const value = r.bytes(valueLength);
      if (i > 0 && compareBytes(keys[i - 1] as Uint8Array, key) >= 0)
        return corrupt('bad-order', file, blockOffset + at, 'keys out of order');
      keys[i] = key;
      values[i] = kind === KIND_TOMBSTONE ? null : value;
    }
  } catch (e) {
    if (e instanceof OutOfBounds) return corrupt('truncated', file, blockOffset + e.offset, 'entry runs past the block');
    throw e;
  }
  if (r.pos !== end) return corrupt('bad-length', file, blockOffset + r.pos, 'bytes left after the last entry');
  return decoded({ keys, values, byteLength: bytes.length });
}

/** Index of the first key >= target (keys.length if none). */
export function lowerBound(keys: readonly Uint8Array[], target: Uint8Array): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBytes(keys[mid] as Uint8Array, target) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
