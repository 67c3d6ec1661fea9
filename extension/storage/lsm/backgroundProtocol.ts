/**
 * Messages between the engine and its background worker (`background: true`; the engine's side
 * is backgroundJobs.ts, the worker-thread runner is in extension/storageIo). All plain data, so
 * structured clone carries them.
 */
import { type CompactionTask } from './compactionPolicy';
import { type LeveledOptions } from './leveledCompaction';
import { type SharedSkipList } from './skipList';
import { type TableMeta } from './tableMeta';
import { type TieredOptions } from './tieredCompaction';

/** What the worker needs to open the same files and build tables the engine's way. */
export interface WorkerSetup {
  rootDir: string;
  dir: string;
  style: 'leveled' | 'tiered';
  leveled: Partial<LeveledOptions>;
  tiered: Partial<TieredOptions>;
  blockSizeBytes: number;
  bloomBitsPerKey: number;
  targetTableBytes: number;
  memtableBytes: number;
  seed: number;
}

export type WorkerJobSpec =
  /** Build table `tableId` from a memtable's entries: its skip list in shared memory, walked in place. */
  | { kind: 'flush'; tableId: number; entries: SharedSkipList }
  /** Run `task` (not a trivial move), naming outputs from the reserved numbers `firstId, firstId + 1, …, lastId`. */
  | { kind: 'compaction'; task: CompactionTask; firstId: number; lastId: number };

export type WorkerJob = WorkerJobSpec & { jobId: number };

/**
 * What the engine sends on the job port: `setup` binds the (possibly reused) worker to one
 * engine's files and options, jobs follow, and `detach` drops that binding when the engine
 * closes and parks the thread for the next one.
 */
export type WorkerMessage = { kind: 'setup'; setup: WorkerSetup } | { kind: 'detach' } | WorkerJob;

export type WorkerReply =
  | { kind: 'flush'; jobId: number; table: TableMeta | null }
  | {
      kind: 'compaction';
      jobId: number;
      task: CompactionTask;
      outputs: TableMeta[];
      inputBytes: number;
      outputBytes: number;
      droppedTombstones: number;
      droppedVersions: number;
    }
  | { kind: 'error'; jobId: number; message: string };
