/**
 * The record format of a hash log's *log segments* (the active segment and segments it rolled
 * into), shared by the writer, the recovery scan and point reads. Compaction outputs use another
 * layout (keyedSegment.ts).
 *
 * A log segment is a sequence of records with no padding and no file header:
 *
 *   offset  size  field
 *   0       4     recordCrc    u32 LE, CRC-32 of bytes [4, end): everything after it
 *   4       2     headerCheck  u16 LE, low 16 bits of the CRC-32 of bytes [6, h): flags and lengths
 *   6       1     flags        bit 0 TOMBSTONE (value is empty, the key is deleted)
 *                              bit 1 MORE (another record of the same batch follows);
 *                              other bits must be 0
 *   7       1-5   keyLength    unsigned LEB128 varint, at most a u32 (codec/varint.ts)
 *   …       1-5   valueLength  unsigned LEB128 varint; h = the offset after it
 *   h       k     key
 *   h+k     v     value
 *
 * Size: 7 + varint(k) + varint(v) + k + v, so 9 bytes of header for keys and values under 128
 * bytes (the 16-byte key, 100-byte value record is 125 bytes, 7.8% overhead; the old fixed
 * header of two CRCs and two u32 lengths was 17 bytes, 14.7%).
 *
 * Why a separate header check: a crash tears only the tail of the file, leaving a *prefix* of the
 * last append. A torn tail is "the bytes stop before the record does": fewer bytes left than the
 * header needs, or a header that passes its check but whose record runs past the end of the
 * file. A flipped byte instead gives a complete header or record whose check fails. Recovery
 * truncates the first and reports the second as `StorageCorruptionError`. Without the header
 * check a flipped length byte could make a record look like it runs past the end of the file,
 * and recovery would silently drop it and every later record. The check is 16 bits because the
 * header is a few bytes: a flip in them escapes it with odds of about 1 in 65,536 (and even then
 * only matters if the wrong length points past the end of the file; otherwise the 32-bit
 * record CRC still fails). A value is never returned unless the 32-bit record CRC matches.
 *
 * A batch is written as consecutive records, all but the last with MORE set, in one append; the
 * recovery scan applies a batch only once it has seen its last record, so batches are atomic.
 */
import { crc32 } from '../codec/crc32';
import { decodeVarint, VARINT_OVERFLOW, VARINT_TRUNCATED, VARINT_U32, varintBytes, writeVarint } from '../codec/varint';

export const FLAG_TOMBSTONE = 1;
export const FLAG_MORE = 2;
const KNOWN_FLAGS = FLAG_TOMBSTONE | FLAG_MORE;
/** recordCrc, headerCheck and flags; the two varint lengths follow. */
const FIXED_HEADER = 7;

export interface RecordHeader {
  flags: number;
  keyLength: number;
  valueLength: number;
  /** Bytes before the key. */
  headerBytes: number;
}

/**
 * Reads a varint length at `at`, not past `end`. Returns the value and the offset after it,
 * 'torn' if the bytes stop inside it, or 'corrupt' if it is longer than a u32 allows.
 */
export function readLength(buf: Uint8Array, at: number, end: number): { value: number; next: number } | 'torn' | 'corrupt' {
  const cursor = { pos: at };
  const value = decodeVarint(buf, cursor, end, VARINT_U32);
  if (value === VARINT_TRUNCATED) return 'torn';
  if (value === VARINT_OVERFLOW) return 'corrupt';
  return { value, next: cursor.pos };
}

export function recordBytes(keyLength: number, valueLength: number): number {
  return FIXED_HEADER + varintBytes(keyLength) + varintBytes(valueLength) + keyLength + valueLength;
}

/** Writes one record into `out` at `at` (which must have room) and returns the offset after it. */
export function encodeRecordInto(out: Uint8Array, at: number, key: Uint8Array, value: Uint8Array, flags: number): number {
  out[at + 6] = flags;
  let h = writeVarint(out, at + FIXED_HEADER, key.length);
  h = writeVarint(out, h, value.length);
  out.set(key, h);
  out.set(value, h + key.length);
  const end = h + key.length + value.length;
  const check = crc32(out, 0, at + 6, h) & 0xffff;
  out[at + 4] = check & 0xff;
  out[at + 5] = check >>> 8;
  const crc = crc32(out, 0, at + 4, end);
  out[at] = crc & 0xff;
  out[at + 1] = (crc >>> 8) & 0xff;
  out[at + 2] = (crc >>> 16) & 0xff;
  out[at + 3] = crc >>> 24;
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
  if (end - at < FIXED_HEADER + 2) return { kind: 'torn' };
  const k0 = buf[at + FIXED_HEADER] as number;
  const v0 = buf[at + FIXED_HEADER + 1] as number;
  // Fast path, no allocation: both lengths under 128 (one varint byte each), the common case.
  if ((k0 | v0) < 0x80) return finishHeader(buf, at, end, k0, v0, at + FIXED_HEADER + 2);
  const k = readLength(buf, at + FIXED_HEADER, end);
  if (k === 'torn') return { kind: 'torn' };
  if (k === 'corrupt') return { kind: 'corrupt', reason: 'key length is not a valid varint' };
  const v = readLength(buf, k.next, end);
  if (v === 'torn') return { kind: 'torn' };
  if (v === 'corrupt') return { kind: 'corrupt', reason: 'value length is not a valid varint' };
  return finishHeader(buf, at, end, k.value, v.value, v.next);
}

/** The checks after the lengths are decoded; `next` is the offset after the header. */
function finishHeader(buf: Uint8Array, at: number, end: number, keyLength: number, valueLength: number, next: number): HeaderCheck {
  const stored = (buf[at + 4] as number) | ((buf[at + 5] as number) << 8);
  if (stored !== (crc32(buf, 0, at + 6, next) & 0xffff)) return { kind: 'corrupt', reason: 'header checksum mismatch' };
  const flags = buf[at + 6] as number;
  if ((flags & ~KNOWN_FLAGS) !== 0) return { kind: 'corrupt', reason: `unknown flags ${flags}` };
  const headerBytes = next - at;
  if (at + headerBytes + keyLength + valueLength > end) return { kind: 'torn' };
  return { kind: 'ok', header: { flags, keyLength, valueLength, headerBytes } };
}

/** Checks the whole-record checksum of a record whose header already passed `checkHeader`. */
export function recordChecksumOk(buf: Uint8Array, at: number, header: RecordHeader): boolean {
  const stored =
    ((buf[at] as number) | ((buf[at + 1] as number) << 8) | ((buf[at + 2] as number) << 16) | ((buf[at + 3] as number) << 24)) >>> 0;
  return stored === crc32(buf, 0, at + 4, at + header.headerBytes + header.keyLength + header.valueLength);
}
