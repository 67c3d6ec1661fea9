/**
 * CRC-32 (IEEE 802.3 polynomial, reflected, as in zlib, PNG and gzip), table-driven with slicing
 * by 4 bytes per step. Every record and page our engines write carries one, so a torn or flipped
 * byte is detected instead of being returned as data.
 *
 * `crc32(data)` is the checksum of `data`; `crc32(more, crc32(data))` continues it, so a checksum
 * over several pieces equals the checksum of their concatenation.
 */
import * as zlib from 'node:zlib';

const POLY = 0xedb88320;

/** zlib's CRC-32 (Node >= 20.15; hardware-assisted), used for ranges long enough to pay for the call. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
const NATIVE_MIN_BYTES = 64;

const TABLES: Uint32Array[] = (() => {
  const t0 = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? POLY ^ (c >>> 1) : c >>> 1;
    t0[n] = c >>> 0;
  }
  const tables = [t0];
  for (let i = 1; i < 4; i++) {
    const prev = tables[i - 1] as Uint32Array;
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) t[n] = ((prev[n] as number) >>> 8) ^ (t0[(prev[n] as number) & 0xff] as number);
    tables.push(t);
  }
  return tables;
})();

const [T0, T1, T2, T3] = TABLES as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];

export function crc32(data: Uint8Array, previous = 0, start = 0, end = data.length): number {
  if (nativeCrc32 !== undefined && end - start >= NATIVE_MIN_BYTES) {
    return nativeCrc32(start === 0 && end === data.length ? data : data.subarray(start, end), previous) >>> 0;
  }
  return crc32Portable(data, previous, start, end);
}

/** The table-driven CRC-32 in plain JavaScript (short ranges, and runtimes without zlib.crc32). */
export function crc32Portable(data: Uint8Array, previous = 0, start = 0, end = data.length): number {
  let c = ~previous >>> 0;
  let i = start;
  // Four bytes per step through four tables: about 3x faster than one byte per step in V8.
  for (; i + 4 <= end; i += 4) {
    c ^= (data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24);
    c = (T3[c & 0xff] as number) ^ (T2[(c >>> 8) & 0xff] as number) ^ (T1[(c >>> 16) & 0xff] as number) ^ (T0[c >>> 24] as number);
  }
  for (; i < end; i++) c = (T0[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}
