/**
 * A `FileSystem` over real files under one root folder (a lab's scratch folder). Paths are
 * relative to the root and cannot escape it ('..' is rejected). `sync` is a real fsync and
 * `syncDir` fsyncs the directory, so the durability contract holds against power loss as far as
 * the OS and disk honour fsync.
 */
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { type FileHandle, type FileSystem, type OpenMode, StorageIoError } from '../storage/fs/fileSystem';
import { normalizePath } from '../storage/fs/paths';

type IoCode = StorageIoError['code'];

function toIoError(e: unknown, path: string): StorageIoError {
  const errno = (e as NodeJS.ErrnoException).code;
  const code: IoCode = errno === 'ENOENT' || errno === 'EEXIST' || errno === 'ENOTDIR' ? errno : 'EIO';
  return new StorageIoError(`${(e as Error).message}`, code, path);
}

function wrap<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StorageIoError) throw e;
    throw toIoError(e, path);
  }
}

class DiskHandle implements FileHandle {
  private fd: number | null;

  constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  read(position: number, length: number): Uint8Array {
    const fd = this.open();
    return wrap(this.path, () => {
      const buf = new Uint8Array(Math.max(0, length));
      let got = 0;
      // readSync may return short counts; loop until the request is filled or the file ends.
      while (got < buf.length) {
        const n = nodeFs.readSync(fd, buf, got, buf.length - got, position + got);
        if (n === 0) break;
        got += n;
      }
      return got === buf.length ? buf : buf.subarray(0, got);
    });
  }

  write(position: number, data: Uint8Array): void {
    const fd = this.open();
    wrap(this.path, () => {
      let done = 0;
      while (done < data.length) done += nodeFs.writeSync(fd, data, done, data.length - done, position + done);
    });
  }

  append(data: Uint8Array): number {
    // The size is asked of the OS each time (not cached) so two handles on one file stay correct.
    const at = this.size();
    this.write(at, data);
    return at;
  }

  size(): number {
    const fd = this.open();
    return wrap(this.path, () => nodeFs.fstatSync(fd).size);
  }

  truncate(length: number): void {
    const fd = this.open();
    wrap(this.path, () => nodeFs.ftruncateSync(fd, length));
  }

  sync(): void {
    const fd = this.open();
    // fdatasync, as LevelDB and SQLite use: it flushes the data and the metadata needed to read
    // it back (the size), and skips the timestamps, which saves a journal write per sync.
    wrap(this.path, () => nodeFs.fdatasyncSync(fd));
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    wrap(this.path, () => nodeFs.closeSync(fd));
  }

  private open(): number {
    if (this.fd === null) throw new StorageIoError(`handle closed: ${this.path}`, 'ECLOSED', this.path);
    return this.fd;
  }
}

export class DiskFileSystem implements FileSystem {
  constructor(readonly rootDir: string) {}

  private abs(path: string): string {
    return nodePath.join(this.rootDir, normalizePath(path));
  }

  open(path: string, mode: OpenMode): FileHandle {
    const p = normalizePath(path);
    const flags = mode === 'read' ? 'r' : mode === 'create' ? 'wx+' : nodeFs.constants.O_RDWR | nodeFs.constants.O_CREAT;
    const fd = wrap(p, () => nodeFs.openSync(this.abs(p), flags, 0o644));
    return mode === 'read' ? new ReadOnlyDiskHandle(p, fd) : new DiskHandle(p, fd);
  }

  exists(path: string): boolean {
    return nodeFs.existsSync(this.abs(path));
  }

  list(dir: string): string[] {
    return wrap(normalizePath(dir), () => nodeFs.readdirSync(this.abs(dir)).sort());
  }

  mkdirp(dir: string): void {
    wrap(normalizePath(dir), () => nodeFs.mkdirSync(this.abs(dir), { recursive: true }));
  }

  remove(path: string): void {
    const abs = this.abs(path);
    wrap(normalizePath(path), () => {
      if (nodeFs.statSync(abs).isDirectory()) nodeFs.rmdirSync(abs);
      else nodeFs.unlinkSync(abs);
    });
  }

  rename(from: string, to: string): void {
    wrap(normalizePath(from), () => nodeFs.renameSync(this.abs(from), this.abs(to)));
  }

  syncDir(dir: string): void {
    wrap(normalizePath(dir), () => {
      const fd = nodeFs.openSync(this.abs(dir), 'r');
      try {
        nodeFs.fsyncSync(fd);
      } finally {
        nodeFs.closeSync(fd);
      }
    });
  }

  readFile(path: string): Uint8Array {
    return wrap(normalizePath(path), () => new Uint8Array(nodeFs.readFileSync(this.abs(path))));
  }

  writeFile(path: string, data: Uint8Array): void {
    wrap(normalizePath(path), () => nodeFs.writeFileSync(this.abs(path), data));
  }
}

/** Node lets writes through an 'r' descriptor fail with EBADF; this reports them as the memory fs does. */
class ReadOnlyDiskHandle extends DiskHandle {
  override write(): void {
    throw new StorageIoError(`opened read-only: ${this.path}`, 'EIO', this.path);
  }
  override truncate(): void {
    throw new StorageIoError(`opened read-only: ${this.path}`, 'EIO', this.path);
  }
}

/** A disk file system over a fresh temporary folder; `dispose()` deletes the folder and everything in it. */
export interface ScratchFileSystem extends FileSystem {
  readonly rootDir: string;
  dispose(): void;
}

export function createScratchFileSystem(prefix = 'ddia-labs-'): ScratchFileSystem {
  const root = nodeFs.mkdtempSync(nodePath.join(os.tmpdir(), prefix));
  const fs = new DiskFileSystem(root) as DiskFileSystem & { dispose(): void };
  fs.dispose = () => nodeFs.rmSync(root, { recursive: true, force: true });
  return fs;
}
