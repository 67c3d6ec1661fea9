/**
 * What the engine needs from whoever runs its background work (`background: true`): post a
 * flush or a compaction, poll for a finished one without blocking, block until one finishes
 * (a write stall), and give the runner back on close. The engine only describes jobs and installs
 * results; the runner that does them on a worker thread over real files lives outside the
 * model folders (extension/storageIo/backgroundJobs.ts, opened with `openWorkerLsm`), so the
 * engine itself starts no thread and touches no real file.
 */
import { type FileSystem } from '../fs/fileSystem';
import { type WorkerJob, type WorkerJobSpec, type WorkerReply, type WorkerSetup } from './backgroundProtocol';

/** A failure of a background job (or of the runner), reported on the engine's next call. */
export class LsmBackgroundError extends Error {
  constructor(message: string) {
    super(`LSM background work failed: ${message}`);
    this.name = 'LsmBackgroundError';
  }
}

export interface BackgroundJobs {
  /** The flush and the compaction running now, if any (at most one of each). */
  readonly flushing: WorkerJob | null;
  readonly compacting: WorkerJob | null;
  readonly running: boolean;
  /** Starts `job`; throws if one of its kind is already running. */
  post(job: WorkerJobSpec): void;
  /** The finished job's reply, if one has finished (never blocks). */
  poll(): WorkerReply | null;
  /** Blocks until a running job replies (null if none is running). */
  wait(): WorkerReply | null;
  /** Ends the engine's use of the runner (it may be kept for the next engine). */
  close(): void;
}

/** The engine's side of the worker set-up: everything but where the files are, which the runner takes from `fs`. */
export type BackgroundSetup = Omit<WorkerSetup, 'rootDir'>;

/**
 * Injected through `LsmOptions.backgroundJobs`: called with the engine's file system before
 * recovery (so it can refuse one it cannot run on, like a memory file system the worker cannot
 * open), it returns the function that starts the runner once the engine has recovered.
 */
export type BackgroundJobsFactory = (fs: FileSystem) => (setup: BackgroundSetup) => BackgroundJobs;
