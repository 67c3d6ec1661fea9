/**
 * A B+-tree over fixed-size pages (DDIA ch. 3, "B-Trees"): values live in leaves linked left to
 * right for range scans; internal pages hold separators. Files in `dir`:
 * - `pages`: page 0 is the meta page (metaFormat.ts), every other page one node (pageFormat.ts);
 * - `wal`: the redo log (walFormat.ts).
 *
 * Write path: a put/delete/batch changes nodes in the page cache, then appends one WAL record
 * with the after-images of the pages it changed; `sync` fsyncs the WAL. A checkpoint (when the
 * WAL or the dirty set grows, on close, or on request) syncs the WAL, writes dirty pages in
 * place, fsyncs the page file, writes the meta slot with the checkpoint LSN, and truncates the
 * WAL. Recovery replays WAL records after the checkpoint LSN, then checkpoints.
 *
 * Deletion is lazy: a key is removed from its leaf and pages are never merged or freed. Pages
 * may become sparse or empty (fill factors in `stats()` show it); lookups and scans stay correct
 * because separators still route keys and empty leaves are simply skipped. It is the trade many
 * real B-trees make, and the lab asks learners to measure it.
 *
 * Keys and values are bytes (strings are UTF-8 encoded at the edge); an entry may take at most
 * a quarter of a page (`maxCellBytes`).
 */
import { type BytesLike, bytesToText, compareBytes, copyBytes, toBytes } from '../codec/bytes';
import { StorageCorruptionError } from '../codec/corruption';
import { type FileHandle, type FileSystem } from '../fs/fileSystem';
import { joinPath } from '../fs/paths';
import { type StorageCounters, createCounters, snapshotCounters } from '../stats';
import { BTreeIterator } from './bTreeIterator';
import { META_SLOT_OFFSETS, META_SLOT_BYTES, type TreeMeta, decodeMeta, encodeMeta } from './metaFormat';
import { childIndex, lowerBound, splitInternal, splitLeaf } from './nodeOps';
import { PageCache } from './pageCache';
import { type BTreeNode, type LeafNode, decodePage, encodePage, leafCellBytes, maxCellBytes, nodeBytes } from './pageFormat';
import { encodeWalRecord, scanWal } from './walFormat';

export interface BTreeOptions {
  /** Page size for a new tree (an existing tree keeps its own). Default 4096, minimum 1024. */
  pageSize?: number;
  /** Page cache capacity in pages. Default 256. */
  cachePages?: number;
  /** Checkpoint once the WAL exceeds this many bytes. Default 8 MiB. */
  walBytesMax?: number;
  syncByDefault?: boolean;
}

export interface BTreeBatchOp {
  key: BytesLike;
  value: BytesLike | null;
}

export interface PageDescription {
  id: number;
  kind: 'leaf' | 'internal';
  /** Keys decoded as UTF-8 (for display). */
  keys: string[];
  fillFactor: number;
  children: number[];
}

export interface BTreeStats extends StorageCounters {
  height: number;
  pages: number;
  leafPages: number;
  internalPages: number;
  keys: number;
  fillFactorMean: number;
  fillFactors: Array<{ id: number; fillFactor: number }>;
  walBytes: number;
  cachedPages: number;
  dirtyPages: number;
  checkpoints: number;
}

export class BTree {
  readonly counters = createCounters();
  readonly pageSize: number;
  private readonly cache: PageCache;
  private readonly pages: FileHandle;
  private readonly wal: FileHandle;
  private readonly walBytesMax: number;
  private readonly syncByDefault: boolean;
  private meta: TreeMeta;
  private lsn = 0;
  private walBytes = 0;
  private checkpoints = 0;
  /** Bumped by every write; iterators refuse to continue across one. */
  version = 0;
  private closed = false;

  constructor(
    readonly fs: FileSystem,
    readonly dir: string,
    options: BTreeOptions = {},
  ) {
    this.cache = new PageCache(options.cachePages ?? 256);
    this.walBytesMax = options.walBytesMax ?? 8 * 1024 * 1024;
    this.syncByDefault = options.syncByDefault ?? false;
    fs.mkdirp(dir);
    if (!fs.exists(this.pagesPath)) this.create(options.pageSize ?? 4096);
    this.pages = fs.open(this.pagesPath, 'readwrite');
    const walExisted = fs.exists(this.walPath);
    this.wal = fs.open(this.walPath, 'readwrite');
    // The log's name must be durable before any synced write to it is acknowledged.
    if (!walExisted) fs.syncDir(dir);
    const meta = this.readMeta();
    if (!meta) throw new StorageCorruptionError(this.pagesPath, 0, 'no valid meta slot');
    this.meta = meta;
    this.pageSize = this.meta.pageSize;
    this.recover();
  }

