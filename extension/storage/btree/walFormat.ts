/**
 * The B-tree's write-ahead log (file `wal`). Two kinds of record:
 *
 * - an **ops** record is one transaction (a put, a delete or a batch): the operations
 *   themselves, keys and values, not the pages they changed. This is logical redo, as in
 *   SQLite's and most key-value engines' logs: a 116-byte put costs about 150 log bytes instead
 *   of a 4 KiB page image. Replaying it means running the operations again on the tree as of the
 *   last checkpoint; that is deterministic, so the replayed tree has the same contents (and even
 *   the same pages).
 * - an **images** record is written by a checkpoint before it overwrites any page in place:
 *   the after-image of every dirty page, plus the root and page count. It is the double-write
 *   buffer of InnoDB kept in the log: if the machine dies while the checkpoint is writing pages
 *   in place, some of them may be torn, and recovery restores all of them from this record
 *   (instead of replaying operations on top of pages that can no longer be read).
 *
 *   offset  size  field
 *   0       4     recordCrc  u32 LE, CRC-32 of bytes [8, end)
 *   4       4     headerCrc  u32 LE, CRC-32 of bytes [8, 24)
 *   8       4     bodyLength u32 LE, bytes after the 24-byte header
 *   12      1     type       1 = ops, 2 = images
 *   13      3     zero
 *   16      8     lsn        f64 LE, increasing log sequence number
 *   24      ...   body
 *
 *   ops body    := count u32 | count x (flags u8 (1 = delete) | keyLength u16 | valueLength u16 | key | value) | 0xA5
 *   images body := root u32 | pageCount u32 | count u32 | count x pageId u32 | count x image (pageSize bytes) | 0xA5
 *
 * Images are stored back to back so that a run of consecutive page ids is one contiguous slice,
 * written in place with one call.
 *
 * The file may end in zeros: before a synced write would grow the log, the tree extends it with
 * zeros (bTree.ts, `preallocate`), so that the fdatasync of later records only flushes data and
 * not the file's size, as SQLite gets by reusing its WAL file. A zero header therefore ends the
 * log. As in the hash log, a torn tail (the crash hit the last write) is told from corruption (a
 * complete record whose checksum fails, which is reported): a torn write is a prefix of the
 * record, so everything after it is zeros or the end of the file, including the record's last
 * byte, which in a complete record is the nonzero trailer 0xA5.
 */
import { allZero } from '../codec/bytes';
import { crc32 } from '../codec/crc32';
import { StorageCorruptionError } from '../codec/corruption';

export const WAL_HEADER_BYTES = 24;
const OPS = 1;
const IMAGES = 2;
const OP_HEADER_BYTES = 5;
const TRAILER = 0xa5;

export interface WalOp {
  key: Uint8Array;
  value: Uint8Array | null;
}

export interface WalOpsRecord {
  type: 'ops';
  lsn: number;
  ops: WalOp[];
}

export interface WalImagesRecord {
  type: 'images';
  lsn: number;
  root: number;
  pageCount: number;
  ids: number[];
  /** count x pageSize bytes: image i is bytes [i * pageSize, (i + 1) * pageSize). */
  images: Uint8Array;
}

export type WalRecord = WalOpsRecord | WalImagesRecord;

function seal(out: Uint8Array, type: number, lsn: number): Uint8Array {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  out[out.length - 1] = TRAILER;
  view.setUint32(8, out.length - WAL_HEADER_BYTES, true);
  view.setUint8(12, type);
  view.setFloat64(16, lsn, true);
  view.setUint32(4, crc32(out, 0, 8, WAL_HEADER_BYTES), true);
  view.setUint32(0, crc32(out, 0, 8, out.length), true);
  return out;
}

/**
 * Encodes an ops record. The returned `keys`/`values` are views into the record, so the tree
 * can keep them in its leaves without a second copy of each (and the caller's buffers, which
 * it may reuse, are never kept).
 */
