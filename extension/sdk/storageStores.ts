/**
 * One key-value interface over the three engines of DDIA chapter 3 (the hash-indexed log of
 * Bitcask, the LSM tree of LevelDB/Bigtable, the B-tree), so a cell can run the same workload on
 * each and compare. Keys and values are strings (UTF-8) or bytes; `get` and `scan` return
 * strings, `getBytes` and `scanBytes` return bytes. The engine itself stays reachable as
 * `engine` for what only it can do (an LSM's `compact()`, a B-tree's `checkpoint()`).
 */
import { type BytesLike, bytesToText } from '../storage/codec/bytes';
import { type FileSystem } from '../storage/fs/fileSystem';
import { joinPath, normalizePath } from '../storage/fs/paths';
import { type StorageCounters } from '../storage/stats';
import { type FileSystemChoice } from './storageFileSystems';

/** A key or a value: a string is stored as its UTF-8 bytes. */
export type Bytes = string | Uint8Array;

/** Options of one write (or one batch). */
export interface WriteOptions {
  /** fsync the log before returning: the write survives a crash once this returns. */
  readonly sync?: boolean;
}

/** One operation of an atomic batch: `value: null` deletes the key. */
export interface BatchOp {
  readonly key: Bytes;
  readonly value: Bytes | null;
}

/** A key and its value, as text. */
export interface Entry {
  readonly key: string;
  readonly value: string;
}

/** A key and its value, as bytes. */
export interface ByteEntry {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

/** What every engine's `stats()` has: the counters behind write, read and space amplification. */
export type StoreStats = StorageCounters;

/** The operations shared by the hash log, the LSM tree and the B-tree. */
export interface KvStore<Engine = unknown, Stats extends StoreStats = StoreStats> {
  /** `'hashlog'`, `'lsm'` or `'btree'`. */
  readonly kind: 'hashlog' | 'lsm' | 'btree';
  /** The folder holding the store's files, inside `fs`. */
  readonly dir: string;
  /** The file system the store writes to. */
  readonly fs: FileSystem;
  /** The engine object, for what only it offers. */
  readonly engine: Engine;
  /** Stores `value` under `key` (replacing any earlier value). */
  put(key: Bytes, value: Bytes, opts?: WriteOptions): void;
  /** The latest value of `key` as text, or `undefined` if absent or deleted. */
  get(key: Bytes): string | undefined;
  /** The latest value of `key` as bytes, or `undefined`. */
  getBytes(key: Bytes): Uint8Array | undefined;
  /** Removes `key` (writes a tombstone in log-structured engines). */
  delete(key: Bytes, opts?: WriteOptions): void;
  /** Applies all `ops` atomically: after a crash, either all are there or none. */
  batch(ops: readonly BatchOp[], opts?: WriteOptions): void;
  /** Live entries with `start <= key < end`, in key order (byte order), at most `limit`. */
  scan(start?: Bytes, end?: Bytes, limit?: number): Entry[];
  /** Like `scan`, as bytes. */
  scanBytes(start?: Bytes, end?: Bytes, limit?: number): ByteEntry[];
  /** Makes every acknowledged write durable (fsync of the log). */
  sync(): void;
  /**
   * Counters and engine-specific figures (see each engine's stats type). LSM only:
   * `exactSpace: true` measures space amplification with a full scan instead of estimating it.
   */
  stats(opts?: { readonly exactSpace?: boolean }): Stats;
  /** Bytes of all the store's files right now (for space amplification). */
  diskBytes(): number;
  /** Syncs and closes the files; reopen with the same `fs` and folder to read the data again. */
  close(): void;
}

/** Options every `open…` function takes. */
export interface StoreOptions {
  /** Where the files go: `'memory'` (default), `'disk'` (this lab's scratch folder) or `'faulty'`. */
  readonly fs?: FileSystemChoice;
  /** Seed of the `'faulty'` file system (one per seed) and of any engine randomness. Default 1. */
  readonly seed?: number;
  /** Delete the folder first, so re-running a cell starts from an empty store. Default false. */
  readonly fresh?: boolean;
}

/** The engine operations a store adapts (each engine spells batch and scan slightly differently). */
export interface EngineOps {
  put(key: BytesLike, value: BytesLike, opts: WriteOptions): void;
  get(key: BytesLike): Uint8Array | undefined;
  delete(key: BytesLike, opts: WriteOptions): void;
  batch(ops: readonly BatchOp[], opts: WriteOptions): void;
  scan(start: BytesLike | undefined, end: BytesLike | undefined, limit: number): { key: Uint8Array; value: Uint8Array | null }[];
  sync(): void;
  close(): void;
}

export function checkBytes(what: string, b: unknown): asserts b is Bytes {
  if (typeof b !== 'string' && !(b instanceof Uint8Array)) throw new TypeError(`${what} must be a string or a Uint8Array, got ${typeof b}`);
}

/** Deletes `dir` and everything in it (through the FileSystem interface, so it works on every kind). */
export function removeTree(fs: FileSystem, dir: string): void {
  if (!fs.exists(dir)) return;
  let names: string[];
  try {
    names = fs.list(dir);
  } catch {
    fs.remove(dir);
    return;
  }
  for (const name of names) removeTree(fs, joinPath(dir, name));
  if (normalizePath(dir) !== '') fs.remove(dir);
}

/** Sum of the sizes of the files under `dir`. */
export function treeBytes(fs: FileSystem, dir: string): number {
  if (!fs.exists(dir)) return 0;
  let total = 0;
  for (const name of fs.list(dir)) {
    const p = joinPath(dir, name);
    let isDir = false;
    try {
      fs.list(p);
      isDir = true;
    } catch {
      isDir = false;
    }
    if (isDir) total += treeBytes(fs, p);
    else {
      const h = fs.open(p, 'read');
      try {
        total += h.size();
      } finally {
        h.close();
      }
    }
  }
  return total;
}

export function makeStore<Engine, Stats extends StoreStats>(
  kind: KvStore['kind'],
  fs: FileSystem,
  dir: string,
  engine: Engine,
  ops: EngineOps,
  stats: (opts: { readonly exactSpace?: boolean }) => Stats,
): KvStore<Engine, Stats> {
  const text = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : bytesToText(b));
  const live = (entries: { key: Uint8Array; value: Uint8Array | null }[]): ByteEntry[] =>
    entries.filter((e): e is ByteEntry => e.value !== null);
  return {
    kind,
    dir,
    fs,
    engine,
    put(key, value, opts = {}) {
      checkBytes('key', key);
      checkBytes('value', value);
      ops.put(key, value, opts);
    },
    get(key) {
      checkBytes('key', key);
      return text(ops.get(key));
    },
    getBytes(key) {
      checkBytes('key', key);
      return ops.get(key);
    },
    delete(key, opts = {}) {
      checkBytes('key', key);
      ops.delete(key, opts);
    },
    batch(list, opts = {}) {
      for (const op of list) {
        checkBytes('key', op.key);
        if (op.value !== null) checkBytes('value', op.value);
      }
      ops.batch(list, opts);
    },
    scan(start, end, limit = Infinity) {
      return live(ops.scan(start, end, limit)).map((e) => ({ key: bytesToText(e.key), value: bytesToText(e.value) }));
    },
    scanBytes(start, end, limit = Infinity) {
      return live(ops.scan(start, end, limit));
    },
    sync: () => ops.sync(),
    stats: (opts = {}) => stats(opts),
    diskBytes: () => treeBytes(fs, dir),
    close: () => ops.close(),
  };
}
