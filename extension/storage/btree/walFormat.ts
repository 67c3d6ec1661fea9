/**
 * The B-tree's redo write-ahead log (file `wal`). Each record is one transaction (a put, a
 * delete or a batch) and carries the full after-image of every page it changed plus the tree's
 * root and page count afterwards: physical redo, as PostgreSQL's full-page writes. Replaying a
 * record is idempotent, which keeps recovery simple and makes a torn page in the page file
 * harmless (its image is in the log).
 *
 *   offset  size  field
 *   0       4     recordCrc  u32 LE, CRC-32 of bytes [8, end)
 *   4       4     headerCrc  u32 LE, CRC-32 of bytes [8, 32)
 *   8       4     bodyLength u32 LE, bytes after the 32-byte header
 *   12      8     lsn        f64 LE, increasing log sequence number
 *   20      4     root       u32 LE
 *   24      4     pageCount  u32 LE
 *   28      4     pages      u32 LE, number of page images
 *   32      ...   pages x (pageId u32 LE | image, pageSize bytes)
 *
 * As in the hash log, the separate header checksum tells a torn tail (file ends inside a
 * record) from corruption (a complete record whose checksum fails), which is reported.
 */
import { crc32 } from '../codec/crc32';
import { StorageCorruptionError } from '../codec/corruption';

export const WAL_HEADER_BYTES = 32;

export interface WalRecord {
  lsn: number;
  root: number;
  pageCount: number;
  pages: Array<{ id: number; image: Uint8Array }>;
}

export function encodeWalRecord(r: WalRecord, pageSize: number): Uint8Array {
  const body = r.pages.length * (4 + pageSize);
  const out = new Uint8Array(WAL_HEADER_BYTES + body);
  const view = new DataView(out.buffer);
  view.setUint32(8, body, true);
  view.setFloat64(12, r.lsn, true);
  view.setUint32(20, r.root, true);
  view.setUint32(24, r.pageCount, true);
  view.setUint32(28, r.pages.length, true);
  let at = WAL_HEADER_BYTES;
  for (const p of r.pages) {
    view.setUint32(at, p.id, true);
    out.set(p.image, at + 4);
    at += 4 + pageSize;
  }
  view.setUint32(4, crc32(out, 0, 8, WAL_HEADER_BYTES), true);
  view.setUint32(0, crc32(out, 0, 8, out.length), true);
  return out;
}

/** Every complete record in order, and where the valid log ends (a torn tail starts there). */
export function scanWal(data: Uint8Array, pageSize: number, file: string): { records: WalRecord[]; validEnd: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const records: WalRecord[] = [];
  let at = 0;
  while (data.length - at >= WAL_HEADER_BYTES) {
    if (view.getUint32(at + 4, true) !== crc32(data, 0, at + 8, at + WAL_HEADER_BYTES)) {
      throw new StorageCorruptionError(file, at, 'WAL record header checksum mismatch');
    }
    const body = view.getUint32(at + 8, true);
    const count = view.getUint32(at + 28, true);
    if (body !== count * (4 + pageSize)) throw new StorageCorruptionError(file, at, 'WAL record length does not match its page count');
    const end = at + WAL_HEADER_BYTES + body;
    if (end > data.length) break;
    if (view.getUint32(at, true) !== crc32(data, 0, at + 8, end))
      throw new StorageCorruptionError(file, at, 'WAL record checksum mismatch');
    const pages: WalRecord['pages'] = [];
    for (let p = at + WAL_HEADER_BYTES; p < end; p += 4 + pageSize) {
      pages.push({ id: view.getUint32(p, true), image: data.slice(p + 4, p + 4 + pageSize) });
    }
    records.push({
      lsn: view.getFloat64(at + 12, true),
      root: view.getUint32(at + 20, true),
      pageCount: view.getUint32(at + 24, true),
      pages,
    });
    at = end;
  }
  return { records, validEnd: at };
}
