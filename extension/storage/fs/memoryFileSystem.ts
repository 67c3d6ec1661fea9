/**
 * An in-memory `FileSystem`: fast, deterministic, and the backing store of the fault-injecting
 * wrapper. Every write is immediately "durable" here (there is no crash to lose it); use
 * `FaultyFileSystem` to model what a crash does.
 *
 * Semantics follow POSIX where engines rely on them: a handle keeps working on its file after the
 * file is removed or renamed (it holds the inode, not the name); `rename` replaces the target
 * atomically; files can only be created in an existing directory.
 */
import { type FileHandle, type FileSystem, type OpenMode, StorageIoError } from './fileSystem';
import { baseName, normalizePath, parentDir } from './paths';

/** File contents with spare capacity so appends are amortised O(1). */
export class MemoryInode {
  private buf = new Uint8Array(0);
  private len = 0;

  get length(): number {
    return this.len;
  }

  read(position: number, length: number): Uint8Array {
    const start = Math.min(Math.max(0, position), this.len);
    const end = Math.min(this.len, start + Math.max(0, length));
    return this.buf.slice(start, end);
  }

  write(position: number, data: Uint8Array): void {
    if (position < 0) throw new RangeError(`negative write position ${position}`);
    const end = position + data.length;
    this.reserve(end);
    // A write past the end leaves a zero-filled hole, as on a real file system.
    if (position > this.len) this.buf.fill(0, this.len, position);
    this.buf.set(data, position);
    if (end > this.len) this.len = end;
  }

  truncate(length: number): void {
    if (length > this.len) {
      this.reserve(length);
      this.buf.fill(0, this.len, length);
    }
    this.len = length;
  }

  /** A copy of the whole contents. */
  contents(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private reserve(capacity: number): void {
    if (capacity <= this.buf.length) return;
    const next = new Uint8Array(Math.max(capacity, this.buf.length * 2, 64));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

class MemoryHandle implements FileHandle {
  private closed = false;

  constructor(
    readonly path: string,
    private readonly inode: MemoryInode,
    private readonly writable: boolean,
  ) {}

  read(position: number, length: number): Uint8Array {
    this.check();
    return this.inode.read(position, length);
  }

  write(position: number, data: Uint8Array): void {
    this.checkWritable();
    this.inode.write(position, data);
  }

  append(data: Uint8Array): number {
    this.checkWritable();
    const at = this.inode.length;
    this.inode.write(at, data);
    return at;
  }

  size(): number {
    this.check();
    return this.inode.length;
  }

  truncate(length: number): void {
    this.checkWritable();
    this.inode.truncate(length);
  }

  sync(): void {
    this.check();
  }

  close(): void {
    this.closed = true;
  }

  private check(): void {
    if (this.closed) throw new StorageIoError(`handle closed: ${this.path}`, 'ECLOSED', this.path);
  }

  private checkWritable(): void {
    this.check();
    if (!this.writable) throw new StorageIoError(`opened read-only: ${this.path}`, 'EIO', this.path);
  }
}

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, MemoryInode>();
  private readonly dirs = new Set<string>(['']);

  open(path: string, mode: OpenMode): FileHandle {
    const p = normalizePath(path);
    let inode = this.files.get(p);
    if (mode === 'create' && inode) throw new StorageIoError(`file exists: ${p}`, 'EEXIST', p);
    if (!inode) {
      if (mode === 'read') throw new StorageIoError(`no such file: ${p}`, 'ENOENT', p);
      inode = this.createInode(p);
    }
    return new MemoryHandle(p, inode, mode !== 'read');
  }

  exists(path: string): boolean {
    const p = normalizePath(path);
    return this.files.has(p) || this.dirs.has(p);
  }

  list(dir: string): string[] {
    const d = normalizePath(dir);
    if (!this.dirs.has(d)) throw new StorageIoError(`no such directory: ${d}`, 'ENOENT', d);
    const names: string[] = [];
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p !== '' && parentDir(p) === d) names.push(baseName(p));
    }
    return names.sort();
  }

  mkdirp(dir: string): void {
    const parts = normalizePath(dir).split('/');
    for (let i = 1; i <= parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (this.files.has(d)) throw new StorageIoError(`not a directory: ${d}`, 'ENOTDIR', d);
      this.dirs.add(d);
    }
  }

  remove(path: string): void {
    const p = normalizePath(path);
    if (this.files.delete(p)) return;
    if (p !== '' && this.dirs.has(p)) {
      if (this.list(p).length > 0) throw new StorageIoError(`directory not empty: ${p}`, 'EIO', p);
      this.dirs.delete(p);
      return;
    }
    throw new StorageIoError(`no such file: ${p}`, 'ENOENT', p);
  }

  rename(from: string, to: string): void {
    const f = normalizePath(from);
    const t = normalizePath(to);
    const inode = this.files.get(f);
    if (!inode) throw new StorageIoError(`no such file: ${f}`, 'ENOENT', f);
    this.requireDir(parentDir(t), t);
    this.files.delete(f);
    this.files.set(t, inode);
  }

  syncDir(dir: string): void {
    const d = normalizePath(dir);
    if (!this.dirs.has(d)) throw new StorageIoError(`no such directory: ${d}`, 'ENOENT', d);
  }

  readFile(path: string): Uint8Array {
    const p = normalizePath(path);
    const inode = this.files.get(p);
    if (!inode) throw new StorageIoError(`no such file: ${p}`, 'ENOENT', p);
    return inode.contents();
  }

  writeFile(path: string, data: Uint8Array): void {
    const p = normalizePath(path);
    // Like open(O_TRUNC): an existing file keeps its identity, so open handles see the new contents.
    const inode = this.files.get(p) ?? this.createInode(p);
    inode.truncate(0);
    inode.write(0, data);
  }

  /** Every file path, sorted (for tests, the faulty wrapper and debugging dumps). */
  allFiles(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Every directory path except the root, sorted. */
  allDirs(): string[] {
    return [...this.dirs].filter((d) => d !== '').sort();
  }

  /** Forgets every file and directory (the faulty wrapper rebuilds the durable state after a crash). */
  clear(): void {
    this.files.clear();
    this.dirs.clear();
    this.dirs.add('');
  }

  /** Creates (or replaces with an empty file) the entry at normalized path `p`. */
  private createInode(p: string): MemoryInode {
    this.requireDir(parentDir(p), p);
    if (this.dirs.has(p)) throw new StorageIoError(`is a directory: ${p}`, 'EIO', p);
    const inode = new MemoryInode();
    this.files.set(p, inode);
    return inode;
  }

  private requireDir(dir: string, forPath: string): void {
    if (!this.dirs.has(dir)) throw new StorageIoError(`no such directory for ${forPath}: ${dir}`, 'ENOENT', forPath);
  }
}