export function encodeOpsRecord(
  lsn: number,
  ops: readonly WalOp[],
): { record: Uint8Array; keys: Uint8Array[]; values: Array<Uint8Array | null> } {
  let size = WAL_HEADER_BYTES + 4 + 1;
  for (const op of ops) size += OP_HEADER_BYTES + op.key.length + (op.value?.length ?? 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(WAL_HEADER_BYTES, ops.length, true);
  const keys: Uint8Array[] = [];
  const values: Array<Uint8Array | null> = [];
  let at = WAL_HEADER_BYTES + 4;
  for (const op of ops) {
    const vlen = op.value?.length ?? 0;
    view.setUint8(at, op.value === null ? 1 : 0);
    view.setUint16(at + 1, op.key.length, true);
    view.setUint16(at + 3, vlen, true);
    at += OP_HEADER_BYTES;
    out.set(op.key, at);
    keys.push(out.subarray(at, at + op.key.length));
    at += op.key.length;
    if (op.value === null) values.push(null);
    else {
      out.set(op.value, at);
      values.push(out.subarray(at, at + vlen));
    }
    at += vlen;
  }
  return { record: seal(out, OPS, lsn), keys, values };
}

/**
 * Encodes an images record; `fill(i, page)` writes page `ids[i]`'s image into `page` (a
 * zeroed, pageSize-byte view of the record).
 */
export function encodeImagesRecord(
  lsn: number,
  root: number,
  pageCount: number,
  ids: readonly number[],
  pageSize: number,
  fill: (i: number, page: Uint8Array) => void,
): { record: Uint8Array; imagesOffset: number } {
  const imagesOffset = WAL_HEADER_BYTES + 12 + 4 * ids.length;
  const out = new Uint8Array(imagesOffset + ids.length * pageSize + 1);
  const view = new DataView(out.buffer);
  view.setUint32(WAL_HEADER_BYTES, root, true);
  view.setUint32(WAL_HEADER_BYTES + 4, pageCount, true);
  view.setUint32(WAL_HEADER_BYTES + 8, ids.length, true);
  ids.forEach((id, i) => {
    view.setUint32(WAL_HEADER_BYTES + 12 + 4 * i, id, true);
    fill(i, out.subarray(imagesOffset + i * pageSize, imagesOffset + (i + 1) * pageSize));
  });
  return { record: seal(out, IMAGES, lsn), imagesOffset };
}

/** True if a record with intact checksums starts anywhere after `from` (a slow scan, run only on zeros followed by data). */
function completeRecordAfter(data: Uint8Array, view: DataView, from: number): boolean {
  let last = data.length - 1;
  while (last > from && data[last] === 0) last--;
  for (let p = from + 1; p + WAL_HEADER_BYTES <= last + 1; p++) {
    if (view.getUint32(p + 4, true) !== crc32(data, 0, p + 8, p + WAL_HEADER_BYTES)) continue;
    const end = p + WAL_HEADER_BYTES + view.getUint32(p + 8, true);
    if (end <= data.length && view.getUint32(p, true) === crc32(data, 0, p + 8, end)) return true;
  }
  return false;
}

/** Every complete record in order, and where the valid log ends (a torn tail or zeros start there). */
export function scanWal(data: Uint8Array, pageSize: number, file: string): { records: WalRecord[]; validEnd: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const records: WalRecord[] = [];
  let at = 0;
  while (data.length - at >= WAL_HEADER_BYTES) {
    if (allZero(data, at, at + WAL_HEADER_BYTES)) {
      // Zeros where a header belongs end the log (preallocated space, or a last write whose
      // first bytes never landed), unless a complete record follows: then a hole was punched
      // into synced records, which must be reported, not cut off with everything after it.
      if (completeRecordAfter(data, view, at)) throw new StorageCorruptionError(file, at, 'zeros inside the WAL, before complete records');
      break;
    }
    if (view.getUint32(at + 4, true) !== crc32(data, 0, at + 8, at + WAL_HEADER_BYTES)) {
      // A header torn by the crash is followed by nothing but zeros.
      if (allZero(data, at + WAL_HEADER_BYTES, data.length)) break;
      throw new StorageCorruptionError(file, at, 'WAL record header checksum mismatch');
    }
    const end = at + WAL_HEADER_BYTES + view.getUint32(at + 8, true);
    if (end > data.length) break;
    if (view.getUint32(at, true) !== crc32(data, 0, at + 8, end)) {
      // A torn body: its last byte (a complete record's nonzero trailer) and all after it are zeros.
      if (allZero(data, end - 1, data.length)) break;
      throw new StorageCorruptionError(file, at, 'WAL record checksum mismatch');
    }
    const type = view.getUint8(at + 12);
    const lsn = view.getFloat64(at + 16, true);
    const body = at + WAL_HEADER_BYTES;
    const bodyEnd = end - 1;
    const fail = (reason: string): never => {
      throw new StorageCorruptionError(file, at, reason);
    };
    if (type === OPS) {
      const count = bodyEnd - body >= 4 ? view.getUint32(body, true) : fail('WAL ops record too short');
      const ops: WalOp[] = [];
      let p = body + 4;
      for (let i = 0; i < count; i++) {
        if (p + OP_HEADER_BYTES > bodyEnd) fail('WAL op past the end of its record');
        const del = view.getUint8(p) === 1;
        const klen = view.getUint16(p + 1, true);
        const vlen = view.getUint16(p + 3, true);
        p += OP_HEADER_BYTES;
        if (p + klen + vlen > bodyEnd) fail('WAL op past the end of its record');
        ops.push({ key: data.slice(p, p + klen), value: del ? null : data.slice(p + klen, p + klen + vlen) });
        p += klen + vlen;
      }
      if (p !== bodyEnd) fail('WAL ops record length does not match its ops');
      records.push({ type: 'ops', lsn, ops });
    } else if (type === IMAGES) {
      if (bodyEnd - body < 12) fail('WAL images record too short');
      const count = view.getUint32(body + 8, true);
      const imagesOffset = body + 12 + 4 * count;
      if (imagesOffset + count * pageSize !== bodyEnd) fail('WAL images record length does not match its page count');
      const ids = Array.from({ length: count }, (_, i) => view.getUint32(body + 12 + 4 * i, true));
      records.push({
        type: 'images',
        lsn,
        root: view.getUint32(body, true),
        pageCount: view.getUint32(body + 4, true),
        ids,
        images: data.subarray(imagesOffset, bodyEnd),
      });
    } else fail(`unknown WAL record type ${type}`);
    at = end;
  }
  return { records, validEnd: at };
}
