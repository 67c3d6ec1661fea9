/**
 * A fault-injecting `FileSystem` over a `MemoryFileSystem`, modelling what a power loss does to
 * data that was not made durable (see the durability contract in fileSystem.ts), plus silent
 * corruption (flipped bytes).
 *
 * Model: every file is an inode. The wrapper remembers, per inode, the contents as of its last
 * `sync()` and the list of writes/truncates since; per directory, the entries as of its last
 * `syncDir()`. `crash()` rebuilds the inner file system from that durable state:
 * - a directory entry that was created, renamed or removed since the last `syncDir` of its
 *   directory reverts (a new unsynced file vanishes, an unsynced rename is undone);
 * - a file's unsynced writes are lost, except as `CrashOptions.unsyncedWrites` chooses:
 *   'drop' (default) loses them all; 'tearLast' keeps every unsynced write but the last one made
 *   anywhere in the file system, of which only a prefix survives (the torn tail of a log);
 *   'random' keeps, per file, a PRNG-chosen prefix of its unsynced writes in order and tears the
 *   next one at a random length.
 * All handles opened before a crash are dead afterwards (ECLOSED), like a restarted process.
 * The PRNG is injected, so a crash is reproducible from its seed.
 */
import { type Random } from '../../util/prng';
import { type FileHandle, type FileSystem, type OpenMode, StorageIoError } from './fileSystem';
import { MemoryFileSystem, MemoryInode } from './memoryFileSystem';
import { normalizePath, parentDir } from './paths';

type PendingOp = { kind: 'write'; position: number; data: Uint8Array } | { kind: 'truncate'; length: number };

export interface CrashOptions {
  unsyncedWrites?: 'drop' | 'tearLast' | 'random';
}

interface InodeState {
  /** Contents as of the last sync; a sync applies the pending ops to it, so its cost is the unsynced bytes. */
  durable: MemoryInode;
  pending: PendingOp[];
}

function inodeWith(data: Uint8Array): MemoryInode {
  const inode = new MemoryInode();
  inode.write(0, data);
  return inode;
}

function applyOp(inode: MemoryInode, op: PendingOp, tornLength?: number): void {
  if (op.kind === 'truncate') inode.truncate(op.length);
  else inode.write(op.position, tornLength === undefined ? op.data : op.data.subarray(0, tornLength));
}

export class FaultyFileSystem implements FileSystem {
  readonly inner: MemoryFileSystem;
  private nextInode = 1;
  /** Current name → inode. */
  private readonly names = new Map<string, number>();
  /** Durable name → inode (as of each directory's last syncDir). */
  private readonly durableNames = new Map<string, number>();
  private readonly inodes = new Map<number, InodeState>();
  /** Inode of the most recent unsynced write or truncate, for 'tearLast'. */
  private lastWriter: number | null = null;
  private epoch = 0;
  crashes = 0;

  constructor(
    private readonly rng: Random,
    inner: MemoryFileSystem = new MemoryFileSystem(),
  ) {
    this.inner = inner;
    // Files already in the inner file system count as durable.
    for (const p of inner.allFiles()) {
      const id = this.nextInode++;
      this.names.set(p, id);
      this.durableNames.set(p, id);
      this.inodes.set(id, { durable: inodeWith(inner.readFile(p)), pending: [] });
    }
  }

  open(path: string, mode: OpenMode): FileHandle {
    const p = normalizePath(path);
    const existed = this.inner.exists(p);
    const handle = this.inner.open(p, mode);
    if (!existed) this.names.set(p, this.newInode());
    return new FaultyHandle(this, handle, this.inodeOf(p), this.epoch);
  }

  exists(path: string): boolean {
    return this.inner.exists(path);
  }

  list(dir: string): string[] {
    return this.inner.list(dir);
  }

  mkdirp(dir: string): void {
    // Directories themselves are treated as durable at once: engines create their folder before
    // anything else, and modelling lost directories adds nothing the labs teach.
    this.inner.mkdirp(dir);
  }

  remove(path: string): void {
    const p = normalizePath(path);
    this.inner.remove(p);
    this.names.delete(p);
  }

  rename(from: string, to: string): void {
    const f = normalizePath(from);
    const t = normalizePath(to);
    this.inner.rename(f, t);
    const id = this.inodeOf(f);
    this.names.delete(f);
    this.names.set(t, id);
  }

  syncDir(dir: string): void {
    const d = normalizePath(dir);
    this.inner.syncDir(d);
    for (const p of [...this.durableNames.keys()]) if (parentDir(p) === d) this.durableNames.delete(p);
    for (const [p, id] of this.names) if (parentDir(p) === d) this.durableNames.set(p, id);
  }

  readFile(path: string): Uint8Array {
    return this.inner.readFile(path);
  }

  writeFile(path: string, data: Uint8Array): void {
    const p = normalizePath(path);
    const h = this.open(p, 'readwrite');
    h.truncate(0);
    h.write(0, data);
    h.close();
  }

