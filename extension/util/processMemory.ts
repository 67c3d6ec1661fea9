/**
 * How much memory another process holds: its resident set size (RSS), the memory it actually
 * occupies, whatever holds it (V8 heap, Buffers, native allocations). A memory limit on a
 * learner's process must count all of it: a V8 heap limit alone let a cell hold 3 GB of Buffers
 * under a 1 GB limit.
 *
 * Linux reads /proc/<pid>/status (one small read, cheap enough to sample every 100 ms); other
 * POSIX systems ask `ps`. Windows answers undefined: there the process reports its own
 * (`process.memoryUsage.rss()`). Node only, no vscode.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';

/** The process's resident set size in bytes, or undefined when it is gone or cannot be read here. */
export async function readRssBytes(pid: number): Promise<number | undefined> {
  if (process.platform === 'linux') {
    try {
      const status = await fs.promises.readFile(`/proc/${pid}/status`, 'latin1');
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      return kb ? Number(kb[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }
  if (process.platform === 'win32') return undefined;
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'rss=', '-p', String(pid)], { timeout: 2000 }, (err, stdout) => {
      const kb = err ? NaN : Number(stdout.trim());
      resolve(Number.isFinite(kb) && kb > 0 ? kb * 1024 : undefined);
    });
  });
}

/** Whether readRssBytes can measure another process on this platform. */
export function canReadRss(): boolean {
  return process.platform !== 'win32';
}