  private get pagesPath(): string {
    return joinPath(this.dir, 'pages');
  }

  private get walPath(): string {
    return joinPath(this.dir, 'wal');
  }

  get(key: BytesLike): Uint8Array | undefined {
    this.checkOpen();
    const k = toBytes(key);
    this.counters.userReads++;
    this.counters.filesTouchedByReads++;
    const leaf = this.findLeaf(k, true).leaf;
    const i = lowerBound(leaf.keys, k);
    return i < leaf.keys.length && compareBytes(leaf.keys[i] as Uint8Array, k) === 0 ? leaf.values[i] : undefined;
  }

  put(key: BytesLike, value: BytesLike, options?: { sync?: boolean }): void {
    this.write([{ key, value }], options);
  }

  delete(key: BytesLike, options?: { sync?: boolean }): void {
    this.write([{ key, value: null }], options);
  }

  /** Applies every op and logs them as one WAL record: after a crash all or none are present. */
  write(ops: readonly BTreeBatchOp[], options: { sync?: boolean } = {}): void {
    this.checkOpen();
    // Private copies: leaves keep these arrays, and the caller may reuse its buffers.
    const encoded = ops.map((op) => ({ key: copyBytes(toBytes(op.key)), value: op.value === null ? null : copyBytes(toBytes(op.value)) }));
    const limit = maxCellBytes(this.pageSize);
    for (const e of encoded) {
      if (leafCellBytes(e.key, e.value ?? new Uint8Array(0)) > limit) {
        throw new RangeError(`entry of ${e.key.length + (e.value?.length ?? 0)} bytes exceeds ${limit - 4} (a quarter page)`);
      }
    }
    this.version++;
    const changed = new Map<number, BTreeNode>();
    for (const e of encoded) {
      this.counters.userBytesWritten += e.key.length + (e.value?.length ?? 0);
      if (e.value === null) this.deleteOne(e.key, changed);
      else this.putOne(e.key, e.value, changed);
    }
    const sync = options.sync ?? this.syncByDefault;
    if (changed.size === 0) {
      // Nothing to log (say, deleting a missing key), but a synced write still promises that every
      // earlier write is durable (found by the crash test, seed 20).
      if (sync) this.syncWal();
      return;
    }
    this.lsn++;
    const record = encodeWalRecord(
      {
        lsn: this.lsn,
        root: this.meta.root,
        pageCount: this.meta.pageCount,
        pages: [...changed.values()].map((n) => ({ id: n.id, image: encodePage(n, this.pageSize) })),
      },
      this.pageSize,
    );
    // walBytes is the log's size (recovery leaves it empty after its checkpoint): a positional
    // write there needs no size query.
    this.wal.write(this.walBytes, record);
    this.walBytes += record.length;
    this.counters.diskBytesWritten += record.length;
    if (sync) this.syncWal();
    if (this.walBytes > this.walBytesMax || this.cache.dirty.size > this.cache.capacityPages / 2) this.checkpoint();
  }

  /** An iterator over start <= key < end (either bound optional), in key order. */
  iterator(start?: BytesLike, end?: BytesLike): BTreeIterator {
    this.checkOpen();
    this.counters.userReads++;
    this.counters.filesTouchedByReads++;
    const lo = start === undefined ? new Uint8Array(0) : toBytes(start);
    const { leaf } = this.findLeaf(lo, true);
    return new BTreeIterator(this, leaf, lowerBound(leaf.keys, lo), end === undefined ? undefined : toBytes(end));
  }

  scan(start?: BytesLike, end?: BytesLike, limit = Infinity): Array<{ key: Uint8Array; value: Uint8Array }> {
    const out: Array<{ key: Uint8Array; value: Uint8Array }> = [];
    for (const it = this.iterator(start, end); it.valid() && out.length < limit; it.next()) out.push({ key: it.key(), value: it.value() });
    return out;
  }

  sync(): void {
    this.checkOpen();
    this.syncWal();
  }

