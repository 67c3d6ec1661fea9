/**
 * The layout of a compacted segment: keys first, then values, so the segment is its own hint
 * file. Bitcask writes a separate hint file next to each merged data file (every key and where
 * its record lies) so a restart need not read values. That second copy of every key costs
 * space: this engine's former hint entry (three u32s and the key) was 28 bytes per 116 live bytes
 * with 16-byte keys and 100-byte values, 24%, so space amplification could not get near 1.1.
 * Here the data file carries the keys once, up front, and a restart reads only that section.
 *
 *   offset    size  field
 *   0         4     magic            u32 LE 0x3153484b ("KHS1")
 *   4         4     count            u32 LE, number of entries
 *   8         4     keySectionBytes  u32 LE (K)
 *   12        4     headerCrc        u32 LE, CRC-32 of bytes [0, 12) then of the key section
 *   16        K     key section      count × entry, entry := keyLength varint | valueLength varint | key
 *   16+K      …     value section    count × (valueCrc u32 LE | value), in key-section order
 *
 * Varints are LEB128 (recordFormat.ts). Value offsets are not stored: values follow each other
 * in entry order, so entry i's value record starts at 16 + K + Σ_{j<i} (4 + valueLength_j).
 * `valueCrc` is the CRC-32 of the key followed by the value, so one positioned read of
 * 4 + valueLength bytes both checks the value and proves it belongs to the key the index
 * asked for. The file ends exactly where the last value ends; open checks that.
 *
 * Per entry: varint(k) + varint(v) + k + 4 + v, so 122 bytes for a 16-byte key and a 100-byte
 * value (5.2% over the 116 live bytes), plus 16 bytes per file.
 *
 * Only live values are stored: no tombstones, no batches (compaction takes every segment but
 * the fresh active one, so no older record of a dropped key survives it). A compacted segment is
 * written whole as a `.tmp` file, synced and renamed, so it is never torn: any mismatch here is
 * corruption, reported as `StorageCorruptionError` naming the file and offset.
 */
import { StorageCorruptionError } from '../codec/corruption';
import { crc32 } from '../codec/crc32';
import { varintBytes, writeVarint } from '../codec/varint';
import { readLength } from './recordFormat';

const MAGIC = 0x3153484b;
export const KEYED_HEADER_BYTES = 16;
/** valueCrc before each value. */
export const VALUE_CRC_BYTES = 4;

export interface KeyedEntry {
  key: Uint8Array;
  value: Uint8Array;
}

export interface KeyedIndexEntry {
  key: Uint8Array;
  /** Where the entry's value record (valueCrc, value) starts, and its length. */
  offset: number;
  length: number;
}

/** Bytes an entry takes in the key section. */
export function keyEntryBytes(keyLength: number, valueLength: number): number {
  return varintBytes(keyLength) + varintBytes(valueLength) + keyLength;
}

/** The whole file for `entries`, and where each value record lies in it. */
export function encodeKeyedSegment(entries: readonly KeyedEntry[]): { data: Uint8Array; offsets: number[] } {
  let keySection = 0;
  let values = 0;
  for (const e of entries) {
    keySection += keyEntryBytes(e.key.length, e.value.length);
    values += VALUE_CRC_BYTES + e.value.length;
  }
  const data = new Uint8Array(KEYED_HEADER_BYTES + keySection + values);
  const view = new DataView(data.buffer);
  let k = KEYED_HEADER_BYTES;
  let v = KEYED_HEADER_BYTES + keySection;
  const offsets: number[] = [];
  for (const e of entries) {
    k = writeVarint(data, k, e.key.length);
    k = writeVarint(data, k, e.value.length);
    data.set(e.key, k);
    k += e.key.length;
    offsets.push(v);
    view.setUint32(v, crc32(e.value, crc32(e.key)), true);
    data.set(e.value, v + VALUE_CRC_BYTES);
    v += VALUE_CRC_BYTES + e.value.length;
  }
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, entries.length, true);
  view.setUint32(8, keySection, true);
  view.setUint32(12, crc32(data, crc32(data, 0, 0, 12), KEYED_HEADER_BYTES, KEYED_HEADER_BYTES + keySection), true);
  return { data, offsets };
}

/** Reads the file header; returns the key section's length (the bytes a restart reads after it). */
export function readKeyedHeader(header: Uint8Array, file: string, fileBytes: number): { count: number; keySectionBytes: number } {
  if (header.length < KEYED_HEADER_BYTES) throw new StorageCorruptionError(file, 0, 'compacted segment shorter than its header');
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new StorageCorruptionError(file, 0, 'not a compacted segment (bad magic)');
  const keySectionBytes = view.getUint32(8, true);
  if (KEYED_HEADER_BYTES + keySectionBytes > fileBytes)
    throw new StorageCorruptionError(file, 8, 'key section runs past the end of the file');
  return { count: view.getUint32(4, true), keySectionBytes };
}

/**
 * The index entries of a compacted segment from its header and key section (never its values).
 * Throws `StorageCorruptionError` if the checksum fails or the entries do not add up to the file.
 */
export function decodeKeySection(header: Uint8Array, keySection: Uint8Array, file: string, fileBytes: number): KeyedIndexEntry[] {
  const { count, keySectionBytes } = readKeyedHeader(header, file, fileBytes);
  if (keySection.length !== keySectionBytes) throw new StorageCorruptionError(file, KEYED_HEADER_BYTES, 'key section cut short');
  const stored = new DataView(header.buffer, header.byteOffset, header.byteLength).getUint32(12, true);
  if (stored !== crc32(keySection, crc32(header, 0, 0, 12)))
    throw new StorageCorruptionError(file, 0, 'header or key section checksum mismatch');
  const entries: KeyedIndexEntry[] = [];
  let at = 0;
  let valueAt = KEYED_HEADER_BYTES + keySectionBytes;
  while (at < keySection.length) {
    const k = readLength(keySection, at, keySection.length);
    const v = typeof k === 'object' ? readLength(keySection, k.next, keySection.length) : k;
    if (typeof k !== 'object' || typeof v !== 'object' || v.next + k.value > keySection.length) {
      throw new StorageCorruptionError(file, KEYED_HEADER_BYTES + at, 'malformed key section entry');
    }
    const length = VALUE_CRC_BYTES + v.value;
    entries.push({ key: keySection.slice(v.next, v.next + k.value), offset: valueAt, length });
    valueAt += length;
    at = v.next + k.value;
  }
  if (entries.length !== count)
    throw new StorageCorruptionError(file, 4, `key section holds ${entries.length} entries, header says ${count}`);
  if (valueAt !== fileBytes) throw new StorageCorruptionError(file, Math.min(valueAt, fileBytes), 'values do not end where the file ends');
  return entries;
}

/** Checks a value record read at an index location and returns the value (a view into `record`). */
export function checkValueRecord(record: Uint8Array, key: Uint8Array, file: string, offset: number, length: number): Uint8Array {
  if (record.length !== length) throw new StorageCorruptionError(file, offset, 'value record cut short');
  const value = record.subarray(VALUE_CRC_BYTES);
  const stored =
    ((record[0] as number) | ((record[1] as number) << 8) | ((record[2] as number) << 16) | ((record[3] as number) << 24)) >>> 0;
  if (stored !== crc32(value, crc32(key))) throw new StorageCorruptionError(file, offset, 'value checksum mismatch');
  return value;
}
