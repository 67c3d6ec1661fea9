/**
 * The LSM formats' checksum: the shared CRC-32 (../codec/crc32.ts) over a byte range.
 */
import { crc32 as crc32Continue } from '../codec/crc32';

export function crc32(data: Uint8Array, start = 0, end = data.length): number {
  return crc32Continue(data, 0, start, end);
}
