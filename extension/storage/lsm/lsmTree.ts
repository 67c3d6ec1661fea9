/**
 * The LSM-tree engine (DDIA ch. 3; LevelDB's design): writes go to a write-ahead log and a
 * skip-list memtable; a full memtable is flushed to an immutable sorted table; a pluggable,
 * pure compaction policy decides which tables to merge, and `runCompaction` carries it out.
 * Reads check the memtable, then tables newest first, skipping tables by key range and bloom
 * filter. All I/O goes through the injected `FileSystem`; the manifest says which tables are
 * live, so a crash at any point leaves a state the next open can recover.
 *
 * With `background: true` a full memtable becomes the immutable memtable (`imm`, still read)
 * and the injected runner (`backgroundJobs`: a worker thread, extension/storageIo) builds its
 * table from its entries (its skip list and
 * arena are in shared memory, so the worker reads them in place), then runs compactions; the
 * engine installs each result when it next runs (on any call), in the same
 * crash-safe order: the worker fsyncs the new tables; the manifest is rewritten (listing them,
 * and naming as first live log the oldest log not yet in a table); only then are the flushed
 * log and compaction inputs deleted. Until a flush is installed, the manifest still names the
 * imm's log, so recovery replays it (recovery replays every log from the manifest's number up).
 *
 * Files in `dir`: MANIFEST (manifest.ts), NNNNNN.log (walFormat.ts), NNNNNN.sst (tableFormat.ts).
 */
import { type BackgroundJobs, type BackgroundJobsFactory, LsmBackgroundError } from './backgroundJobs';
import { type WorkerReply } from './backgroundProtocol';
import { BlockCache } from './blockCache';
import { type BytesLike, toBytes } from './bytes';
import { type CompactionPolicy, type CompactionTask, emptyShape, levelBytes, type LsmShape } from './compactionPolicy';
import { runCompaction } from './compactionRunner';
import { CorruptionError, unwrap } from './corruption';
import { type KvEntry } from './iterator';
import { createLeveledPolicy } from './leveledCompaction';
import { describeShape, describeTable } from './lsmDescribe';
import { LsmReader } from './lsmReader';
import {
  type BatchOp,
  DEFAULT_LSM_OPTIONS,
  type LevelsDescription,
  type LsmEvent,
  type LsmOptions,
  type LsmStats,
  type WriteOptions,
} from './lsmTypes';
import { decodeManifest, type Manifest, MANIFEST_NAME, writeManifest } from './manifest';
import { Memtable } from './memtable';
import { TableBuilder } from './tableBuilder';
import { parseFileNumber, tableFileName, type TableMeta, walFileName } from './tableMeta';
import { TableReader } from './tableReader';
import { createTieredPolicy } from './tieredCompaction';
import { encodeWalRecordInto, readWalRecords, type WalOp, walRecordSize } from './walFormat';
import { WalWriter } from './walWriter';
import { createRandom, type Random } from '../../util/prng';
import { type FileSystem } from '../fs/fileSystem';
import { joinPath } from '../fs/paths';
import { computeAmplification, createCounters, type StorageCounters } from '../stats';

const utf8 = new TextEncoder();

/** Bytes to be written: strings as UTF-8; any Uint8Array (a Buffer too) as is, since the log record copies it. */
function inputBytes(b: BytesLike): Uint8Array {
  return typeof b === 'string' ? utf8.encode(b) : b;
}

/** A bound on compactions per `compact()` call, so a policy bug cannot loop forever. */
const MAX_COMPACTIONS_PER_CALL = 10_000;

/** In background mode, writes stall while L0 has this many tables (LevelDB's kL0_StopWritesTrigger). */
export const L0_STOP_TABLES = 12;

export class LsmTree {
  private readonly counters: StorageCounters = createCounters();
  private readonly cache: BlockCache;
  private readonly tables = new Map<number, TableReader>();
  private readonly random: Random;
  private readonly events: LsmEvent[] = [];
  private shape: LsmShape = emptyShape();
  private memtable: Memtable;
  private wal: WalWriter | null = null;
  private manifestVersion = 0;
  private nextFileNumber = 1;
  private step = 0;
  private flushes = 0;
  private bloomNegatives = 0;
  private recovery = { batches: 0, droppedBytes: 0 };
  private closed = false;
  private readonly reader: LsmReader;
  /** Scratch for `write`: where each op's key and value start inside its log record. */
  private positions = new Int32Array(2);
  /** Background mode: the full memtable being flushed by the worker, and its log's number. */
  private imm: { memtable: Memtable; logNumber: number } | null = null;
  private jobs: BackgroundJobs | null = null;
  /** A failed background job: every later call reports it. */
  private backgroundError: LsmBackgroundError | null = null;
  private closing = false;

