/**
 * Exercise "kv-log" (lab hash-index-log): an append-only log with an in-memory hash index.
 *
 * Records are appended to one file. Each record is
 *   key length (uint32, little-endian) | value length (uint32, little-endian) | key | value
 * with key and value encoded as UTF-8. An in-memory Map holds, for every key, the byte offset
 * of its most recent record.
 *
 * Checked by tests/kv-log.test.ts, which ships with DDIA Labs:
 *   - "put then get returns the value"            → put / get
 *   - "a later put wins"                          → the index points at the newest record
 *   - "get of an unknown key is undefined"        → get
 *   - "records use the documented byte layout"    → the file format above
 *   - "open recovers every key from the file"     → KvLog.open replays the log
 */
import * as fs from 'node:fs';

export class KvLog {
  private constructor(
    private readonly file: string,
    private readonly index: Map<string, number>,
  ) {}

  /**
   * Opens the log at `file`, creating it if it does not exist, and rebuilds the index by reading
   * every record from offset 0. When a key appears more than once, the last record wins.
   */
  static open(file: string): KvLog {
    if (!fs.existsSync(file)) fs.writeFileSync(file, '');
    // TODO: read the file and fill the index.
    return new KvLog(file, new Map());
  }

  /** Appends a record for `key` and points the index at it. */
  put(key: string, value: string): void {
    // TODO: encode the record, append it to this.file, and remember its offset in this.index.
    void key;
    void value;
    throw new Error('KvLog.put is not implemented yet');
  }

  /** Returns the value of the newest record for `key`, or undefined when the key was never written. */
  get(key: string): string | undefined {
    // TODO: look up the offset, read the record at that offset, return its value.
    void key;
    return undefined;
  }

  /** Number of distinct keys in the index. */
  get size(): number {
    return this.index.size;
  }
}
