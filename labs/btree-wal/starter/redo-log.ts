/**
 * Exercise "redo-recovery" (lab btree-wal): crash recovery by replaying a redo log.
 *
 * `PageStore` (below, already written) keeps fixed-size pages the way a B-tree does (DDIA ch. 3,
 * "Making B-trees reliable"): a write changes the page in memory and appends a redo record —
 * the page's new contents, its after-image — to the write-ahead log `wal`; a checkpoint writes
 * the changed pages to `pages`, records the last LSN it covered in `CHECKPOINT`, and empties the
 * log. On a crash, unsynced bytes of the log may be lost or torn, and pages written since the
 * checkpoint are only in the log. `PageStore.open` calls your two functions to repair that.
 *
 * Log record layout (little-endian), written by `encodeRecord`:
 *
 *   offset 0   u32  crc32 of bytes 4 .. end of record
 *   offset 4   u32  lsn      (log sequence number: 1, 2, 3, … in write order)
 *   offset 8   u32  pageId
 *   offset 12  u32  length   (bytes of the image)
 *   offset 16  …    image    (`length` bytes)
 *
 * Each page on disk starts with the LSN of the last record applied to it (`PageFile.pageLsn`),
 * which is what makes replay idempotent: a record is applied only if it is newer than the page.
 *
 * Checked by tests/redo-recovery.test.ts:
 *   - "decodeLog reads back every encoded record"
 *   - "decodeLog stops at a torn last record and reports the valid prefix"
 *   - "decodeLog stops at a record whose checksum does not match"
 *   - "replay applies records newer than the checkpoint, in LSN order"
 *   - "replay skips records a page already has (replaying twice changes nothing)"
 *   - "crash at random points: the store is always some prefix of the writes, at least the synced ones (seed 5)"
 */
/** The part of the lab SDK's `storage.FileSystem` this file uses (any of 'disk', 'memory', 'faulty'). */
export interface FileSystem {
  open(path: string, mode: 'read' | 'readwrite'): FileHandle;
  exists(path: string): boolean;
  mkdirp(dir: string): void;
  rename(from: string, to: string): void;
  syncDir(dir: string): void;
  readFile(path: string): Uint8Array;
}

export interface FileHandle {
  read(position: number, length: number): Uint8Array;
  write(position: number, data: Uint8Array): void;
  size(): number;
  truncate(length: number): void;
  sync(): void;
  close(): void;
}

export const HEADER_BYTES = 16;

export interface LogRecord {
  readonly lsn: number;
  readonly pageId: number;
  readonly image: Uint8Array;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE), as in zip and Ethernet. Given. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Encodes one record in the layout above. Given. */
export function encodeRecord(r: LogRecord): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + r.image.length);
  const view = new DataView(out.buffer);
  view.setUint32(4, r.lsn, true);
  view.setUint32(8, r.pageId, true);
  view.setUint32(12, r.image.length, true);
  out.set(r.image, HEADER_BYTES);
  view.setUint32(0, crc32(out.subarray(4)), true);
  return out;
}

/** What `replay` needs from the page file. */
export interface PageFile {
  /** LSN of the last record applied to page `pageId` (0 for a page never written). */
  pageLsn(pageId: number): number;
  /** Replaces page `pageId` with `image` and sets its LSN. */
  writePage(pageId: number, lsn: number, image: Uint8Array): void;
}

/**
 * Decodes records from the start of `bytes` until the end, a record that runs past the end
 * (torn by a crash), or a record whose checksum does not match. Returns the records and the
 * number of bytes they take (`validBytes`): the store truncates the log there.
 */
export function decodeLog(bytes: Uint8Array): { records: LogRecord[]; validBytes: number } {
  // TODO: read headers with a DataView; stop on a short header, a short image or a bad crc32.
  void bytes;
  return { records: [], validBytes: 0 };
}

/**
 * Applies, in LSN order, every record with lsn > checkpointLsn whose page is older than the
 * record (pageLsn < lsn). Returns how many records it applied.
 */
export function replay(pages: PageFile, records: readonly LogRecord[], checkpointLsn: number): number {
  // TODO
  void pages;
  void records;
  void checkpointLsn;
  return 0;
}

/**
 * Fixed-size pages with a redo log, on any `FileSystem` of the lab SDK (try
 * `storage.faultyFileSystem(seed)` and its `crash()`). Given: you do not need to change it.
 * Page file layout: page i at offset i · (4 + pageSize): u32 pageLsn, then the page's bytes.
 */