  private constructor(
    private readonly fs: FileSystem,
    readonly dir: string,
    readonly options: LsmOptions,
    readonly policy: CompactionPolicy,
  ) {
    this.cache = new BlockCache(options.blockCacheBytes);
    this.random = options.random ?? createRandom(options.seed);
    this.memtable = this.newMemtable();
    this.reader = new LsmReader(
      policy,
      this.counters,
      (id) => this.table(id),
      () => this.shape,
      () => this.memtable,
      () => this.imm?.memtable ?? null,
    );
  }

  static open(fs: FileSystem, dir: string, opts: Partial<LsmOptions> = {}): LsmTree {
    const options: LsmOptions = { ...DEFAULT_LSM_OPTIONS, ...opts };
    const policy =
      typeof options.compaction === 'object'
        ? options.compaction
        : options.compaction === 'tiered'
          ? createTieredPolicy(options.tiered)
          : createLeveledPolicy(options.leveled);
    let startJobs: ReturnType<BackgroundJobsFactory> | null = null;
    if (options.background) {
      if (options.backgroundJobs === undefined)
        throw new TypeError(
          'LSM option background: true needs a runner for its jobs: open the tree with openWorkerLsm (extension/storageIo/workerLsm.ts), which runs them on a worker thread',
        );
      if (typeof options.compaction === 'object')
        throw new TypeError("LSM option background: true needs compaction 'leveled' or 'tiered' by name (the worker builds the policy)");
      startJobs = options.backgroundJobs(fs);
    }
    const db = new LsmTree(fs, dir, options, policy);
    db.recover();
    if (startJobs !== null)
      db.jobs = startJobs({
        dir,
        style: policy.style,
        leveled: options.leveled,
        tiered: options.tiered,
        blockSizeBytes: options.blockSizeBytes,
        bloomBitsPerKey: options.bloomBitsPerKey,
        targetTableBytes: options.targetTableBytes,
        memtableBytes: options.memtableBytes,
        seed: options.seed,
      });
    return db;
  }

  /** In background mode in shared memory, so the worker flushes it without a copy. */
  private newMemtable(): Memtable {
    return new Memtable(this.random.fork(), this.options.memtableBytes, this.options.background);
  }

  private path(name: string): string {
    return joinPath(this.dir, name);
  }

  private table(id: number): TableReader {
    const t = this.tables.get(id);
    if (t === undefined) throw new Error(`table ${id} is not open`);
    return t;
  }

  private openTable(id: number): void {
    this.tables.set(id, unwrap(TableReader.open(this.fs.open(this.path(tableFileName(id)), 'read'), id, this.cache, this.counters)));
  }

  private recover(): void {
    this.fs.mkdirp(this.dir);
    let logNumber = 0;
    const manifestPath = this.path(MANIFEST_NAME);
    if (this.fs.exists(manifestPath)) {
      const m = unwrap(decodeManifest(this.fs.readFile(manifestPath), manifestPath));
      if (m.style !== this.policy.style)
        throw new RangeError(`${this.dir} was written with ${m.style} compaction, not ${this.policy.style}`);
      this.shape = { levels: m.levels };
      this.manifestVersion = m.version;
      this.nextFileNumber = m.nextFileNumber;
      logNumber = m.logNumber;
    }
    const live = new Set(this.shape.levels.flat().map((t) => t.id));
    for (const id of live) this.openTable(id);
    const logs: number[] = [];
    for (const name of this.fs.list(this.dir)) {
      const sst = parseFileNumber(name, 'sst');
      const log = parseFileNumber(name, 'log');
      // Orphans of an interrupted flush or compaction, or logs already in tables.
      if ((sst !== null && !live.has(sst)) || (log !== null && log < logNumber) || name === `${MANIFEST_NAME}.tmp`)
        this.fs.remove(this.path(name));
      else if (log !== null) logs.push(log);
      if (sst !== null || log !== null) this.nextFileNumber = Math.max(this.nextFileNumber, (sst ?? log ?? 0) + 1);
    }
    for (const n of logs.sort((a, b) => a - b)) {
      const file = this.path(walFileName(n));
      const result = readWalRecords(this.fs.readFile(file));
      if (result.damaged) throw new CorruptionError('bad-checksum', file, result.validBytes, `log record damaged (${result.stopReason})`);
      this.recovery.batches += result.batches.length;
      this.recovery.droppedBytes += result.droppedBytes;
      for (const batch of result.batches) this.applyToMemtable(batch);
    }
    // Start clean: recovered writes go to a table, and a fresh log replaces the old ones (so
    // nothing is ever appended after a torn tail).
    this.rotate(logs);
  }