  /** Loses everything not durable (see the header) and invalidates every open handle. */
  crash(options: CrashOptions = {}): void {
    const mode = options.unsyncedWrites ?? 'drop';
    const dirs = this.inner.allDirs();
    const survivors = new Map<number, Uint8Array>();
    for (const id of new Set(this.durableNames.values())) {
      const st = this.inodes.get(id);
      if (!st) continue;
      survivors.set(id, this.survivingContents(id, st, mode));
    }
    this.inner.clear();
    for (const d of dirs) this.inner.mkdirp(d);
    this.names.clear();
    this.inodes.clear();
    for (const [p, id] of this.durableNames) {
      const data = survivors.get(id) ?? new Uint8Array(0);
      this.inner.writeFile(p, data);
      this.names.set(p, id);
      this.inodes.set(id, { durable: inodeWith(data), pending: [] });
    }
    this.lastWriter = null;
    this.epoch++;
    this.crashes++;
  }

  /** XORs the byte at `offset` of `path` with a nonzero mask, in the durable and current contents. */
  flipByte(path: string, offset: number, mask = 0xff): void {
    const p = normalizePath(path);
    const h = this.inner.open(p, 'readwrite');
    const b = h.read(offset, 1)[0];
    if (b === undefined) throw new RangeError(`offset ${offset} is past the end of ${p}`);
    h.write(offset, new Uint8Array([b ^ (mask & 0xff || 0xff)]));
    h.close();
    const st = this.inodes.get(this.inodeOf(p));
    const d = st?.durable.read(offset, 1)[0];
    if (st && d !== undefined) st.durable.write(offset, new Uint8Array([d ^ (mask & 0xff || 0xff)]));
  }

  /** Flips `count` bytes of `path` at PRNG-chosen offsets (optionally within [from, to)); returns the offsets. */
  flipRandomBytes(path: string, count: number, from = 0, to?: number): number[] {
    const size = this.inner.readFile(path).length;
    const end = Math.min(to ?? size, size);
    if (end <= from) return [];
    const offsets: number[] = [];
    for (let i = 0; i < count; i++) {
      const off = this.rng.intBetween(from, end - 1);
      this.flipByte(path, off, 1 << this.rng.int(8));
      offsets.push(off);
    }
    return offsets;
  }

  /** Bytes written but not yet synced, summed over files (for tests and lab outputs). */
  unsyncedBytes(): number {
    let n = 0;
    for (const st of this.inodes.values()) for (const op of st.pending) if (op.kind === 'write') n += op.data.length;
    return n;
  }

  // --- called by FaultyHandle ---

  recordOp(id: number, op: PendingOp): void {
    this.state(id).pending.push(op);
    this.lastWriter = id;
  }

  recordSync(id: number): void {
    const st = this.state(id);
    for (const op of st.pending) applyOp(st.durable, op);
    st.pending = [];
    if (this.lastWriter === id) this.lastWriter = null;
  }

  isCurrent(epoch: number): boolean {
    return epoch === this.epoch;
  }

  private survivingContents(id: number, st: InodeState, mode: NonNullable<CrashOptions['unsyncedWrites']>): Uint8Array {
    let keep = 0;
    let tearNext = false;
    if (mode === 'tearLast') {
      keep = id === this.lastWriter ? st.pending.length - 1 : st.pending.length;
      tearNext = id === this.lastWriter;
    } else if (mode === 'random' && st.pending.length > 0) {
      keep = this.rng.int(st.pending.length + 1);
      tearNext = keep < st.pending.length;
    }
    const result = st.durable;
    for (let i = 0; i < keep; i++) applyOp(result, st.pending[i] as PendingOp);
    const next = st.pending[keep];
    if (tearNext && next && next.kind === 'write' && next.data.length > 0) applyOp(result, next, this.rng.int(next.data.length));
    return result.contents();
  }

  private newInode(): number {
    const id = this.nextInode++;
    this.inodes.set(id, { durable: new MemoryInode(), pending: [] });
    return id;
  }

  private inodeOf(p: string): number {
    const id = this.names.get(p);
    if (id === undefined) throw new StorageIoError(`no such file: ${p}`, 'ENOENT', p);
    return id;
  }

  private state(id: number): InodeState {
    let st = this.inodes.get(id);
    if (!st) {
      st = { durable: new MemoryInode(), pending: [] };
      this.inodes.set(id, st);
    }
    return st;
  }
}

class FaultyHandle implements FileHandle {
  constructor(
    private readonly owner: FaultyFileSystem,
    private readonly inner: FileHandle,
    private readonly inode: number,
    private readonly epoch: number,
  ) {}

  get path(): string {
    return this.inner.path;
  }

  read(position: number, length: number): Uint8Array {
    this.check();
    return this.inner.read(position, length);
  }

  write(position: number, data: Uint8Array): void {
    this.check();
    this.inner.write(position, data);
    this.owner.recordOp(this.inode, { kind: 'write', position, data: data.slice() });
  }

  append(data: Uint8Array): number {
    this.check();
    const at = this.inner.append(data);
    this.owner.recordOp(this.inode, { kind: 'write', position: at, data: data.slice() });
    return at;
  }

  size(): number {
    this.check();
    return this.inner.size();
  }

  truncate(length: number): void {
    this.check();
    this.inner.truncate(length);
    this.owner.recordOp(this.inode, { kind: 'truncate', length });
  }

  sync(): void {
    this.check();
    this.inner.sync();
    this.owner.recordSync(this.inode);
  }

  close(): void {
    this.inner.close();
  }

  private check(): void {
    if (!this.owner.isCurrent(this.epoch)) throw new StorageIoError(`handle from before a crash: ${this.path}`, 'ECLOSED', this.path);
  }
}
