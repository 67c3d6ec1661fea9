/**
 * A cheap reader of /proc and /sys for samplers that read the same few files every second.
 *
 * fsReader's `readFile` costs an open, an fstat, reads, a close and a trip through libuv's
 * thread pool per file per tick; at nine files a second that is most of a sampler's own CPU.
 * Here each path is opened once and re-read with one positioned read (pread at offset 0) into
 * one reused buffer: procfs and sysfs regenerate a file's text on every read from offset 0, so
 * the answer is as fresh as a new open. Reads are synchronous because they never touch a disk
 * (these files are generated in memory by the kernel, in microseconds), which also saves the
 * promise and thread-pool hand-offs. A path that cannot be opened or read is remembered as
 * missing for `retryMs`, then tried again (an interface may come up later).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { type TextReader } from '../use/readSnapshot';

export interface ProcReader extends TextReader {
  /** Closes every cached file handle; the reader reopens files if used again. */
  close(): void;
  /** Open handles, for tests and the overhead benchmark. */
  readonly openFiles: number;
}

export function procReader(opts: { retryMs?: number; now?: () => number } = {}): ProcReader {
  const fds = new Map<string, number>();
  const missingUntil = new Map<string, number>();
  const retryMs = opts.retryMs ?? 60_000;
  const now = opts.now ?? (() => performance.now());
  // /proc/stat on a 64-CPU machine is ~10 KB; the buffer grows when a file fills it.
  let buf = Buffer.allocUnsafe(16 * 1024);

  const readAll = (fd: number): string => {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, 0);
      if (n < buf.length) return buf.toString('latin1', 0, n);
      buf = Buffer.allocUnsafe(buf.length * 2);
    }
  };

  const forget = (path: string): void => {
    const fd = fds.get(path);
    if (fd !== undefined) {
      fds.delete(path);
      try {
        closeSync(fd);
      } catch {
        // Already closed: nothing to release.
      }
    }
  };

  const readTextSync = (path: string): string | undefined => {
    const until = missingUntil.get(path);
    if (until !== undefined && now() < until) return undefined;
    let fd = fds.get(path);
    try {
      if (fd === undefined) {
        fd = openSync(path, 'r');
        fds.set(path, fd);
      }
      return readAll(fd);
    } catch {
      forget(path);
      missingUntil.set(path, now() + retryMs);
      return undefined;
    }
  };

  return {
    // Text in these files is ASCII; latin1 decoding is the cheapest exact decoder for it.
    readText: (path) => Promise.resolve(readTextSync(path)),
    close() {
      for (const p of [...fds.keys()]) forget(p);
      missingUntil.clear();
    },
    get openFiles() {
      return fds.size;
    },
  };
}