  private applyToMemtable(ops: readonly WalOp[]): void {
    for (const op of ops) {
      if (op.value === null) this.memtable.delete(op.key);
      else this.memtable.put(op.key, op.value);
    }
  }

  private manifest(logNumber: number): Manifest {
    return {
      version: ++this.manifestVersion,
      nextFileNumber: this.nextFileNumber,
      logNumber,
      style: this.policy.style,
      levels: this.shape.levels,
    };
  }

  private saveManifest(logNumber: number): void {
    this.counters.diskBytesWritten += writeManifest(this.fs, this.dir, this.manifest(logNumber));
    this.counters.fsyncs += 2;
  }

  private newTableBuilder(): TableBuilder {
    const id = this.nextFileNumber++;
    return new TableBuilder(this.fs.open(this.path(tableFileName(id)), 'create'), id, this.options, (offset, bytes) =>
      this.cache.putEncoded(id, offset, bytes),
    );
  }

  private finishTable(b: TableBuilder): TableMeta {
    const meta = b.finish();
    b.file.close();
    this.counters.diskBytesWritten += meta.sizeBytes;
    this.counters.fsyncs++;
    this.openTable(meta.id);
    return meta;
  }

  /** Writes the memtable (if any) to a table, switches to a new log, and drops `oldLogs`. */
  private rotate(oldLogs: number[]): void {
    let flushed: TableMeta | null = null;
    if (this.memtable.entryCount > 0) {
      const b = this.newTableBuilder();
      this.memtable.forEachRange((kbuf, koff, klen, vbuf, voff, vlen) => b.addRange(kbuf, koff, klen, vbuf, voff, vlen));
      flushed = this.finishTable(b);
      this.shape = this.policy.addFlushed(this.shape, flushed);
      this.flushes++;
    }
    const logNumber = this.nextFileNumber++;
    const wal = new WalWriter(logNumber, this.fs.open(this.path(walFileName(logNumber)), 'create'), this.counters);
    // The manifest write fsyncs the directory, which also makes the new table and log durable.
    this.saveManifest(logNumber);
    this.wal?.close();
    this.wal = wal;
    for (const n of oldLogs) this.fs.remove(this.path(walFileName(n)));
    this.memtable = this.newMemtable();
    if (flushed !== null) {
      this.log({
        kind: 'flush',
        reason: 'memtable full or flush()',
        inputs: [],
        outputLevel: 0,
        outputs: [describeTable(flushed)],
        bytesRead: 0,
        bytesWritten: flushed.sizeBytes,
        droppedTombstones: 0,
        droppedVersions: 0,
      });
      if (this.options.autoCompact) this.compact();
    }
  }

  private log(e: Omit<LsmEvent, 'step' | 'levelsAfter'>): void {
    this.events.push({ ...e, step: ++this.step, levelsAfter: describeShape(this.shape, this.policy) });
    if (this.events.length > this.options.eventLogLimit) this.events.shift();
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the LSM tree is closed');
    if (this.backgroundError !== null) throw this.backgroundError;
    this.pollBackground();
  }

  /** The oldest log whose writes are not yet in a table: the manifest's first live log. */
  private liveLogNumber(): number {
    return this.imm?.logNumber ?? (this.wal as WalWriter).number;
  }

  // --- background mode (see the header) ---

  /** Installs a finished background job, if any, without blocking. */
  private pollBackground(): void {
    if (this.jobs === null) return;
    const r = this.jobs.poll();
    if (r !== null) this.install(r);
  }

  /** Blocks until the running job (started now if none) finishes, and installs it. */
  private waitBackground(): void {
    const jobs = this.jobs as BackgroundJobs;
    if (!jobs.running) this.startBackgroundJob();
    if (!jobs.running) throw new Error('the LSM tree waits for background work but none is pending');
    const r = jobs.wait();
    if (r !== null) this.install(r);
    if (this.backgroundError !== null) throw this.backgroundError;
  }

