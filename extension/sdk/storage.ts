/**
 * `storage` in the lab SDK: the storage engines of DDIA chapter 3, for cells and exercises.
 *
 * ```ts
 * import { storage } from 'ddia-labs';
 * const db = storage.openLsm('users', { fs: 'disk', memtableBytes: 64 * 1024 });
 * db.put('alice', '{"city":"Cambridge"}', { sync: true });
 * db.get('alice'); // '{"city":"Cambridge"}'
 * display(storage.lsmLevels(db));
 * ```
 *
 * Every store writes through one file system: `'memory'` (default), `'disk'` (this lab's scratch
 * folder, deleted when the lab's kernel exits) or `'faulty'` (in memory, with crashes you trigger).
 */
import { openBTree as openBTreeEngine, type BTree, type BTreeOptions, type BTreeStats } from '../storage/btree/bTree';
import { ColumnStore, type ColumnDescription } from '../storage/column/columnStore';
import { type Encoding } from '../storage/column/columnEncoding';
/** A column's bitmaps as plain bits and run-length encoded, in bytes (for comparing the two). */
export { bitmapSizes as columnBitmapSizes } from '../storage/column/columnEncoding';
import { type AnalyticQuery, type ColumnSchema, type QueryResult, type Row } from '../storage/column/columnTypes';
import { RowStore } from '../storage/column/rowStore';
import { openHashLog as openHashLogEngine, type HashLog, type HashLogOptions, type HashLogStats } from '../storage/hashlog/hashLog';
import { type LsmTree, openLsm as openLsmEngine } from '../storage/lsm/lsmTree';
import { type LsmOptions, type LsmStats } from '../storage/lsm/lsmTypes';
import { type FileSystem } from '../storage/fs/fileSystem';
import { resolveFileSystem } from './storageFileSystems';
import { type KvStore, makeStore, removeTree, type StoreOptions, treeBytes } from './storageStores';

export {
  scratchDir,
  scratchFileSystem,
  memoryFileSystem,
  faultyFileSystem,
  resetFileSystems,
  type FileSystemKind,
  type FileSystemChoice,
} from './storageFileSystems';
export type { KvStore, StoreOptions, StoreStats, WriteOptions, BatchOp, Entry, ByteEntry, Bytes } from './storageStores';
export type { FileSystem, FileHandle } from '../storage/fs/fileSystem';
export type { HashLog, HashLogStats, BTree, BTreeStats, LsmTree, LsmStats, ColumnSchema, AnalyticQuery, QueryResult, Row, Encoding };
export { computeAmplification, type Amplification, type StorageCounters } from '../storage/stats';
export * from './storageViews';
export { watch, type StorageWatch, type WatchOptions } from './storageWatch';

function prepare(dir: string, opts: StoreOptions): FileSystem {
  if (typeof dir !== 'string' || dir.length === 0) throw new TypeError('dir must be a non-empty folder name');
  const fs = resolveFileSystem(opts.fs, opts.seed);
  if (opts.fresh) removeTree(fs, dir);
  return fs;
}

/** Options of `openHashLog`. */
export type HashLogStoreOptions = StoreOptions & HashLogOptions;

/**
 * Opens (or creates) a Bitcask-style hash-indexed log in folder `dir`: every write appends a
 * record to the active segment, an in-memory hash map points at each key's latest record, and
 * `engine.compact()` rolls the active segment and rewrites every segment keeping only live
 * values, keys first. Reopening rebuilds the map from those key sections (no values read) and by
 * scanning the newer log segments.
 */
export function openHashLog(dir: string, opts: HashLogStoreOptions = {}): KvStore<HashLog, HashLogStats> {
  const fs = prepare(dir, opts);
  const db = openHashLogEngine(fs, dir, opts);
  return makeStore(
    'hashlog',
    fs,
    dir,
    db,
    {
      put: (k, v, o) => db.put(k, v, o),
      get: (k) => db.get(k),
      delete: (k, o) => db.delete(k, o),
      batch: (ops, o) => db.write(ops, o),
      scan: (s, e, l) => db.scan(s, e, l),
      sync: () => db.sync(),
      close: () => db.close(),
    },
    () => db.stats(),
  );
}

/**
 * Options of `openLsm`: see `LsmOptions` (memtable size, compaction style, bloom bits per key, …).
 * Not `background`: with flushes on a worker thread, what a cell shows would depend on thread
 * timing, and a lab must show the same thing for the same seed (the benchmark uses it).
 */
export type LsmStoreOptions = StoreOptions & Partial<Omit<LsmOptions, 'background' | 'backgroundJobs'>>;

/**
 * Opens (or creates) an LSM tree in folder `dir` (DDIA ch. 3 "SSTables and LSM-Trees"; the
 * design of LevelDB and of Bigtable's tablets): writes go to a write-ahead log and a sorted
 * memtable, full memtables are flushed as SSTables (with a bloom filter each), and compaction
 * merges tables level by level. `engine.compact()`, `engine.flush()` and `engine.describeLevels()`
 * give direct control; `storage.lsmLevels(db)` and `storage.recordCompaction(db, …)` draw it.
 */
