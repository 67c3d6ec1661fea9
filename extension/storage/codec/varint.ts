/**
 * Unsigned LEB128 varints (7 bits a byte, low bits first, the top bit set on every byte but the
 * last): the one codec behind every engine format's lengths and offsets (hash-log records and
 * compacted segments, LSM blocks, table indexes and WAL records, column files).
 *
 * Overflow: every varint has a declared width, the largest value it may hold: `VARINT_U32` for
 * all of today's formats (their readers always refused more, so the files are unchanged), and at
 * most `VARINT_U53` (2^53 - 1, the largest integer a JS number holds exactly). Writing a value
 * outside [0, max] or not a whole number throws `VarintRangeError` rather than wrapping it
 * silently into a different number. Reading gives `VARINT_TRUNCATED` when the bytes stop inside
 * the varint and `VARINT_OVERFLOW` when it encodes more than the width allows or runs longer than
 * the width needs (a u32 takes at most 5 bytes); `readVarint` turns those into a `VarintError`.
 */

/** Declared width of every length and offset in the current file formats. */
export const VARINT_U32 = 0xffff_ffff;
/** The widest a varint can be and still decode to an exact JS number. */
export const VARINT_U53 = Number.MAX_SAFE_INTEGER;
/** Bytes a varint of width `VARINT_U53` can take; a writer reserving this much never overflows. */
export const VARINT_MAX_BYTES = 8;

/** `decodeVarint` result: the bytes stop before the varint does. */
export const VARINT_TRUNCATED = -1;
/** `decodeVarint` result: the varint holds more than its declared width (or is longer than it needs). */
export const VARINT_OVERFLOW = -2;

/** Where a decode starts; moved past the varint on success. `ByteReader` is one. */
export interface VarintCursor {
  pos: number;
}

/** A value a varint of this width cannot hold was given to a writer. */
export class VarintRangeError extends RangeError {
  constructor(
    readonly value: number,
    readonly max: number,
  ) {
    super(`cannot write ${value} as a varint: it must be a whole number from 0 to ${max}`);
    this.name = 'VarintRangeError';
  }
}

/** A varint in the input is cut short or wider than its declared width. */
export class VarintError extends Error {
  constructor(
    readonly reason: 'truncated' | 'overflow',
    readonly offset: number,
    readonly max: number,
  ) {
    super(
      reason === 'truncated'
        ? `varint at offset ${offset} is cut short by the end of the input`
        : `varint at offset ${offset} holds more than ${max}, its declared maximum`,
    );
    this.name = 'VarintError';
  }
}

function checkWritable(n: number, max: number): void {
  if (!(Number.isInteger(n) && n >= 0 && n <= max)) throw new VarintRangeError(n, max);
}

/** Bytes of the encoding of `n` (0 ≤ n ≤ 2^53 - 1). */
export function varintBytes(n: number): number {
  if (n < 0x80) return 1;
  if (n < 0x4000) return 2;
  if (n < 0x20_0000) return 3;
  if (n < 0x1000_0000) return 4;
  let bytes = 5;
  for (let rest = Math.floor(n / 0x8_0000_0000); rest > 0; rest = Math.floor(rest / 128)) bytes++;
  return bytes;
}

/**
 * Writes `n` at `at` in `out` (which must have room: `varintBytes(n)`) and returns the offset
 * after it. Throws `VarintRangeError` unless `n` is a whole number in [0, max].
 */
export function writeVarint(out: Uint8Array, at: number, n: number, max = VARINT_U32): number {
  // Fast path, every length in practice: a whole number below 2^32 (`>>> 0` leaves it unchanged).
  // The rest lives in writeWide so this stays small enough for V8 to inline into the formats.
  if (n >>> 0 !== n || n > max) return writeWide(out, at, n, max);
  while (n >= 0x80) {
    out[at++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  out[at++] = n;
  return at;
}

/** `writeVarint` for what is not a u32: checked, then divided down (shifts would truncate). */
function writeWide(out: Uint8Array, at: number, n: number, max: number): number {
  checkWritable(n, max);
  while (n >= 0x80) {
    out[at++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  return at;
}

/**
 * Decodes the varint at `cursor.pos`, reading no byte at or past `end`. On success returns the
 * value (≥ 0) and moves `cursor.pos` past it; otherwise returns `VARINT_TRUNCATED` or
 * `VARINT_OVERFLOW` and leaves `cursor.pos` where it was. No allocation, no throw: recovery scans
 * call it at every record and must tell a torn tail from corruption.
 */
export function decodeVarint(buf: Uint8Array, cursor: VarintCursor, end: number, max = VARINT_U32): number {
  const start = cursor.pos;
  if (start >= end) return VARINT_TRUNCATED;
  const first = buf[start] as number;
  if (first < 0x80) {
    if (first > max) return VARINT_OVERFLOW;
    cursor.pos = start + 1;
    return first;
  }
  let value = first & 0x7f;
  let scale = 128;
  for (let i = start + 1; ; i++) {
    // A byte whose weight is already above `max` can only overflow or pad: both are refused,
    // which also bounds the length (5 bytes for a u32, 8 for a u53).
    if (scale > max) return VARINT_OVERFLOW;
    if (i >= end) return VARINT_TRUNCATED;
    const b = buf[i] as number;
    value += (b & 0x7f) * scale;
    if (value > max) return VARINT_OVERFLOW;
    if (b < 0x80) {
      cursor.pos = i + 1;
      return value;
    }
    scale *= 128;
  }
}

/** `decodeVarint` that throws `VarintError` on truncated or overflowing input. */
export function readVarint(buf: Uint8Array, cursor: VarintCursor, end: number, max = VARINT_U32): number {
  const v = decodeVarint(buf, cursor, end, max);
  if (v < 0) throw new VarintError(v === VARINT_TRUNCATED ? 'truncated' : 'overflow', cursor.pos, max);
  return v;
}