  /** Waits until the worker is idle and nothing is left to flush. */
  private waitBackgroundIdle(): void {
    while (this.jobs !== null && (this.jobs.running || this.imm !== null)) this.waitBackground();
  }

  /** The memtable is full: hand it to the worker, stalling first if it is still busy with the last one. */
  private rotateBackground(): void {
    while (this.imm !== null) this.waitBackground();
    const jobs = this.jobs as BackgroundJobs;
    while ((this.shape.levels[0]?.length ?? 0) >= L0_STOP_TABLES && (jobs.running || this.startBackgroundJob())) this.waitBackground();
    const old = this.wal as WalWriter;
    this.imm = { memtable: this.memtable, logNumber: old.number };
    const logNumber = this.nextFileNumber++;
    const wal = new WalWriter(logNumber, this.fs.open(this.path(walFileName(logNumber)), 'create'), this.counters);
    // Still names the imm's log as first live log; its directory fsync makes the new log durable.
    this.saveManifest(old.number);
    old.close();
    this.wal = wal;
    this.memtable = this.newMemtable();
    this.startBackgroundJob();
  }

  /**
   * Posts what can start: the imm's flush (even during a compaction, which lets it go first),
   * and the policy's next compaction if none is running. Policies install by table id, so a
   * flush installed while a compaction runs (a new newest L0 table or tier) does not disturb it.
   */
  private startBackgroundJob(): boolean {
    const jobs = this.jobs as BackgroundJobs;
    if (this.closing || this.backgroundError !== null) return false;
    let started = false;
    if (this.imm !== null && jobs.flushing === null) {
      // Every byte of a background-mode memtable is in shared memory (newMemtable, and writes
      // go into its arena), so the worker walks it in place.
      const entries = this.imm.memtable.shared();
      if (entries === null) throw new Error('internal: a background-mode memtable holds bytes outside shared memory');
      jobs.post({ kind: 'flush', tableId: this.nextFileNumber++, entries });
      started = true;
    }
    if (jobs.compacting !== null || !this.options.autoCompact) return started;
    for (let n = 0; n < MAX_COMPACTIONS_PER_CALL; n++) {
      const task = this.policy.pickCompaction(this.shape);
      if (task === null) return started;
      if (task.trivialMove) {
        this.runTask(task);
        continue;
      }
      // Output names are reserved up front; the merge writes at most about its input's bytes.
      const ids = new Set(task.inputs.flatMap((i) => i.tableIds));
      const inputBytes = levelBytes(this.shape.levels.flat().filter((t) => ids.has(t.id)));
      const count = 2 * Math.ceil(inputBytes / this.options.targetTableBytes) + ids.size + 4;
      const firstId = this.nextFileNumber;
      this.nextFileNumber += count;
      jobs.post({ kind: 'compaction', task, firstId, lastId: firstId + count - 1 });
      return true;
    }
    throw new Error('compaction policy did not converge');
  }

  /** Installs a finished job: manifest first, then the deletions it allows. */
  private install(r: WorkerReply): void {
    if (r.kind === 'error') {
      this.backgroundError ??= new LsmBackgroundError(r.message);
      return;
    }
    if (r.kind === 'flush') {
      const imm = this.imm as { memtable: Memtable; logNumber: number };
      if (r.table !== null) {
        this.openTable(r.table.id);
        this.counters.diskBytesWritten += r.table.sizeBytes;
        this.counters.fsyncs++;
        this.shape = this.policy.addFlushed(this.shape, r.table);
        this.flushes++;
      }
      this.imm = null;
      this.saveManifest(this.liveLogNumber());
      this.fs.remove(this.path(walFileName(imm.logNumber)));
      if (r.table !== null)
        this.log({
          kind: 'flush',
          reason: 'memtable full (background)',
          inputs: [],
          outputLevel: 0,
          outputs: [describeTable(r.table)],
          bytesRead: 0,
          bytesWritten: r.table.sizeBytes,
          droppedTombstones: 0,
          droppedVersions: 0,
        });
    } else {
      for (const t of r.outputs) this.openTable(t.id);
      this.counters.diskBytesRead += r.inputBytes;
      this.counters.diskBytesWritten += r.outputBytes;
      this.counters.fsyncs += r.outputs.length;
      this.installCompaction(r.task, r.outputs, {
        bytesRead: r.inputBytes,
        bytesWritten: r.outputBytes,
        droppedTombstones: r.droppedTombstones,
        droppedVersions: r.droppedVersions,
      });
    }
    this.startBackgroundJob();
  }

