/**
 * The background worker of an LSM tree opened with `background: true` (a `node:worker_threads`
 * worker; the engine side is backgroundJobs.ts). It does the two slow jobs LevelDB does on its
 * background thread, with the engine's own code, on the same files through the disk file system:
 *   - flush: write a full memtable as one table with `TableBuilder` (tombstones kept), walking
 *     its skip list where it lies, in memory the engine shares (the engine copies nothing);
 *   - compaction: run a policy's task with `runCompaction`, naming outputs from reserved numbers;
 *     before each output table it runs any flush posted meanwhile (the engine allows one flush
 *     and one compaction at a time).
 * Every table is fsynced before the reply (TableBuilder.finish syncs). The worker changes no
 * manifest and deletes nothing: the engine installs results (manifest first, then deletions).
 * A reply is posted on the job port and then announced through the shared counter, so an engine
 * that stalls in `Atomics.wait` wakes up. Errors are replies too: the worker never throws out.
 * A worker outlives its engine (backgroundJobs.ts keeps idle threads): each engine's `setup`
 * message binds it to that engine's files and options until its `detach`.
 */
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { BlockCache } from '../storage/lsm/blockCache';
import { type WorkerJob, type WorkerMessage, type WorkerReply, type WorkerSetup } from '../storage/lsm/backgroundProtocol';
import { type CompactionPolicy } from '../storage/lsm/compactionPolicy';
import { runCompaction } from '../storage/lsm/compactionRunner';
import { unwrap } from '../storage/lsm/corruption';
import { createLeveledPolicy } from '../storage/lsm/leveledCompaction';
import { TableBuilder } from '../storage/lsm/tableBuilder';
import { forEachSharedRange } from '../storage/lsm/skipList';
import { tableFileName } from '../storage/lsm/tableMeta';
import { TableReader } from '../storage/lsm/tableReader';
import { createTieredPolicy } from '../storage/lsm/tieredCompaction';
import { createCounters } from '../storage/stats';
import { DiskFileSystem } from './diskFileSystem';
import { joinPath } from '../storage/fs/paths';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const wake = new Int32Array(signal);

/** The engine this worker serves now (set by its `setup` message). */
interface Bound {
  setup: WorkerSetup;
  fs: DiskFileSystem;
  cache: BlockCache;
  policy: CompactionPolicy;
}
let bound: Bound | null = null;

function bind(setup: WorkerSetup): Bound {
  return {
    setup,
    fs: new DiskFileSystem(setup.rootDir),
    cache: new BlockCache(1024 * 1024),
    policy: setup.style === 'tiered' ? createTieredPolicy(setup.tiered) : createLeveledPolicy(setup.leveled),
  };
}

function current(): Bound {
  if (bound === null) throw new Error('a job arrived before the engine set the worker up');
  return bound;
}

const counters = createCounters();
const path = (name: string): string => joinPath(current().setup.dir, name);

function builder(id: number): TableBuilder {
  const { fs, setup } = current();
  return new TableBuilder(fs.open(path(tableFileName(id)), 'create'), id, setup);
}

function flush(job: WorkerJob & { kind: 'flush' }): WorkerReply {
  let b: TableBuilder | null = null;
  const add = (kbuf: Uint8Array, koff: number, klen: number, vbuf: Uint8Array | null, voff: number, vlen: number): void => {
    if (b === null) b = builder(job.tableId);
    b.addRange(kbuf, koff, klen, vbuf, voff, vlen);
  };
  forEachSharedRange(job.entries, add);
  if (b === null) return { kind: 'flush', jobId: job.jobId, table: null };
  const table = (b as TableBuilder).finish();
  (b as TableBuilder).file.close();
  return { kind: 'flush', jobId: job.jobId, table };
}

function compaction(job: WorkerJob & { kind: 'compaction' }): WorkerReply {
  const { fs, cache, policy, setup } = current();
  const readers = new Map<number, TableReader>();
  let next = job.firstId;
  try {
    const result = runCompaction(
      job.task,
      policy,
      {
        table: (id) => {
          let t = readers.get(id);
          if (t === undefined) {
            t = unwrap(TableReader.open(fs.open(path(tableFileName(id)), 'read'), id, cache, counters));
            readers.set(id, t);
          }
          return t;
        },
        newTable: () => {
          // A sign of life for an engine waiting on a long compaction (backgroundJobs.ts wait()).
          Atomics.add(wake, 0, 1);
          Atomics.notify(wake, 0);
          // A flush that arrived meanwhile goes first: the engine may be stalled on it.
          for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) handle(m.message as WorkerMessage);
          if (next > job.lastId) throw new Error(`compaction needed more than ${job.lastId - job.firstId + 1} output tables`);
          return builder(next++);
        },
        finishTable: (b) => {
          const meta = b.finish();
          b.file.close();
          return meta;
        },
      },
      setup.targetTableBytes,
    );
    return {
      kind: 'compaction',
      jobId: job.jobId,
      task: job.task,
      outputs: result.outputs,
      inputBytes: result.inputBytes,
      outputBytes: result.outputBytes,
      droppedTombstones: result.droppedTombstones,
      droppedVersions: result.droppedVersions,
    };
  } finally {
    for (const [id, t] of readers) {
      t.close();
      cache.evictTable(id);
    }
  }
}

function handle(msg: WorkerMessage): void {
  if (msg.kind === 'setup') {
    bound = bind(msg.setup);
    return;
  }
  if (msg.kind === 'detach') {
    bound = null;
    return;
  }
  const job = msg;
  let reply: WorkerReply;
  try {
    reply = job.kind === 'flush' ? flush(job) : compaction(job);
  } catch (e) {
    reply = { kind: 'error', jobId: job.jobId, message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
  Atomics.add(wake, 0, 1);
  Atomics.notify(wake, 0);
}

port.on('message', handle);
