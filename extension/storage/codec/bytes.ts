/**
 * Keys and values: the engines store bytes. The public APIs accept `Uint8Array | string` and
 * encode strings as UTF-8 at the edge; reads return `Uint8Array` (use `bytesToText` to decode).
 * Inside an engine a key is also kept as a "binary string" (one char per byte, latin1), which
 * makes it usable as a `Map` key and sorts exactly like the bytes (unsigned, lexicographic).
 */
export type BytesLike = Uint8Array | string;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Bytes of a key or value. A Node `Buffer` (a Uint8Array subclass) becomes a plain Uint8Array
 * view of the same memory: keeping every key one class keeps the comparison loops monomorphic,
 * which V8 compiles to much faster code.
 */
export function toBytes(b: BytesLike): Uint8Array {
  if (typeof b === 'string') return encoder.encode(b);
  return b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** A private copy in a fresh plain Uint8Array (Buffer's `slice` would be a view, not a copy). */
export function copyBytes(b: Uint8Array): Uint8Array {
  const c = new Uint8Array(b.length);
  c.set(b);
  return c;
}

export function bytesToText(b: Uint8Array): string {
  return decoder.decode(b);
}

export function bytesToBinary(b: Uint8Array): string {
  let s = '';
  // Chunked to stay under the engine's argument-count limit for long keys.
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

export function binaryToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Unsigned lexicographic comparison, like memcmp then length. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return compareRanges(a, 0, a.length, b, 0, b.length);
}

/** compareBytes(a[aoff, aoff + alen), b[boff, boff + blen)) without making views. */
export function compareRanges(a: Uint8Array, aoff: number, alen: number, b: Uint8Array, boff: number, blen: number): number {
  const n = Math.min(alen, blen);
  for (let i = 0; i < n; i++) {
    const d = (a[aoff + i] as number) - (b[boff + i] as number);
    if (d !== 0) return d;
  }
  return alen - blen;
}

/** True if b[from, to) holds only zero bytes (how the logs tell unwritten space from records). */
export function allZero(b: Uint8Array, from = 0, to = b.length): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false;
  return true;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return compareBytes(a, b) === 0;
}
