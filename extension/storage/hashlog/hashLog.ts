/**
 * A hash-indexed log in the style of Bitcask (DDIA ch. 3, "Hash Indexes"): every write is appended
 * to the active segment file, and an in-memory hash map from key to (segment, offset, length)
 * makes each read one positioned read. Segments roll at `segmentBytes`; `compact()` rolls the
 * active segment and merges every segment into new ones that hold only live values, each laid out
 * keys first (keyedSegment.ts) so that its key section is its own hint for a fast restart.
 *
 * Keys and values are bytes (`Uint8Array`; strings are UTF-8 encoded at the API edge). Range
 * scans work but cost a sort of all keys: hash indexes do not keep keys in order, which is the
 * point the lab makes before introducing SSTables.
 *
 * Durability: a write is durable once a write with `sync: true` (or `sync()`) follows it. Batches
 * are atomic. On open, recovery replays segments in name order (compacted ones from their key
 * sections only, log segments by scanning their records), drops a torn tail of the active
 * segment, and throws `StorageCorruptionError` on a checksum failure.
 */
import { type BytesLike, binaryToBytes, bytesToBinary, equalBytes, toBytes } from '../codec/bytes';
import { StorageCorruptionError } from '../codec/corruption';
import { type FileHandle, type FileSystem } from '../fs/fileSystem';
import { joinPath } from '../fs/paths';
import { type StorageCounters, createCounters, snapshotCounters } from '../stats';
import { type CompactionResult, compactSegments } from './hashLogCompaction';
import { KEYED_HEADER_BYTES, checkValueRecord, decodeKeySection, keyEntryBytes, readKeyedHeader, VALUE_CRC_BYTES } from './keyedSegment';
import { FLAG_MORE, FLAG_TOMBSTONE, checkHeader, encodeRecordInto, recordBytes, recordChecksumOk } from './recordFormat';
import { scanSegment } from './segmentScan';
import { type SegmentId, compareSegmentIds, isCompactedSegment, parseSegmentFileName, segmentFileName } from './segmentName';

export interface HashLogOptions {
  /** Roll to a new segment once the active one reaches this size. Default 4 MiB. */
  segmentBytes?: number;
  /** Sync after every write unless the write says otherwise. Default false. */
  syncByDefault?: boolean;
}

export interface WriteOptions {
  sync?: boolean;
}

/** One operation of an atomic batch; `value: null` deletes. */
export interface BatchOp {
  key: BytesLike;
  value: BytesLike | null;
}

export interface Segment extends SegmentId {
  name: string;
  /** `dir/name`, kept so reads do not build it (it names the file in corruption errors). */
  path: string;
  handle: FileHandle;
  bytes: number;
  liveBytes: number;
  /** A compaction output (keyedSegment.ts layout): its key section serves as its hint. */
  keyed: boolean;
}

/** Log segments: the whole record. Compacted segments: the value record (valueCrc, value). */
export interface Location {
  segment: Segment;
  offset: number;
  length: number;
}

export interface HashLogStats extends StorageCounters {
  keys: number;
  segments: number;
  diskBytes: number;
  liveBytes: number;
  /** diskBytes / liveBytes: how much space dead records take (1 after a full compaction). */
  spaceAmplification: number;
}

export interface SegmentDescription {
  name: string;
  bytes: number;
  liveBytes: number;
  /** True for compacted segments, whose key section is their hint (there are no separate hint files). */
  hasHint: boolean;
  active: boolean;
}

export class HashLog {
  readonly index = new Map<string, Location>();
  /** Oldest first; the last one is the active segment. */
  segments: Segment[] = [];
  readonly counters = createCounters();
  readonly segmentBytes: number;
  private readonly syncByDefault: boolean;
  private closed = false;

  constructor(
    readonly fs: FileSystem,
    readonly dir: string,
    options: HashLogOptions = {},
  ) {
    this.segmentBytes = options.segmentBytes ?? 4 * 1024 * 1024;
    this.syncByDefault = options.syncByDefault ?? false;
    this.recover();
  }

  get active(): Segment {
    return this.segments[this.segments.length - 1] as Segment;
  }

  put(key: BytesLike, value: BytesLike, options?: WriteOptions): void {
    this.write([{ key, value }], options);
  }

  delete(key: BytesLike, options?: WriteOptions): void {
    this.write([{ key, value: null }], options);
  }

