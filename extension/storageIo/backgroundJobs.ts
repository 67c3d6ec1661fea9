/**
 * The runner of an LSM tree's `background: true` jobs (the engine's interface is
 * storage/lsm/backgroundJobs.ts): one `node:worker_threads` worker
 * (backgroundWorker.ts) that runs flushes and compactions: at most one of each at a time, and a
 * flush posted during a compaction runs at the compaction's next output table (LevelDB, too,
 * flushes the immutable memtable in the middle of a long compaction). The engine never
 * awaits: it posts a job, and on later calls drains finished replies without blocking
 * (`receiveMessageOnPort`). Only a stall blocks, in `Atomics.wait` on a shared counter the
 * worker bumps after every reply, so the engine API stays synchronous.
 *
 * Threads outlive the engines that use them: a clean close() parks its worker in a small
 * process-wide pool and the next open takes it, as LevelDB's engines share the one background
 * thread of their `Env` instead of starting one per open. A worker takes a few tens of
 * milliseconds to start (more under tsx, which compiles it), so without the pool every open
 * would stall its first flush on that start-up.
 */
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { DiskFileSystem } from './diskFileSystem';
import { type BackgroundJobs, type BackgroundJobsFactory, LsmBackgroundError } from '../storage/lsm/backgroundJobs';
import {
  type WorkerJob,
  type WorkerJobSpec,
  type WorkerMessage,
  type WorkerReply,
  type WorkerSetup,
} from '../storage/lsm/backgroundProtocol';

/**
 * The worker script: next to this file as .ts (run under tsx: a one-line bootstrap registers
 * tsx's require hook in the worker, which `execArgv: ['--import', 'tsx']` does not do for a
 * worker's entry file on Node 20) or bundled as lsm-background-worker.js.
 */
function workerScript(): { source: string; eval: boolean } {
  const ts = nodePath.join(__dirname, 'backgroundWorker.ts');
  if (nodeFs.existsSync(ts)) {
    // A variable, not a literal, so bundlers leave this dev-only lookup alone.
    const tsx = 'tsx/cjs';
    return { source: `require(${JSON.stringify(require.resolve(tsx))}); require(${JSON.stringify(ts)});`, eval: true };
  }
  const js = nodePath.join(__dirname, 'lsm-background-worker.js');
  if (nodeFs.existsSync(js)) return { source: js, eval: false };
  throw new LsmBackgroundError(`no background worker script next to ${__dirname} (backgroundWorker.ts or lsm-background-worker.js)`);
}

/** How long a stall waits for a job that makes no sign of life. */
const MAX_SILENT_SECONDS = 120;

/** One worker thread, its job port and the counter it bumps after each reply. */
class BackgroundThread {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly wake: Int32Array;
  /** Why the worker itself died, if it did. */
  fatal: string | null = null;

  constructor() {
    const script = workerScript();
    const channel = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    this.wake = new Int32Array(signal);
    this.port = channel.port1;
    this.worker = new Worker(script.source, {
      eval: script.eval,
      workerData: { port: channel.port2, signal },
      transferList: [channel.port2],
    });
    // Neither the worker nor the port keeps the process alive: the engine owns their lifetime.
    this.worker.unref();
    this.port.unref();
    // A worker that dies (not a job that fails: those are replies) is reported on the next call.
    this.worker.on('error', (e) => (this.fatal ??= e.message));
    this.worker.on('exit', (code) => (this.fatal ??= `the worker exited (code ${code})`));
  }

