/**
 * Byte-level reading and writing for the trace encoding: unsigned LEB128 varints (up to 2^53, so
 * any safe integer fits), zigzag for signed ones, little-endian float64, UTF-8 strings. Browser-safe
 * (Uint8Array, DataView, TextEncoder/TextDecoder; no Buffer), since the webview decodes.
 *
 * The reader never reads past its end: every read checks the bounds and throws TraceDecodeError
 * saying what it was reading, so truncated or corrupt input fails with a message instead of
 * decoding garbage.
 */

export class TraceDecodeError extends Error {
  override readonly name = 'TraceDecodeError';
}

/** 128^7: a varint has at most 8 bytes (56 bits carry any safe integer). */
const MAX_VARINT_MUL = 562949953421312;

/** Zigzag: 0, -1, 1, -2, … → 0, 1, 2, 3, … for integers within ±2^52. */
export function zigzag(v: number): number {
  return v >= 0 ? v * 2 : -v * 2 - 1;
}

export function unzigzag(u: number): number {
  return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
}

export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  private static readonly encoder = new TextEncoder();
  pos = 0;

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
    this.view = new DataView(b.buffer);
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  /** Unsigned varint; v must be a non-negative safe integer. */
  uvar(v: number): void {
    this.ensure(8);
    const buf = this.buf;
    let p = this.pos;
    if (v < 0x80000000) {
      while (v >= 0x80) {
        buf[p++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      buf[p++] = v;
    } else {
      while (v >= 0x80) {
        buf[p++] = (v % 128) | 0x80;
        v = Math.floor(v / 128);
      }
      buf[p++] = v;
    }
    this.pos = p;
  }

  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Length-prefixed UTF-8. */
  str(s: string): void {
    // ASCII (ids, keys, most values) is copied by hand: TextEncoder costs more for short strings.
    this.ensure(s.length * 3 + 9);
    if (isAscii(s)) {
      this.uvar(s.length);
      const buf = this.buf;
      let p = this.pos;
      for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
      this.pos = p;
      return;
    }
    const bytes = ByteWriter.encoder.encode(s);
    this.uvar(bytes.length);
    this.bytes(bytes);
  }

  /** Overwrite 4 bytes at `at` (a slot reserved earlier). */
  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }

  /** The current backing buffer (valid until the next write that grows it). */
  get buffer(): Uint8Array {
    return this.buf;
  }

  /** The bytes written so far (a view, not a copy). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Bytes [from, pos) (a view). */
  slice(from: number): Uint8Array {
    return this.buf.subarray(from, this.pos);
  }

  truncate(to: number): void {
    this.pos = to;
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

export class ByteReader {
  private readonly view: DataView;
  private static readonly decoder = new TextDecoder('utf-8', { fatal: true });
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = start;
  }

  private need(n: number, what: string): void {
    if (this.pos + n > this.end) throw new TraceDecodeError(`truncated: ${what} at byte ${this.pos} runs past the end (${this.end})`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.buf[this.pos++] as number;
  }

  uvar(what: string): number {
    const buf = this.buf;
    let p = this.pos;
    let v = 0;
    let mul = 1;
    for (;;) {
      if (p >= this.end) throw new TraceDecodeError(`truncated: ${what} (a varint) at byte ${this.pos} runs past the end`);
      const b = buf[p++] as number;
      v += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
      if (mul > MAX_VARINT_MUL) throw new TraceDecodeError(`corrupt: ${what} (a varint) at byte ${this.pos} is longer than 8 bytes`);
    }
    if (v > Number.MAX_SAFE_INTEGER) throw new TraceDecodeError(`corrupt: ${what} (a varint) at byte ${this.pos} exceeds 2^53`);
    this.pos = p;
    return v;
  }

  f64(what: string): number {
    this.need(8, what);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  str(what: string): string {
    const n = this.uvar(`${what} length`);
    this.need(n, what);
    const buf = this.buf;
    const start = this.pos;
    let ascii = true;
    for (let i = start; i < start + n; i++) {
      if ((buf[i] as number) > 0x7f) {
        ascii = false;
        break;
      }
    }
    this.pos += n;
    if (ascii) {
      // Short ASCII strings (ids, keys, most values) decode faster by hand than through TextDecoder.
      if (n < 64) {
        let s = '';
        for (let i = start; i < start + n; i++) s += String.fromCharCode(buf[i] as number);
        return s;
      }
    }
    try {
      return ByteReader.decoder.decode(buf.subarray(start, start + n));
    } catch {
      throw new TraceDecodeError(`corrupt: ${what} at byte ${start} is not valid UTF-8`);
    }
  }
}
