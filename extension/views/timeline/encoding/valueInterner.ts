/**
 * The encoder's table of distinct encoded values: a value's bytes are stored once and later equal
 * bytes get the same id. Lookups hash the bytes (FNV-1a) into an open-addressing table of ids and
 * compare bytes on a hash match, so interning a message builds no string and no object — on the
 * benchmark workload this runs once per send, ~170k times a run.
 */
import { ByteWriter } from './bytes';

export class ValueInterner {
  /** The distinct values' bytes, back to back, in id order. */
  readonly out = new ByteWriter();
  count = 0;
  private starts = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private slots = new Int32Array(4096).fill(-1);

  /** The id of bytes [from, to) of `buf`, adding them if they are new. */
  intern(buf: Uint8Array, from: number, to: number): number {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    const mask = this.slots.length - 1;
    let s = h & mask;
    const len = to - from;
    for (;;) {
      const id = this.slots[s] as number;
      if (id < 0) break;
      if (this.hashes[id] === h && this.sameBytes(id, buf, from, len)) return id;
      s = (s + 1) & mask;
    }
    const id = this.count++;
    if (id + 1 >= this.starts.length) this.growIds();
    this.starts[id] = this.out.pos;
    this.out.bytes(buf.subarray(from, to));
    this.starts[id + 1] = this.out.pos;
    this.hashes[id] = h;
    this.slots[s] = id;
    if (this.count * 2 > this.slots.length) this.rehash();
    return id;
  }

  private sameBytes(id: number, buf: Uint8Array, from: number, len: number): boolean {
    const start = this.starts[id] as number;
    if ((this.starts[id + 1] as number) - start !== len) return false;
    const stored = this.out.buffer;
    for (let i = 0; i < len; i++) if (stored[start + i] !== buf[from + i]) return false;
    return true;
  }

  private growIds(): void {
    const starts = new Int32Array(this.starts.length * 2);
    starts.set(this.starts);
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.starts = starts;
    this.hashes = hashes;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let s = (this.hashes[id] as number) & mask;
      while ((slots[s] as number) >= 0) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.slots = slots;
  }
}
