/**
 * Small files on the local disk, for the stores that keep their state in one file each (bench
 * baselines for the CLI and the SDK, a lab's files copied by the CLI): read a file or learn that
 * it is not there, and replace one whole.
 *
 * Writes are atomic: the data goes to a temporary file beside the target, which is then renamed
 * over it, so a crash or a full disk leaves the old file or the new one, never a torn mix (a
 * half-written baseline would otherwise read as corrupt JSON on the next run).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

let tempCounter = 0;

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The file's bytes, or undefined when it does not exist (any other error is thrown). */
export async function readBytesIfExists(file: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}

/** The file as UTF-8 text, or undefined when it does not exist (any other error is thrown). */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}

/** Replaces `file` with `data` (strings as UTF-8) atomically, creating its parent folders. */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Same folder, so the rename stays on one file system; pid and counter keep concurrent writers
  // (two CLI runs, two saves in one process) off each other's temporary file.
  const temp = `${file}.${process.pid}-${tempCounter++}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Text files (bench baselines): the shape of `FileStore` in extension/perf/bench/baseline.ts. */
export const nodeTextFiles = { read: readTextIfExists, write: writeFileAtomic };

/** Byte files (a lab's files): the shape of `LabFileAccess` in extension/catalog/labCopy.ts. */
export const nodeByteFiles = { read: readBytesIfExists, write: writeFileAtomic };
