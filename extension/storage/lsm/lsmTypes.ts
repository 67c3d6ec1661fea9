/**
 * Public types of the LSM engine: options, per-write options, statistics, the plain-data view
 * of the levels for renderers, and the compaction event log for animations.
 */
import { type BackgroundJobsFactory } from './backgroundJobs';
import { type CompactionInput, type CompactionPolicy } from './compactionPolicy';
import { type LeveledOptions } from './leveledCompaction';
import { type TieredOptions } from './tieredCompaction';
import { type Random } from '../../util/prng';
import { type Amplification, type StorageCounters } from '../stats';

export interface LsmOptions {
  /** 'leveled' (default), 'tiered', or a custom policy object. */
  compaction: 'leveled' | 'tiered' | CompactionPolicy;
  leveled: Partial<LeveledOptions>;
  tiered: Partial<TieredOptions>;
  /** Flush the memtable once it holds about this many bytes. */
  memtableBytes: number;
  blockSizeBytes: number;
  bloomBitsPerKey: number;
  blockCacheBytes: number;
  /** Compaction cuts its output into tables of about this size. */
  targetTableBytes: number;
  /** Run pending compactions after every flush (off: only when `compact()` is called). */
  autoCompact: boolean;
  /** Default for writes that do not say: fsync the log before acknowledging. */
  syncWrites: boolean;
  /** Seed of the skip list's level PRNG (or pass `random`). */
  seed: number;
  random?: Random;
  /** How many compaction/flush events to keep for renderers. */
  eventLogLimit: number;
  /**
   * Run flushes and compactions on a worker thread, as LevelDB's background thread does
   * (extension/storageIo/backgroundJobs.ts): a full memtable becomes the immutable memtable and writes go on into a
   * new one; writes stall only when the next memtable fills before that flush is installed, or
   * when L0 reaches `L0_STOP_TABLES` tables. Needs the real disk file system (the worker opens
   * the same files) and a 'leveled' or 'tiered' policy by name. Off (the default): all work is
   * synchronous and in-process, so the same seed gives the same trace. The engine starts no thread
   * itself: `backgroundJobs` runs the jobs (`openWorkerLsm` in extension/storageIo passes one).
   */
  background: boolean;
  /** The runner of background jobs (see `background`). */
  backgroundJobs?: BackgroundJobsFactory;
}

export const DEFAULT_LSM_OPTIONS: LsmOptions = {
  compaction: 'leveled',
  leveled: {},
  tiered: {},
  memtableBytes: 4 * 1024 * 1024,
  blockSizeBytes: 4096,
  bloomBitsPerKey: 10,
  blockCacheBytes: 32 * 1024 * 1024,
  targetTableBytes: 2 * 1024 * 1024,
  autoCompact: true,
  syncWrites: false,
  seed: 1,
  eventLogLimit: 256,
  background: false,
};

export interface WriteOptions {
  /** fsync the write-ahead log before returning (durable once this returns). */
  sync?: boolean;
}

export type BatchOp = { type: 'put'; key: Uint8Array | string; value: Uint8Array | string } | { type: 'delete'; key: Uint8Array | string };

export interface TableDescription {
  id: number;
  /** Printable keys (UTF-8 if printable ASCII, else 0x-hex). */
  smallest: string;
  largest: string;
  sizeBytes: number;
  entryCount: number;
  tombstoneCount: number;
}

export interface LevelDescription {
  level: number;
  /** True if tables may overlap (L0 of leveled): each must be checked on a read. */
  overlapping: boolean;
  sizeBytes: number;
  tables: TableDescription[];
}

export interface LevelsDescription {
  style: 'leveled' | 'tiered';
  memtable: { entries: number; bytes: number };
  levels: LevelDescription[];
}

export interface LsmEvent {
  /** 1, 2, 3, … in the order events happened. */
  step: number;
  kind: 'flush' | 'compaction' | 'trivial-move';
  reason: string;
  inputs: CompactionInput[];
  outputLevel: number;
  outputs: TableDescription[];
  bytesRead: number;
  bytesWritten: number;
  droppedTombstones: number;
  droppedVersions: number;
  levelsAfter: LevelDescription[];
}

export interface LsmStats extends StorageCounters {
  amplification: Amplification & {
    /**
     * Bytes on disk / bytes of live user data. Exact (a full scan) when `stats({ exactSpace: true })`;
     * otherwise estimated as in RocksDB: all table bytes / bytes of the last non-empty level.
     */
    space: number;
    spaceIsExact: boolean;
  };
  flushes: number;
  tableCount: number;
  tableBytes: number;
  walBytes: number;
  memtableBytes: number;
  /** Tables a get skipped because the bloom filter said "certainly absent". */
  bloomNegatives: number;
  cacheBytes: number;
  /** What the last open found in the logs. */
  recovery: { batches: number; droppedBytes: number };
}