  terminate(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

/** Idle threads left by closed engines (see the header); beyond this many, a close ends its thread. */
const MAX_IDLE_THREADS = 2;
const idleThreads: BackgroundThread[] = [];

/** Threads parked for reuse right now (for tests). */
export function idleBackgroundThreads(): number {
  return idleThreads.length;
}

function acquireThread(): BackgroundThread {
  for (let t = idleThreads.pop(); t !== undefined; t = idleThreads.pop()) {
    if (t.fatal === null) return t;
    t.terminate();
  }
  return new BackgroundThread();
}

class WorkerBackgroundJobs implements BackgroundJobs {
  private readonly thread: BackgroundThread;
  private readonly port: MessagePort;
  private readonly wake: Int32Array;
  private nextJobId = 1;
  /** The counter's value when the port was last found empty (see poll). */
  private emptyAt = -1;
  /** A job failed: the thread is not handed on to another engine. */
  private failed = false;
  /** The flush and the compaction the worker is running, if any. */
  flushing: WorkerJob | null = null;
  compacting: WorkerJob | null = null;

  constructor(setup: WorkerSetup) {
    this.thread = acquireThread();
    this.port = this.thread.port;
    this.wake = this.thread.wake;
    // Messages on the port are handled in order, so every job of this engine sees this set-up.
    const attach: WorkerMessage = { kind: 'setup', setup };
    this.port.postMessage(attach);
  }

  /** Starts `job`: at most one flush and one compaction at a time (a flush posted during a compaction runs at its next output table). */
  post(job: WorkerJobSpec): void {
    if ((job.kind === 'flush' ? this.flushing : this.compacting) !== null) throw new Error(`a background ${job.kind} is already running`);
    const full: WorkerJob = { ...job, jobId: this.nextJobId++ };
    // A flush's memtable is in shared memory: the worker reads it where it is.
    this.port.postMessage(full);
    if (full.kind === 'flush') this.flushing = full;
    else this.compacting = full;
  }

  get running(): boolean {
    return this.flushing !== null || this.compacting !== null;
  }

  /** The finished job's reply, if it has finished (never blocks). */
  poll(): WorkerReply | null {
    if (this.thread.fatal !== null) throw new LsmBackgroundError(this.thread.fatal);
    if (!this.running) return null;
    // The engine polls on every call while a job runs: skip the port unless the worker has
    // bumped the counter since the port was last found empty (it bumps after each reply).
    const now = Atomics.load(this.wake, 0);
    if (now === this.emptyAt) return null;
    const m = receiveMessageOnPort(this.port);
    if (m === undefined) {
      this.emptyAt = now;
      return null;
    }
    const r = m.message as WorkerReply;
    if (r.kind === 'error') this.failed = true;
    if (this.flushing?.jobId === r.jobId) this.flushing = null;
    if (this.compacting?.jobId === r.jobId) this.compacting = null;
    return r;
  }

  /** Blocks until a running job replies (null if none is running). */
  wait(): WorkerReply | null {
    let silentSeconds = 0;
    for (;;) {
      const seen = Atomics.load(this.wake, 0);
      const r = this.poll();
      if (r !== null || !this.running) return r;
      // The worker posts before it bumps the counter, so a reply that lands after the poll
      // above changes the counter and this returns at once. It also bumps the counter at each
      // output table of a compaction, so only a worker that shows no life at all (say its
      // script failed to load: its 'error' event cannot arrive while this thread blocks) is
      // given up on, after a long silence, instead of hanging.
      if (Atomics.wait(this.wake, 0, seen, 1000) === 'timed-out') {
        if (++silentSeconds >= MAX_SILENT_SECONDS) throw new LsmBackgroundError(`the worker did not answer in ${MAX_SILENT_SECONDS} s`);
      } else silentSeconds = 0;
    }
  }

  /** Parks the thread for the next engine if it is idle and healthy; otherwise ends it. */
  close(): void {
    const reusable = !this.running && !this.failed && this.thread.fatal === null && idleThreads.length < MAX_IDLE_THREADS;
    if (reusable) {
      const detach: WorkerMessage = { kind: 'detach' };
      this.port.postMessage(detach);
      idleThreads.push(this.thread);
    } else this.thread.terminate();
  }
}

/** Runs the engine's background jobs on a worker thread; the worker opens the same files, so only the disk file system will do. */
export const workerBackgroundJobs: BackgroundJobsFactory = (fs) => {
  if (!(fs instanceof DiskFileSystem))
    throw new TypeError('LSM option background: true needs the disk file system (its worker thread opens the same files)');
  return (setup) => new WorkerBackgroundJobs({ ...setup, rootDir: fs.rootDir });
};