  /** Appends every op in one write (and at most one sync); recovery applies all of them or none. */
  write(ops: readonly BatchOp[], options: WriteOptions = {}): void {
    this.checkOpen();
    if (ops.length === 0) return;
    const encoded = ops.map((op) => ({ key: toBytes(op.key), value: op.value === null ? null : toBytes(op.value) }));
    let size = 0;
    for (const e of encoded) size += recordBytes(e.key.length, e.value?.length ?? 0);
    const buf = new Uint8Array(size);
    let at = 0;
    const offsets: number[] = [];
    encoded.forEach((e, i) => {
      const flags = (e.value === null ? FLAG_TOMBSTONE : 0) | (i < encoded.length - 1 ? FLAG_MORE : 0);
      offsets.push(at);
      at = encodeRecordInto(buf, at, e.key, e.value ?? new Uint8Array(0), flags);
      this.counters.userBytesWritten += e.key.length + (e.value?.length ?? 0);
    });
    const segment = this.active;
    // Positional write at the tracked end: one syscall, no size query per write.
    const base = segment.bytes;
    segment.handle.write(base, buf);
    segment.bytes = base + buf.length;
    this.counters.diskBytesWritten += buf.length;
    encoded.forEach((e, i) => {
      const offset = base + (offsets[i] as number);
      const length = recordBytes(e.key.length, e.value?.length ?? 0);
      if (e.value === null) this.unindex(bytesToBinary(e.key));
      else this.indexAt(bytesToBinary(e.key), { segment, offset, length });
    });
    if (options.sync ?? this.syncByDefault) this.syncActive();
    if (segment.bytes >= this.segmentBytes) this.roll();
  }

  get(key: BytesLike): Uint8Array | undefined {
    this.checkOpen();
    const k = toBytes(key);
    this.counters.userReads++;
    const loc = this.index.get(bytesToBinary(k));
    if (!loc) return undefined;
    return this.readValue(k, loc);
  }

  /** Live entries with start <= key < end (either bound optional), sorted by key bytes. */
  scan(start?: BytesLike, end?: BytesLike, limit = Infinity): Array<{ key: Uint8Array; value: Uint8Array }> {
    this.checkOpen();
    const lo = start === undefined ? undefined : bytesToBinary(toBytes(start));
    const hi = end === undefined ? undefined : bytesToBinary(toBytes(end));
    const keys = [...this.index.keys()].filter((k) => (lo === undefined || k >= lo) && (hi === undefined || k < hi)).sort();
    this.counters.userReads++;
    const out: Array<{ key: Uint8Array; value: Uint8Array }> = [];
    for (const k of keys.slice(0, limit)) {
      const loc = this.index.get(k) as Location;
      const key = binaryToBytes(k);
      out.push({ key, value: this.readValue(key, loc) });
    }
    return out;
  }

  /** Makes every write so far durable. */
  sync(): void {
    this.checkOpen();
    this.syncActive();
  }

  /**
   * A full merge: rolls the active segment (if it holds anything), then rewrites every segment
   * but the fresh active one as compacted segments holding only live values (dropping overwritten
   * values and tombstones). Afterwards the disk holds the live data plus the per-entry overhead
   * of keyedSegment.ts. Crash-safe at every step (hashLogCompaction.ts).
   */
  compact(): CompactionResult {
    this.checkOpen();
    return compactSegments(this);
  }

  stats(): HashLogStats {
    let diskBytes = 0;
    let liveBytes = 0;
    for (const s of this.segments) {
      diskBytes += s.bytes;
      liveBytes += s.liveBytes;
    }
    return {
      ...snapshotCounters(this.counters),
      keys: this.index.size,
      segments: this.segments.length,
      diskBytes,
      liveBytes,
      spaceAmplification: liveBytes === 0 ? 0 : diskBytes / liveBytes,
    };
  }