  // --- public API ---

  put(key: BytesLike, value: BytesLike, opts: WriteOptions = {}): void {
    this.write([{ key: inputBytes(key), value: inputBytes(value) }], opts);
  }

  delete(key: BytesLike, opts: WriteOptions = {}): void {
    this.write([{ key: inputBytes(key), value: null }], opts);
  }

  /** Applies all ops atomically (one log record): after a crash, all or none are present. */
  batch(ops: readonly BatchOp[], opts: WriteOptions = {}): void {
    const wal: WalOp[] = new Array<WalOp>(ops.length);
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i] as BatchOp;
      wal[i] = { key: inputBytes(op.key), value: op.type === 'put' ? inputBytes(op.value) : null };
    }
    this.write(wal, opts);
  }

  private write(ops: WalOp[], opts: WriteOptions): void {
    this.checkOpen();
    // The log record is the only copy of caller-owned bytes (the caller may reuse its buffers):
    // the memtable keeps ranges of it, which the encoder leaves in `positions`.
    if (this.positions.length < 2 * ops.length) this.positions = new Int32Array(2 * ops.length);
    const positions = this.positions;
    const size = walRecordSize(ops);
    const record = this.memtable.reserve(size);
    const start = this.memtable.reservedOffset;
    encodeWalRecordInto(ops, record, start, size, positions);
    (this.wal as WalWriter).append(record.subarray(start, start + size), opts.sync ?? this.options.syncWrites);
    let total = 0;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i] as WalOp;
      const klen = op.key.length;
      const vlen = op.value === null ? 0 : op.value.length;
      this.memtable.putRange(
        record,
        positions[2 * i] as number,
        klen,
        op.value === null ? null : record,
        positions[2 * i + 1] as number,
        vlen,
      );
      total += klen + vlen;
    }
    this.counters.userBytesWritten += total;
    if (this.memtable.approximateBytes >= this.options.memtableBytes) {
      if (this.jobs !== null) this.rotateBackground();
      else this.flush();
    }
  }

  get(key: BytesLike): Uint8Array | undefined {
    this.checkOpen();
    const r = this.reader.get(toBytes(key));
    this.bloomNegatives += r.bloomNegatives;
    return r.value;
  }

  /** Live entries with start <= key < end (either bound optional), in key order. */
  scan(start?: BytesLike, end?: BytesLike, limit = Infinity): KvEntry[] {
    this.checkOpen();
    return this.reader.scan(start === undefined ? undefined : toBytes(start), end === undefined ? undefined : toBytes(end), limit);
  }

  flush(): void {
    this.checkOpen();
    // In background mode an explicit flush is synchronous: once the worker is idle, the engine
    // alone touches the files.
    this.waitBackgroundIdle();
    this.rotate(this.wal === null ? [] : [this.wal.number]);
  }

  /** Runs the policy's compactions until it picks none; `full` merges everything to the bottom. */
  compact(opts: { full?: boolean } = {}): number {
    this.checkOpen();
    this.waitBackgroundIdle();
    let count = 0;
    if (opts.full) {
      const task = this.policy.fullCompaction(this.shape);
      if (task !== null) {
        this.runTask(task);
        count++;
      }
    }
    for (let task = this.policy.pickCompaction(this.shape); task !== null; task = this.policy.pickCompaction(this.shape)) {
      if (++count > MAX_COMPACTIONS_PER_CALL) throw new Error('compaction policy did not converge');
      this.runTask(task);
    }
    return count;
  }

  private runTask(task: CompactionTask): void {
    const walNumber = this.liveLogNumber();
    if (task.trivialMove) {
      const ids = new Set(task.inputs.flatMap((i) => i.tableIds));
      const moved = this.shape.levels.flat().filter((t) => ids.has(t.id));
      this.shape = this.policy.applyCompaction(this.shape, task, moved);
      this.saveManifest(walNumber);
      this.log({
        kind: 'trivial-move',
        reason: task.reason,
        inputs: task.inputs,
        outputLevel: task.outputLevel,
        outputs: moved.map(describeTable),
        bytesRead: 0,
        bytesWritten: 0,
        droppedTombstones: 0,
        droppedVersions: 0,
      });
      return;
    }
    const result = runCompaction(
      task,
      this.policy,
      { table: (id) => this.table(id), newTable: () => this.newTableBuilder(), finishTable: (b) => this.finishTable(b) },
      this.options.targetTableBytes,
    );
    this.counters.diskBytesRead += result.inputBytes;
    this.installCompaction(task, result.outputs, {
      bytesRead: result.inputBytes,
      bytesWritten: result.outputBytes,
      droppedTombstones: result.droppedTombstones,
      droppedVersions: result.droppedVersions,
    });
  }

  /** Puts a compaction's (open, synced) outputs in place of its inputs. */
  private installCompaction(
    task: CompactionTask,
    outputs: TableMeta[],
    result: { bytesRead: number; bytesWritten: number; droppedTombstones: number; droppedVersions: number },
  ): void {
    this.shape = this.policy.applyCompaction(this.shape, task, outputs);
    this.saveManifest(this.liveLogNumber());
    // Only after the new manifest is durable may the inputs go.
    for (const input of task.inputs) {
      for (const id of input.tableIds) {
        this.table(id).close();
        this.tables.delete(id);
        this.cache.evictTable(id);
        this.fs.remove(this.path(tableFileName(id)));
      }
    }
    this.counters.compactions++;
    this.log({
      kind: 'compaction',
      reason: task.reason,
      inputs: task.inputs,
      outputLevel: task.outputLevel,
      outputs: outputs.map(describeTable),
      ...result,
    });
  }

  describeLevels(): LevelsDescription {
    return {
      style: this.policy.style,
      memtable: { entries: this.memtable.entryCount, bytes: this.memtable.approximateBytes },
      levels: describeShape(this.shape, this.policy),
    };
  }

  /** Flush and compaction events, oldest first (bounded by `eventLogLimit`). */
  eventLog(): LsmEvent[] {
    return this.events.slice();
  }

  /** The pure shape the policies see (for simulations that start from a real tree). */
  currentShape(): LsmShape {
    return { levels: this.shape.levels.map((l) => l.slice()) };
  }

  stats(opts: { exactSpace?: boolean } = {}): LsmStats {
    this.counters.cacheHits = this.cache.hits;
    this.counters.cacheMisses = this.cache.misses;
    const tableBytes = this.shape.levels.reduce((n, l) => n + levelBytes(l), 0);
    const walBytes = this.wal?.sizeBytes ?? 0;
    let space: number;
    if (opts.exactSpace) {
      let live = 0;
      for (const e of this.reader.scan(undefined, undefined, Infinity)) live += e.key.length + (e.value?.length ?? 0);
      space = live === 0 ? 0 : (tableBytes + walBytes) / live;
    } else {
      const last = [...this.shape.levels].reverse().find((l) => l.length > 0) ?? [];
      space = levelBytes(last) === 0 ? 0 : tableBytes / levelBytes(last);
    }
    return {
      ...this.counters,
      amplification: { ...computeAmplification(this.counters), space, spaceIsExact: opts.exactSpace === true },
      flushes: this.flushes,
      tableCount: this.tables.size,
      tableBytes,
      walBytes,
      memtableBytes: this.memtable.approximateBytes,
      bloomNegatives: this.bloomNegatives,
      cacheBytes: this.cache.usedBytes,
      recovery: { ...this.recovery },
    };
  }

  /** Makes buffered log writes durable. */
  sync(): void {
    this.checkOpen();
    this.wal?.sync();
  }

  /** Syncs the log and closes every file; reopening replays the log. */
  close(): void {
    if (this.closed) return;
    let failure: unknown = null;
    if (this.jobs !== null) {
      // Let the running job finish and install it (a failed one is dropped: its inputs stay
      // live); an imm not yet flushed stays in its log, which the next open replays.
      this.closing = true;
      try {
        for (let r = this.jobs.wait(); r !== null; r = this.jobs.wait()) this.install(r);
      } catch (e) {
        failure = e;
      } finally {
        this.jobs.close();
        this.jobs = null;
      }
    }
    this.wal?.sync();
    this.wal?.close();
    for (const t of this.tables.values()) t.close();
    this.tables.clear();
    this.closed = true;
    if (failure !== null) throw failure;
  }
}

export function openLsm(fs: FileSystem, dir: string, opts: Partial<LsmOptions> = {}): LsmTree {
  return LsmTree.open(fs, dir, opts);
}
