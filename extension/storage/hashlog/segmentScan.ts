/**
 * The recovery scan of one segment: validates every record (see recordFormat.ts) and returns the
 * ones that belong to complete batches, in file order, plus where the valid data ends.
 *
 * - A torn tail (the file stops inside a record, or inside a batch) ends the scan: `validEnd`
 *   is the start of the torn record or of its unfinished batch, and the caller truncates there.
 *   Only the active (last) segment may have one: closed segments were synced before the next
 *   one was created, so for them a torn tail is reported as corruption.
 * - A record whose header or body checksum fails is corruption: a `StorageCorruptionError`
 *   naming the file and offset, never a guess about where the next record starts.
 */
import { StorageCorruptionError } from '../codec/corruption';
import { FLAG_MORE, FLAG_TOMBSTONE, checkHeader, recordBytes, recordChecksumOk } from './recordFormat';

export interface ScannedRecord {
  key: Uint8Array;
  offset: number;
  length: number;
  tombstone: boolean;
}

export interface SegmentScan {
  records: ScannedRecord[];
  validEnd: number;
  /** True when bytes after validEnd were a torn tail. */
  torn: boolean;
}

export function scanSegment(data: Uint8Array, file: string, allowTornTail: boolean): SegmentScan {
  const records: ScannedRecord[] = [];
  let batch: ScannedRecord[] = [];
  let batchStart = 0;
  let at = 0;
  while (at < data.length) {
    const check = checkHeader(data, at, data.length);
    if (check.kind === 'corrupt') throw new StorageCorruptionError(file, at, check.reason);
    if (check.kind === 'torn') break;
    const { header } = check;
    if (!recordChecksumOk(data, at, header)) throw new StorageCorruptionError(file, at, 'record checksum mismatch');
    const length = recordBytes(header.keyLength, header.valueLength);
    if (batch.length === 0) batchStart = at;
    batch.push({
      key: data.slice(at + header.headerBytes, at + header.headerBytes + header.keyLength),
      offset: at,
      length,
      tombstone: (header.flags & FLAG_TOMBSTONE) !== 0,
    });
    at += length;
    if ((header.flags & FLAG_MORE) === 0) {
      records.push(...batch);
      batch = [];
    }
  }
  const validEnd = batch.length > 0 ? batchStart : at;
  const torn = validEnd < data.length;
  if (torn && !allowTornTail) throw new StorageCorruptionError(file, validEnd, 'incomplete record in a closed segment');
  return { records, validEnd, torn };
}