  describeSegments(): SegmentDescription[] {
    return this.segments.map((s) => ({
      name: s.name,
      bytes: s.bytes,
      liveBytes: s.liveBytes,
      hasHint: s.keyed,
      active: s === this.active,
    }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.segments) s.handle.close();
  }

  // --- internals shared with compaction ---

  path(s: SegmentId | Segment): string {
    return 'path' in s ? s.path : joinPath(this.dir, segmentFileName(s));
  }

  indexAt(k: string, loc: Location): void {
    this.unindex(k);
    this.index.set(k, loc);
    loc.segment.liveBytes += liveSize(k, loc);
  }

  unindex(k: string): void {
    const old = this.index.get(k);
    if (!old) return;
    old.segment.liveBytes -= liveSize(k, old);
    this.index.delete(k);
  }

  /** Moves key `k`'s entry, the `Location` object the index holds, to `segment` in place (no Map update). */
  relocate(k: string, loc: Location, segment: Segment, offset: number, length: number): void {
    loc.segment.liveBytes -= liveSize(k, loc);
    loc.segment = segment;
    loc.offset = offset;
    loc.length = length;
    segment.liveBytes += liveSize(k, loc);
  }

  /** Reads and verifies the value of `key` at `loc` for a user read (counted as read amplification). */
  readValue(key: Uint8Array, loc: Location): Uint8Array {
    this.counters.filesTouchedByReads++;
    this.counters.blocksTouchedByReads++;
    return this.loadValue(key, loc);
  }

  /**
   * Reads the value of `key` at `loc` with one positioned read and verifies it (checksum, and that
   * the bytes belong to `key`); never returns bytes that failed their check.
   */
  loadValue(key: Uint8Array, loc: Location): Uint8Array {
    const buf = loc.segment.handle.read(loc.offset, loc.length);
    this.counters.diskBytesRead += buf.length;
    return this.checkValue(key, loc, buf);
  }

  /** Verifies `buf`, the bytes at `loc` (read by the caller), as the value of `key`; returns a view into it. */
  checkValue(key: Uint8Array, loc: Location, buf: Uint8Array): Uint8Array {
    const file = loc.segment.path;
    if (loc.segment.keyed) return checkValueRecord(buf, key, file, loc.offset, loc.length);
    const check = checkHeader(buf, 0, buf.length);
    if (check.kind !== 'ok')
      throw new StorageCorruptionError(file, loc.offset, check.kind === 'corrupt' ? check.reason : 'record cut short');
    const { header } = check;
    if (recordBytes(header.keyLength, header.valueLength) !== loc.length || !recordChecksumOk(buf, 0, header)) {
      throw new StorageCorruptionError(file, loc.offset, 'record checksum mismatch');
    }
    if (header.flags & FLAG_TOMBSTONE) throw new StorageCorruptionError(file, loc.offset, 'index points at a tombstone');
    const keyAt = header.headerBytes;
    if (!equalBytes(buf.subarray(keyAt, keyAt + header.keyLength), key))
      throw new StorageCorruptionError(file, loc.offset, 'record holds a different key');
    return buf.subarray(keyAt + header.keyLength);
  }

  openSegment(id: SegmentId, create: boolean): Segment {
    const name = segmentFileName(id);
    const path = joinPath(this.dir, name);
    const handle = this.fs.open(path, create ? 'create' : 'readwrite');
    return { ...id, name, path, handle, bytes: handle.size(), liveBytes: 0, keyed: isCompactedSegment(id) };
  }

  private syncActive(): void {
    this.active.handle.sync();
    this.counters.fsyncs++;
  }

  /**
   * Closes the active segment (synced, so only the newest segment can ever have a torn tail) and
   * starts the next. Compaction calls it to make the active segment one of its inputs.
   */
  roll(): void {
    this.syncActive();
    const next = this.openSegment({ id: this.active.id + 1, part: 0 }, true);
    this.segments.push(next);
    // The new name must be durable before a synced write to it is acknowledged.
    this.fs.syncDir(this.dir);
    this.counters.fsyncs++;
  }

  private recover(): void {
    this.fs.mkdirp(this.dir);
    const names = this.fs.list(this.dir);
    for (const n of names) if (n.endsWith('.tmp')) this.fs.remove(joinPath(this.dir, n));
    const ids = names
      .map(parseSegmentFileName)
      .filter((p): p is SegmentId => p !== null)
      .sort(compareSegmentIds);
    ids.forEach((id, i) => {
      const segment = this.openSegment(id, false);
      this.segments.push(segment);
      const last = i === ids.length - 1;
      if (segment.keyed) {
        // Bitcask's fast restart: only the header and the key section are read, never a value.
        const file = this.path(segment);
        const header = segment.handle.read(0, KEYED_HEADER_BYTES);
        const { keySectionBytes } = readKeyedHeader(header, file, segment.bytes);
        const keySection = segment.handle.read(KEYED_HEADER_BYTES, keySectionBytes);
        this.counters.diskBytesRead += header.length + keySection.length;
        for (const e of decodeKeySection(header, keySection, file, segment.bytes)) {
          this.indexAt(bytesToBinary(e.key), { segment, offset: e.offset, length: e.length });
        }
        return;
      }
      const data = segment.handle.read(0, segment.bytes);
      this.counters.diskBytesRead += data.length;
      const scan = scanSegment(data, this.path(segment), last);
      for (const r of scan.records) {
        if (r.tombstone) this.unindex(bytesToBinary(r.key));
        else this.indexAt(bytesToBinary(r.key), { segment, offset: r.offset, length: r.length });
      }
      if (scan.torn) {
        segment.handle.truncate(scan.validEnd);
        segment.handle.sync();
        segment.bytes = scan.validEnd;
      }
    });
    // A compaction output is never appended to, so writes go to a fresh segment.
    const last = this.segments[this.segments.length - 1];
    if (!last || last.keyed) {
      const next = this.openSegment({ id: (last?.id ?? 0) + 1, part: 0 }, true);
      this.segments.push(next);
      this.fs.syncDir(this.dir);
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('hash log is closed');
  }
}

/**
 * Disk bytes that the entry of key `k` (a binary string) at `loc` accounts for: the whole record
 * in a log segment; the key-section entry plus the value record in a compacted one.
 */
function liveSize(k: string, loc: Location): number {
  return loc.segment.keyed ? loc.length + keyEntryBytes(k.length, loc.length - VALUE_CRC_BYTES) : loc.length;
}

export function openHashLog(fs: FileSystem, dir: string, options?: HashLogOptions): HashLog {
  return new HashLog(fs, dir, options);
}