export class PageStore implements PageFile {
  private readonly cache = new Map<number, { lsn: number; image: Uint8Array }>();
  private readonly dirty = new Set<number>();
  private lsn = 0;
  private walEnd = 0;
  /** Records replayed by the last open (for the lab's cells). */
  replayed = 0;

  private constructor(
    private readonly fs: FileSystem,
    private readonly dir: string,
    readonly pageSize: number,
  ) {}

  static open(fs: FileSystem, dir: string, pageSize = 64): PageStore {
    fs.mkdirp(dir);
    const store = new PageStore(fs, dir, pageSize);
    const checkpointLsn = fs.exists(store.path('CHECKPOINT'))
      ? new DataView(fs.readFile(store.path('CHECKPOINT')).buffer).getUint32(0, true)
      : 0;
    const wal = fs.exists(store.path('wal')) ? fs.readFile(store.path('wal')) : new Uint8Array(0);
    const { records, validBytes } = decodeLog(wal);
    store.lsn = Math.max(checkpointLsn, ...records.map((r) => r.lsn));
    store.replayed = replay(store, records, checkpointLsn);
    // Cut a torn or corrupt tail, so new records follow the last good one.
    const h = fs.open(store.path('wal'), 'readwrite');
    h.truncate(validBytes);
    h.sync();
    h.close();
    fs.syncDir(dir);
    store.walEnd = validBytes;
    return store;
  }

  private path(name: string): string {
    return `${this.dir}/${name}`;
  }

  pageLsn(pageId: number): number {
    return this.load(pageId).lsn;
  }

  writePage(pageId: number, lsn: number, image: Uint8Array): void {
    this.cache.set(pageId, { lsn, image: this.fit(image) });
    this.dirty.add(pageId);
  }

  read(pageId: number): Uint8Array {
    return this.load(pageId).image;
  }

  /** Logs the page's new contents, then changes it in memory. `sync` makes it durable now. */
  write(pageId: number, image: Uint8Array, opts: { sync?: boolean } = {}): void {
    const lsn = ++this.lsn;
    const h = this.fs.open(this.path('wal'), 'readwrite');
    h.write(this.walEnd, encodeRecord({ lsn, pageId, image: this.fit(image) }));
    this.walEnd = h.size();
    if (opts.sync) h.sync();
    h.close();
    this.writePage(pageId, lsn, image);
  }

  /** Writes dirty pages in place, then records the checkpoint LSN, then empties the log. */
  checkpoint(): void {
    const h = this.fs.open(this.path('pages'), 'readwrite');
    for (const id of [...this.dirty].sort((a, b) => a - b)) {
      const p = this.cache.get(id) as { lsn: number; image: Uint8Array };
      const buf = new Uint8Array(4 + this.pageSize);
      new DataView(buf.buffer).setUint32(0, p.lsn, true);
      buf.set(p.image, 4);
      h.write(id * (4 + this.pageSize), buf);
    }
    h.sync();
    h.close();
    const cp = new Uint8Array(4);
    new DataView(cp.buffer).setUint32(0, this.lsn, true);
    const tmp = this.fs.open(this.path('CHECKPOINT.tmp'), 'readwrite');
    tmp.truncate(0);
    tmp.write(0, cp);
    tmp.sync();
    tmp.close();
    this.fs.rename(this.path('CHECKPOINT.tmp'), this.path('CHECKPOINT'));
    this.fs.syncDir(this.dir);
    const wal = this.fs.open(this.path('wal'), 'readwrite');
    wal.truncate(0);
    wal.sync();
    wal.close();
    this.walEnd = 0;
    this.dirty.clear();
  }

  private fit(image: Uint8Array): Uint8Array {
    if (image.length > this.pageSize) throw new RangeError(`a page holds ${this.pageSize} bytes, got ${image.length}`);
    const out = new Uint8Array(this.pageSize);
    out.set(image);
    return out;
  }

  private load(pageId: number): { lsn: number; image: Uint8Array } {
    let p = this.cache.get(pageId);
    if (!p) {
      const size = 4 + this.pageSize;
      const bytes = this.fs.exists(this.path('pages')) ? this.readAt(pageId * size, size) : new Uint8Array(0);
      p =
        bytes.length === size
          ? { lsn: new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true), image: bytes.slice(4) }
          : { lsn: 0, image: new Uint8Array(this.pageSize) };
      this.cache.set(pageId, p);
    }
    return p;
  }

  private readAt(position: number, length: number): Uint8Array {
    const h = this.fs.open(this.path('pages'), 'read');
    try {
      return h.read(position, length);
    } finally {
      h.close();
    }
  }
}