export function openLsm(dir: string, opts: LsmStoreOptions = {}): KvStore<LsmTree, LsmStats> {
  if ((opts as { background?: unknown }).background)
    throw new TypeError(
      'openLsm: background mode is not available in labs: its flushes run on a worker thread, so the same seed would not give the same output. npm run bench:storage uses it.',
    );
  const fs = prepare(dir, opts);
  const { fs: _fs, fresh: _fresh, ...engineOpts } = opts;
  const db = openLsmEngine(fs, dir, { ...engineOpts, seed: opts.seed ?? engineOpts.seed ?? 1 });
  return makeStore(
    'lsm',
    fs,
    dir,
    db,
    {
      put: (k, v, o) => db.put(k, v, o),
      get: (k) => db.get(k),
      delete: (k, o) => db.delete(k, o),
      batch: (ops, o) =>
        db.batch(
          ops.map((op) =>
            op.value === null ? { type: 'delete' as const, key: op.key } : { type: 'put' as const, key: op.key, value: op.value },
          ),
          o,
        ),
      scan: (s, e, l) => db.scan(s, e, l),
      sync: () => db.sync(),
      close: () => db.close(),
    },
    (o) => db.stats(o),
  );
}

/** Options of `openBTree`: page size, page-cache size, when to checkpoint. */
export type BTreeStoreOptions = StoreOptions & BTreeOptions;

/**
 * Opens (or creates) a B+-tree of fixed-size pages in folder `dir` (DDIA ch. 3 "B-Trees"): a
 * write updates pages in a page cache and appends its operations (keys and values) to a redo
 * log; a checkpoint writes the dirty pages in place (through a copy in the log, so a torn page
 * can be repaired). `db.engine.checkpoint()` forces one; `db.engine.vacuum()` rebuilds the page
 * file with full leaves (like SQLite's VACUUM). `storage.bTreePages(db)` draws the page tree.
 */
export function openBTree(dir: string, opts: BTreeStoreOptions = {}): KvStore<BTree, BTreeStats> {
  const fs = prepare(dir, opts);
  const db = openBTreeEngine(fs, dir, opts);
  return makeStore(
    'btree',
    fs,
    dir,
    db,
    {
      put: (k, v, o) => db.put(k, v, o),
      get: (k) => db.get(k),
      delete: (k, o) => db.delete(k, o),
      batch: (ops, o) => db.write(ops, o),
      scan: (s, e, l) => db.scan(s, e, l),
      sync: () => db.sync(),
      close: () => db.close(),
    },
    () => db.stats(),
  );
}

/** Options of `openColumnStore`. */
export interface ColumnStoreOptions extends StoreOptions {
  /** Column names and types; with `rows`, writes a new table (replacing any in `dir`). */
  readonly schema?: readonly ColumnSchema[];
  readonly rows?: readonly Row[];
  /** Force an encoding per column (`'plain' | 'rle' | 'bitmap'`); otherwise the store picks. */
  readonly encodings?: Readonly<Record<string, Encoding>>;
  /** Also write the same rows as a row-oriented file, for side-by-side queries. */
  readonly withRowStore?: boolean;
}

/** A column-oriented table (write once, then query), optionally with a row-store twin. */
export interface ColumnStoreHandle {
  readonly dir: string;
  readonly fs: FileSystem;
  readonly engine: ColumnStore;
  readonly rowCount: number;
  /** Each column with its encoding and its file's size. */
  describe(): ColumnDescription[];
  /** Runs an analytic query reading only the columns it names. */
  query(q: AnalyticQuery): QueryResult;
  /** Runs the same query on the row-store twin (reads whole rows); needs `withRowStore`. */
  queryRows(q: AnalyticQuery): QueryResult;
  /** Bytes read by this handle's queries so far (column store only). */
  stats(): { queries: number; bytesRead: number; diskBytes: number };
  close(): void;
}

/**
 * Writes (with `schema` and `rows`) or opens a column-oriented table in folder `dir` (DDIA ch. 3
 * "Column-Oriented Storage"): one file per column, each run-length, bitmap or plain encoded; a
 * query decodes only the columns it touches and filters and aggregates them as vectors.
 */
export function openColumnStore(dir: string, opts: ColumnStoreOptions = {}): ColumnStoreHandle {
  const fs = prepare(dir, opts);
  let engine: ColumnStore;
  let rowStore: RowStore | undefined;
  // The row-store twin lives beside the column folder, so the column store's size stays its own.
  const rowPath = `${dir}.rows`;
  if (opts.schema && opts.rows) {
    // Both writes replace what is there atomically: a crash leaves the old table or the new one.
    engine = ColumnStore.write(fs, dir, opts.schema, opts.rows, { ...opts.encodings });
    if (opts.withRowStore) rowStore = RowStore.write(fs, rowPath, opts.schema, opts.rows);
    // A row twin from an earlier write would answer for rows this table no longer has.
    else if (fs.exists(rowPath)) fs.remove(rowPath);
  } else {
    if (opts.schema || opts.rows) throw new TypeError('give both schema and rows to write a table, or neither to open one');
    // Opening needs a table written earlier; say how to write one.
    if (!fs.exists(`${dir}/TABLE`))
      throw new Error(
        `storage.openColumnStore('${dir}'): no column table there yet. Write one first: storage.openColumnStore('${dir}', { schema, rows })`,
      );
    engine = ColumnStore.open(fs, dir);
    if (fs.exists(rowPath)) rowStore = RowStore.open(fs, rowPath, engine.describeColumns());
  }
  return {
    dir,
    fs,
    engine,
    rowCount: engine.rowCount,
    describe: () => engine.describeColumns(),
    query: (q) => engine.query(q),
    queryRows(q) {
      if (!rowStore) throw new Error('no row store: open with { withRowStore: true } and rows');
      return rowStore.query(q);
    },
    stats: () => ({ queries: engine.queries, bytesRead: engine.bytesReadTotal, diskBytes: treeBytes(fs, dir) }),
    close: () => undefined,
  };
}
