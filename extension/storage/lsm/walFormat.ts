/**
 * Write-ahead log format: every write batch is appended here (and optionally fsynced) before it
 * enters the memtable, so the memtable can be rebuilt after a crash.
 *
 * A log file is a sequence of records (integers little-endian, varint = unsigned LEB128):
 *
 *   +------------+-------------+-------------------+-----------------------+
 *   | crc32: u32 | length: u32 | lengthCheck: u32  | payload: length bytes |
 *   +------------+-------------+-------------------+-----------------------+
 *
 *   crc32 covers every byte after it (length, lengthCheck, payload); lengthCheck = crc32 of the
 *   4 length bytes, so a damaged length is told apart from a record cut short by a crash
 *   payload = opCount: varint, then opCount x op
 *   op      = kind: u8 (0 put, 1 delete) | keyLength: varint | key
 *             | (put only) valueLength: varint | value
 *
 * One record is one atomic batch: recovery applies all of its ops or none. A crash can only cut
 * the last append short (or leave zeros where it never landed), so reading stops at a torn
 * tail: a header or record that runs past the end of the file, or an all-zero remainder. Those
 * writes were never acknowledged as synced and are dropped. Any other damage (a complete record
 * whose checksum fails, a length that fails its check) is corruption of acknowledged data and
 * is reported as such, never silently skipped.
 */
import { varintBytes, writeVarint } from '../codec/varint';
import { ByteReader, OutOfBounds, readU32 } from './bytes';
import { crc32 } from './checksum';
import { allZero } from '../codec/bytes';

export const WAL_HEADER_BYTES = 12;
/** A record longer than this is treated as garbage (a flipped length byte), not allocated. */
export const WAL_MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface WalOp {
  key: Uint8Array;
  /** null for a delete. */
  value: Uint8Array | null;
}

/** Bytes of the record holding `ops`, header included. */
export function walRecordSize(ops: readonly WalOp[]): number {
  let size = WAL_HEADER_BYTES + varintBytes(ops.length);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as WalOp;
    size += 1 + varintBytes(op.key.length) + op.key.length;
    if (op.value !== null) size += varintBytes(op.value.length) + op.value.length;
  }
  return size;
}

/** One record holding `ops`, in a fresh buffer of exactly its size (see `encodeWalRecordInto`). */
export function encodeWalRecord(ops: readonly WalOp[], positions?: Int32Array): Uint8Array {
  const out = new Uint8Array(walRecordSize(ops));
  encodeWalRecordInto(ops, out, 0, out.length, positions);
  return out;
}

/**
 * Writes the record holding `ops` into out[start, start + size), where size is
 * `walRecordSize(ops)`. With `positions` (at least 2 x ops.length long), also records where op
 * i's key (positions[2i]) and value (positions[2i+1], -1 for a delete) start inside `out`: the
 * engine's memtable keeps ranges of the record, so a write copies each key and value once.
 */
export function encodeWalRecordInto(ops: readonly WalOp[], out: Uint8Array, start: number, size: number, positions?: Int32Array): void {
  let at = writeVarint(out, start + WAL_HEADER_BYTES, ops.length);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as WalOp;
    const key = op.key;
    const value = op.value;
    out[at++] = value === null ? 1 : 0;
    at = writeVarint(out, at, key.length);
    out.set(key, at);
    if (positions !== undefined) positions[2 * i] = at;
    at += key.length;
    if (value !== null) {
      at = writeVarint(out, at, value.length);
      out.set(value, at);
      if (positions !== undefined) positions[2 * i + 1] = at;
      at += value.length;
    } else if (positions !== undefined) positions[2 * i + 1] = -1;
  }
  if (at !== start + size) throw new RangeError(`WAL record is ${at - start} bytes, not the ${size} reserved`);
  writeU32(out, start + 4, size - WAL_HEADER_BYTES);
  writeU32(out, start + 8, crc32(out, start + 4, start + 8));
  writeU32(out, start, crc32(out, start + 4, start + size));
}

function writeU32(b: Uint8Array, i: number, v: number): void {
  b[i] = v & 0xff;
  b[i + 1] = (v >>> 8) & 0xff;
  b[i + 2] = (v >>> 16) & 0xff;
  b[i + 3] = (v >>> 24) & 0xff;
}

export interface WalReadResult {
  batches: WalOp[][];
  /** Bytes of intact records from the start of the file. */
  validBytes: number;
  /** Bytes after the last intact record (the torn tail); 0 for a clean log. */
  droppedBytes: number;
  /** Why reading stopped: the end, a torn tail (crash), or damage inside acknowledged data. */
  stopReason: 'end' | 'torn-tail' | 'bad-length-check' | 'bad-checksum' | 'bad-payload' | 'too-long';
  /** True when reading stopped at corruption rather than at the end or a torn tail. */
  damaged: boolean;
}

function decodePayload(bytes: Uint8Array, start: number, end: number): WalOp[] | null {
  const r = new ByteReader(bytes, start, end);
  try {
    const count = r.varint();
    const ops: WalOp[] = [];
    for (let i = 0; i < count; i++) {
      const kind = r.u8();
      if (kind > 1) return null;
      const key = r.bytes(r.varint()).slice();
      ops.push({ key, value: kind === 1 ? null : r.bytes(r.varint()).slice() });
    }
    return r.remaining === 0 ? ops : null;
  } catch (e) {
    if (e instanceof OutOfBounds) return null;
    throw e;
  }
}

/** Decodes every intact record, stopping at the first damaged one (see the header). */
export function readWalRecords(bytes: Uint8Array): WalReadResult {
  const batches: WalOp[][] = [];
  let pos = 0;
  const stop = (stopReason: WalReadResult['stopReason']): WalReadResult => ({
    batches,
    validBytes: pos,
    droppedBytes: bytes.length - pos,
    stopReason,
    damaged: stopReason !== 'end' && stopReason !== 'torn-tail',
  });
  while (pos < bytes.length) {
    if (allZero(bytes, pos) || pos + WAL_HEADER_BYTES > bytes.length) return stop('torn-tail');
    if (crc32(bytes, pos + 4, pos + 8) !== readU32(bytes, pos + 8)) return stop('bad-length-check');
    const length = readU32(bytes, pos + 4);
    if (length > WAL_MAX_RECORD_BYTES) return stop('too-long');
    if (pos + WAL_HEADER_BYTES + length > bytes.length) return stop('torn-tail');
    if (crc32(bytes, pos + 4, pos + WAL_HEADER_BYTES + length) !== readU32(bytes, pos)) return stop('bad-checksum');
    const ops = decodePayload(bytes, pos + WAL_HEADER_BYTES, pos + WAL_HEADER_BYTES + length);
    if (ops === null) return stop('bad-payload');
    batches.push(ops);
    pos += WAL_HEADER_BYTES + length;
  }
  return stop('end');
}
