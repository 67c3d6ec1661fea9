/**
 * The hash log's record format, shared by the segment writer, the recovery scan and point reads.
 *
 * A segment file is a sequence of records with no padding and no file header:
 *
 *   offset  size  field
 *   0       4     recordCrc  u32 LE, CRC-32 of bytes [8, end): flags, lengths, key and value
 *   4       4     headerCrc  u32 LE, CRC-32 of bytes [8, 17): flags and lengths only
 *   8       1     flags      bit 0 TOMBSTONE (value is empty, the key is deleted)
 *                            bit 1 MORE (another record of the same batch follows)
 *   9       4     keyLength  u32 LE
 *   13      4     valueLength u32 LE
 *   17      k     key
 *   17+k    v     value
 *
 * Why two checksums: a crash tears only the tail of the file, leaving a *prefix* of the last
 * append. The separate header checksum tells a torn tail (fewer than 17 bytes left, or a valid
 * header whose record runs past the end of the file) from a flipped byte (a complete header or
 * record whose checksum fails). Recovery truncates the first and reports the second; without
 * the header checksum a flipped length byte would look like a torn tail and silently drop every
 * later record.
 *
 * A batch is written as consecutive records, all but the last with MORE set, in one append; the
 * recovery scan applies a batch only once it has seen its last record, so batches are atomic.
 */
import { crc32 } from '../codec/crc32';

export const HEADER_BYTES = 17;
export const FLAG_TOMBSTONE = 1;
export const FLAG_MORE = 2;
const KNOWN_FLAGS = FLAG_TOMBSTONE | FLAG_MORE;

export interface RecordHeader {
  flags: number;
  keyLength: number;
  valueLength: number;
}

export function recordBytes(keyLength: number, valueLength: number): number {
  return HEADER_BYTES + keyLength + valueLength;
}

/** Writes one record into `out` at `at` (which must have room) and returns the offset after it. */
export function encodeRecordInto(out: Uint8Array, at: number, key: Uint8Array, value: Uint8Array, flags: number): number {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint8(at + 8, flags);
  view.setUint32(at + 9, key.length, true);
  view.setUint32(at + 13, value.length, true);
  out.set(key, at + HEADER_BYTES);
  out.set(value, at + HEADER_BYTES + key.length);
  const end = at + HEADER_BYTES + key.length + value.length;
  view.setUint32(at + 4, crc32(out, 0, at + 8, at + HEADER_BYTES), true);
  view.setUint32(at, crc32(out, 0, at + 8, end), true);
  return end;
}

export function encodeRecord(key: Uint8Array, value: Uint8Array, flags: number): Uint8Array {
  const out = new Uint8Array(recordBytes(key.length, value.length));
  encodeRecordInto(out, 0, key, value, flags);
  return out;
}

export type HeaderCheck = { kind: 'ok'; header: RecordHeader } | { kind: 'torn' } | { kind: 'corrupt'; reason: string };

/**
 * Validates the header at `at` in `buf`, whose valid bytes end at `end` (the end of the file in
 * a recovery scan). 'torn' means the bytes stop before the record does.
 */
export function checkHeader(buf: Uint8Array, at: number, end: number): HeaderCheck {
  if (end - at < HEADER_BYTES) return { kind: 'torn' };
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint32(at + 4, true) !== crc32(buf, 0, at + 8, at + HEADER_BYTES))
    return { kind: 'corrupt', reason: 'header checksum mismatch' };
  const header = { flags: view.getUint8(at + 8), keyLength: view.getUint32(at + 9, true), valueLength: view.getUint32(at + 13, true) };
  if ((header.flags & ~KNOWN_FLAGS) !== 0) return { kind: 'corrupt', reason: `unknown flags ${header.flags}` };
  if (at + recordBytes(header.keyLength, header.valueLength) > end) return { kind: 'torn' };
  return { kind: 'ok', header };
}

/** Checks the whole-record checksum of a record whose header already passed `checkHeader`. */
export function recordChecksumOk(buf: Uint8Array, at: number, header: RecordHeader): boolean {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return view.getUint32(at, true) === crc32(buf, 0, at + 8, at + recordBytes(header.keyLength, header.valueLength));
}
