/**
 * `openLsm` with background mode available: with `background: true` the tree's flushes and
 * compactions run on a worker thread over the same real files (backgroundJobs.ts), as LevelDB's
 * background thread does. Without it, exactly `openLsm`. Benchmarks and tests use this; labs do
 * not (the SDK refuses background mode: which job has finished when depends on thread timing,
 * so the same seed would not give the same output).
 */
import { type FileSystem } from '../storage/fs/fileSystem';
import { openLsm, type LsmTree } from '../storage/lsm/lsmTree';
import { type LsmOptions } from '../storage/lsm/lsmTypes';
import { workerBackgroundJobs } from './backgroundJobs';

export function openWorkerLsm(fs: FileSystem, dir: string, opts: Partial<LsmOptions> = {}): LsmTree {
  return openLsm(fs, dir, opts.background ? { ...opts, backgroundJobs: opts.backgroundJobs ?? workerBackgroundJobs } : opts);
}
