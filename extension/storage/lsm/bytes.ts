/**
 * Byte helpers shared by the LSM formats: key comparison, varints, a growable writer and a
 * bounds-checked reader. Keys and values are raw bytes; strings are UTF-8 encoded on the way in.
 */
import { decodeVarint, VARINT_MAX_BYTES, VARINT_TRUNCATED, VARINT_U32, VarintError, writeVarint } from '../codec/varint';

const decoder = new TextDecoder();

export type BytesLike = Uint8Array | string;

export { toBytes } from '../codec/bytes';

export function bytesToString(b: Uint8Array): string {
  return decoder.decode(b);
}

/** Lexicographic byte order (memcmp, shorter prefix first), the order of every table. */
export { compareBytes } from '../codec/bytes';

/** Printable form for renderers and error messages: UTF-8 text if printable ASCII, else hex. */
export function displayKey(b: Uint8Array): string {
  for (const c of b) if (c < 0x20 || c > 0x7e) return '0x' + Buffer.from(b).toString('hex');
  return decoder.decode(b);
}

/** Appends bytes into a buffer that grows by doubling, so building a block is amortised O(n). */
export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }

  get length(): number {
    return this.len;
  }

  private reserve(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    const next = new Uint8Array(Math.max(need, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(v: number): void {
    this.reserve(1);
    this.buf[this.len++] = v & 0xff;
  }

  u32(v: number): void {
    this.reserve(4);
    const b = this.buf;
    const i = this.len;
    b[i] = v & 0xff;
    b[i + 1] = (v >>> 8) & 0xff;
    b[i + 2] = (v >>> 16) & 0xff;
    b[i + 3] = (v >>> 24) & 0xff;
    this.len += 4;
  }

  /** Little-endian 64-bit unsigned from a safe integer (file offsets and sizes). */
  u64(v: number): void {
    this.u32(v >>> 0);
    this.u32(Math.floor(v / 0x100000000));
  }

  /** A varint (codec/varint.ts) of at most `max`; throws `VarintRangeError` outside [0, max]. */
  varint(v: number, max = VARINT_U32): void {
    this.reserve(VARINT_MAX_BYTES);
    this.len = writeVarint(this.buf, this.len, v, max);
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  /** `bytes(data.subarray(off, off + n))` without making the view (a loop for short ranges). */
  range(data: Uint8Array, off: number, n: number): void {
    this.reserve(n);
    if (n > 64) this.buf.set(data.subarray(off, off + n), this.len);
    else {
      const b = this.buf;
      const at = this.len;
      for (let i = 0; i < n; i++) b[at + i] = data[off + i] as number;
    }
    this.len += n;
  }

  /** A view of what was written (not a copy; stop writing before using it). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  reset(): void {
    this.len = 0;
  }
}

/**
 * Thrown by `ByteReader` when a read would run past the end, or a varint is wider than its
 * declared maximum; decoders turn it into a typed error.
 */
export class OutOfBounds extends Error {
  constructor(
    readonly offset: number,
    message = `read past the end at offset ${offset}`,
  ) {
    super(message);
  }
}

export class ByteReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  u8(): number {
    if (this.pos + 1 > this.end) throw new OutOfBounds(this.pos);
    return this.buf[this.pos++] as number;
  }

  u32(): number {
    if (this.pos + 4 > this.end) throw new OutOfBounds(this.pos);
    const v = readU32(this.buf, this.pos);
    this.pos += 4;
    return v;
  }

  u64(): number {
    const lo = this.u32();
    const hi = this.u32();
    return hi * 0x100000000 + lo;
  }

  varint(max = VARINT_U32): number {
    const v = decodeVarint(this.buf, this, this.end, max);
    if (v >= 0) return v;
    // The same offsets as any other read: where the bytes ran out, or where the bad varint starts.
    if (v === VARINT_TRUNCATED) throw new OutOfBounds(this.end);
    throw new OutOfBounds(this.pos, new VarintError('overflow', this.pos, max).message);
  }

  bytes(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.end) throw new OutOfBounds(this.pos);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

export function readU32(b: Uint8Array, i: number): number {
  return ((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24)) >>> 0;
}