  /** Writes dirty pages in place and truncates the WAL (see the header for the order of steps). */
  checkpoint(): void {
    this.checkOpen();
    this.syncWal();
    const dirty = [...this.cache.dirty].sort((a, b) => a - b);
    for (const id of dirty) {
      const node = this.cache.peek(id) as BTreeNode;
      this.pages.write(id * this.pageSize, encodePage(node, this.pageSize));
      this.counters.diskBytesWritten += this.pageSize;
    }
    this.pages.sync();
    this.counters.fsyncs++;
    this.meta = { ...this.meta, sequence: this.meta.sequence + 1, checkpointLsn: this.lsn };
    const slot = META_SLOT_OFFSETS[this.meta.sequence % 2] as number;
    this.pages.write(slot, encodeMeta(this.meta));
    // Meta goes after the pages' fsync: it must never name a checkpoint whose pages could be lost.
    this.pages.sync();
    this.counters.fsyncs++;
    this.counters.diskBytesWritten += META_SLOT_BYTES;
    this.cache.markClean();
    this.wal.truncate(0);
    this.wal.sync();
    this.counters.fsyncs++;
    this.walBytes = 0;
    this.checkpoints++;
    this.counters.compactions++;
  }

  stats(): BTreeStats {
    const pages = this.describePages();
    const fills = pages.map((p) => ({ id: p.id, fillFactor: p.fillFactor }));
    return {
      ...snapshotCounters(this.counters),
      cacheHits: this.cache.hits,
      cacheMisses: this.cache.misses,
      height: this.height(),
      pages: pages.length,
      leafPages: pages.filter((p) => p.kind === 'leaf').length,
      internalPages: pages.filter((p) => p.kind === 'internal').length,
      keys: pages.reduce((n, p) => n + (p.kind === 'leaf' ? p.keys.length : 0), 0),
      fillFactorMean: fills.reduce((n, f) => n + f.fillFactor, 0) / Math.max(1, fills.length),
      fillFactors: fills,
      walBytes: this.walBytes,
      cachedPages: this.cache.size,
      dirtyPages: this.cache.dirty.size,
      checkpoints: this.checkpoints,
    };
  }

  /** The tree breadth-first from the root, as plain data for a renderer. Reads every page. */
  describePages(): PageDescription[] {
    this.checkOpen();
    const out: PageDescription[] = [];
    const queue = [this.meta.root];
    for (let i = 0; i < queue.length; i++) {
      const node = this.node(queue[i] as number, false);
      out.push({
        id: node.id,
        kind: node.kind,
        keys: node.keys.map(bytesToText),
        fillFactor: nodeBytes(node) / this.pageSize,
        children: node.kind === 'internal' ? [...node.children] : [],
      });
      if (node.kind === 'internal') queue.push(...node.children);
    }
    return out;
  }

  close(): void {
    if (this.closed) return;
    this.checkpoint();
    this.closed = true;
    this.pages.close();
    this.wal.close();
  }

  /** The node with page `id`, from the cache or the page file. */
  node(id: number, countRead: boolean): BTreeNode {
    const cached = this.cache.lookup(id);
    if (countRead) this.counters.blocksTouchedByReads++;
    if (cached) return cached;
    if (id <= 0 || id >= this.meta.pageCount)
      throw new StorageCorruptionError(this.pagesPath, id * this.pageSize, `reference to page ${id} outside the tree`);
    const image = this.pages.read(id * this.pageSize, this.pageSize);
    this.counters.diskBytesRead += image.length;
    const node = decodePage(image, id, this.pagesPath, id * this.pageSize);
    this.cache.insert(node, false);
    return node;
  }

  checkVersion(version: number): void {
    if (version !== this.version) throw new Error('B-tree iterator used after a write; open a new iterator');
  }

  private height(): number {
    let h = 1;
    for (let n = this.node(this.meta.root, false); n.kind === 'internal'; n = this.node(n.children[0] as number, false)) h++;
    return h;
  }

  private findLeaf(key: Uint8Array, countRead: boolean): { leaf: LeafNode; path: Array<{ id: number; index: number }> } {
    const path: Array<{ id: number; index: number }> = [];
    let node = this.node(this.meta.root, countRead);
    while (node.kind === 'internal') {
      const index = childIndex(node, key);
      path.push({ id: node.id, index });
      node = this.node(node.children[index] as number, countRead);
    }
    return { leaf: node, path };
  }

  private touch(node: BTreeNode, changed: Map<number, BTreeNode>): void {
    this.cache.insert(node, true);
    changed.set(node.id, node);
  }

