/**
 * A memtable's entries, in key order, packed into one buffer, so a background flush hands the
 * worker a single transferable ArrayBuffer (no per-entry structured clone, no re-sorting):
 *
 *   entry = keyLength: u32 | valueLength: u32 (0xffffffff: tombstone) | key | value
 *
 * integers little-endian; entries back to back in strictly increasing key order.
 */
import { type Memtable } from './memtable';

const TOMBSTONE = 0xffffffff;

function putU32(out: Uint8Array, at: number, v: number): void {
  out[at] = v & 0xff;
  out[at + 1] = (v >>> 8) & 0xff;
  out[at + 2] = (v >>> 16) & 0xff;
  out[at + 3] = (v >>> 24) & 0xff;
}

function getU32(b: Uint8Array, at: number): number {
  return ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>> 0;
}

/** Copies src[off, off + len) to out at `at`; returns the end. Short ranges byte by byte: a `subarray` view per key and value would cost more than the copy. */
function copy(out: Uint8Array, at: number, src: Uint8Array, off: number, len: number): number {
  if (len > 256) out.set(src.subarray(off, off + len), at);
  else for (let i = 0; i < len; i++) out[at + i] = src[off + i] as number;
  return at + len;
}

/** The memtable's entries as one packed buffer (see the header); its byte length is exact. */
export function packMemtable(m: Memtable): Uint8Array {
  // approximateBytes counts 16 bytes of overhead per entry, more than the 8-byte header, so it
  // is enough unless overwrites skewed it; grow if ever needed.
  let out = new Uint8Array(m.approximateBytes + 1024);
  let at = 0;
  m.forEachRange((kbuf, koff, klen, vbuf, voff, vlen) => {
    const need = at + 8 + klen + vlen;
    if (need > out.length) {
      const bigger = new Uint8Array(Math.max(need, out.length * 2));
      bigger.set(out.subarray(0, at));
      out = bigger;
    }
    putU32(out, at, klen);
    putU32(out, at + 4, vbuf === null ? TOMBSTONE : vlen);
    at = copy(out, at + 8, kbuf, koff, klen);
    if (vbuf !== null) at = copy(out, at, vbuf, voff, vlen);
  });
  return out.subarray(0, at);
}

/** Calls `fn` with each entry's ranges of a packed buffer, in order. */
export function forEachPacked(
  b: Uint8Array,
  fn: (kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number) => void,
): number {
  let count = 0;
  for (let at = 0; at < b.length; count++) {
    if (at + 8 > b.length) throw new RangeError(`packed entries cut short at byte ${at}`);
    const klen = getU32(b, at);
    const v = getU32(b, at + 4);
    const vlen = v === TOMBSTONE ? 0 : v;
    const koff = at + 8;
    if (koff + klen + vlen > b.length) throw new RangeError(`packed entry at byte ${at} runs past the end`);
    fn(b, koff, klen, v === TOMBSTONE ? null : b, koff + klen, vlen);
    at = koff + klen + vlen;
  }
  return count;
}
