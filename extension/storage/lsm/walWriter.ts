/**
 * Appends write batches to the current log file (format in walFormat.ts). Unsynced records are
 * gathered in a user-space buffer and written in chunks, which a crash may lose, exactly as it
 * may lose unsynced bytes in the OS page cache; a synced write pushes the buffer out and fsyncs
 * before it returns, so an acknowledged synced write survives any crash.
 */
import { ByteWriter } from './bytes';
import { type FileHandle } from '../fs/fileSystem';
import { type StorageCounters } from '../stats';

const BUFFER_BYTES = 64 * 1024;

export class WalWriter {
  private readonly pending = new ByteWriter(BUFFER_BYTES + 4096);
  private bytes = 0;
  /** Bytes already handed to the file (the buffered rest follows at this offset). */
  private written = 0;

  constructor(
    readonly number: number,
    private readonly file: FileHandle,
    private readonly counters: StorageCounters,
  ) {
    this.bytes = file.size();
    this.written = this.bytes;
  }

  /** Bytes in the log, buffered ones included. */
  get sizeBytes(): number {
    return this.bytes;
  }

  /** Appends one encoded record (walFormat.ts `encodeWalRecord`). */
  append(rec: Uint8Array, sync: boolean): void {
    this.bytes += rec.length;
    if (this.pending.length === 0 && rec.length >= BUFFER_BYTES) {
      // A big batch goes straight to the file instead of through the buffer.
      this.file.write(this.written, rec);
      this.written += rec.length;
      this.counters.diskBytesWritten += rec.length;
    } else this.pending.bytes(rec);
    if (sync) this.sync();
    else if (this.pending.length >= BUFFER_BYTES) this.drain();
  }

  private drain(): void {
    if (this.pending.length === 0) return;
    // A positional write at the tracked end: one syscall, no size query.
    this.file.write(this.written, this.pending.finish());
    this.written += this.pending.length;
    this.counters.diskBytesWritten += this.pending.length;
    this.pending.reset();
  }

  sync(): void {
    this.drain();
    this.file.sync();
    this.counters.fsyncs++;
  }

  close(): void {
    this.drain();
    this.file.close();
  }
}