  private putOne(key: Uint8Array, value: Uint8Array, changed: Map<number, BTreeNode>): void {
    const { leaf, path } = this.findLeaf(key, false);
    const i = lowerBound(leaf.keys, key);
    if (i < leaf.keys.length && compareBytes(leaf.keys[i] as Uint8Array, key) === 0) leaf.values[i] = value;
    else {
      leaf.keys.splice(i, 0, key);
      leaf.values.splice(i, 0, value);
    }
    this.touch(leaf, changed);
    let node: BTreeNode = leaf;
    // Split upwards while the node no longer fits its page.
    while (nodeBytes(node) > this.pageSize) {
      const rightId = this.meta.pageCount;
      this.meta = { ...this.meta, pageCount: rightId + 1 };
      const { right, separator } = node.kind === 'leaf' ? splitLeaf(node, rightId) : splitInternal(node, rightId);
      this.touch(right, changed);
      const parentRef = path.pop();
      if (!parentRef) {
        const rootId = this.meta.pageCount;
        this.meta = { ...this.meta, pageCount: rootId + 1, root: rootId };
        this.touch({ kind: 'internal', id: rootId, keys: [separator], children: [node.id, rightId] }, changed);
        return;
      }
      const parent = this.node(parentRef.id, false);
      if (parent.kind !== 'internal') throw new StorageCorruptionError(this.pagesPath, parent.id * this.pageSize, 'leaf on an inner path');
      parent.keys.splice(parentRef.index, 0, separator);
      parent.children.splice(parentRef.index + 1, 0, rightId);
      this.touch(parent, changed);
      node = parent;
    }
  }

  private deleteOne(key: Uint8Array, changed: Map<number, BTreeNode>): void {
    const { leaf } = this.findLeaf(key, false);
    const i = lowerBound(leaf.keys, key);
    if (i >= leaf.keys.length || compareBytes(leaf.keys[i] as Uint8Array, key) !== 0) return;
    leaf.keys.splice(i, 1);
    leaf.values.splice(i, 1);
    this.touch(leaf, changed);
  }

  private syncWal(): void {
    this.wal.sync();
    this.counters.fsyncs++;
  }

  /**
   * Initialises a new page file (meta slot 0 and an empty root leaf at page 1) under a temporary
   * name and renames it into place, so a `pages` file always had a valid meta once: a later
   * open that finds none reports corruption instead of silently starting empty.
   */
  private create(pageSize: number): void {
    if (!Number.isInteger(pageSize) || pageSize < 1024 || pageSize > 65536)
      throw new RangeError(`page size must be in [1024, 65536], got ${pageSize}`);
    const tmp = `${this.pagesPath}.tmp`;
    if (this.fs.exists(this.walPath)) this.fs.remove(this.walPath);
    if (this.fs.exists(tmp)) this.fs.remove(tmp);
    const h = this.fs.open(tmp, 'create');
    h.write(0, encodeMeta({ pageSize, sequence: 0, root: 1, pageCount: 2, checkpointLsn: 0 }));
    h.write(pageSize, encodePage({ kind: 'leaf', id: 1, keys: [], values: [], next: 0 }, pageSize));
    h.sync();
    h.close();
    this.fs.rename(tmp, this.pagesPath);
    this.fs.syncDir(this.dir);
    this.counters.diskBytesWritten += 2 * pageSize;
    this.counters.fsyncs += 2;
  }

  private readMeta(): TreeMeta | null {
    let best: TreeMeta | null = null;
    for (const offset of META_SLOT_OFFSETS) {
      const m = decodeMeta(this.pages.read(offset, META_SLOT_BYTES));
      if (m && (!best || m.sequence > best.sequence)) best = m;
    }
    return best;
  }

  /** Replays WAL records newer than the checkpoint, drops a torn tail, and checkpoints. */
  private recover(): void {
    const data = this.wal.read(0, this.wal.size());
    this.counters.diskBytesRead += data.length;
    const { records } = scanWal(data, this.pageSize, this.walPath);
    this.lsn = this.meta.checkpointLsn;
    for (const r of records) {
      if (r.lsn <= this.meta.checkpointLsn) continue;
      for (const p of r.pages) this.cache.insert(decodePage(p.image, p.id, this.walPath, 0), true);
      this.meta = { ...this.meta, root: r.root, pageCount: r.pageCount };
      this.lsn = r.lsn;
    }
    this.checkpoint();
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('B-tree is closed');
  }
}

export function openBTree(fs: FileSystem, dir: string, options?: BTreeOptions): BTree {
  return new BTree(fs, dir, options);
}
