/**
 * Reference solution for exercise "kv-log" (lab hash-index-log). Same public API as the starter.
 * Record layout: key length (u32 LE) | value length (u32 LE) | key (UTF-8) | value (UTF-8).
 */
import * as fs from 'node:fs';

const HEADER_BYTES = 8;

export class KvLog {
  private constructor(
    private readonly file: string,
    private readonly index: Map<string, number>,
    private end: number,
  ) {}

  static open(file: string): KvLog {
    if (!fs.existsSync(file)) fs.writeFileSync(file, '');
    const bytes = fs.readFileSync(file);
    const index = new Map<string, number>();
    let offset = 0;
    while (offset + HEADER_BYTES <= bytes.length) {
      const keyLength = bytes.readUInt32LE(offset);
      const valueLength = bytes.readUInt32LE(offset + 4);
      const next = offset + HEADER_BYTES + keyLength + valueLength;
      // A record that runs past the end of the file was torn by a crash: stop before it.
      if (next > bytes.length) break;
      index.set(bytes.toString('utf8', offset + HEADER_BYTES, offset + HEADER_BYTES + keyLength), offset);
      offset = next;
    }
    return new KvLog(file, index, offset);
  }

  put(key: string, value: string): void {
    const k = Buffer.from(key, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(k.length, 0);
    header.writeUInt32LE(v.length, 4);
    fs.appendFileSync(this.file, Buffer.concat([header, k, v]));
    this.index.set(key, this.end);
    this.end += HEADER_BYTES + k.length + v.length;
  }

  get(key: string): string | undefined {
    const offset = this.index.get(key);
    if (offset === undefined) return undefined;
    const fd = fs.openSync(this.file, 'r');
    try {
      const header = Buffer.alloc(HEADER_BYTES);
      fs.readSync(fd, header, 0, HEADER_BYTES, offset);
      const keyLength = header.readUInt32LE(0);
      const valueLength = header.readUInt32LE(4);
      const value = Buffer.alloc(valueLength);
      fs.readSync(fd, value, 0, valueLength, offset + HEADER_BYTES + keyLength);
      return value.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  }

  get size(): number {
    return this.index.size;
  }
}
