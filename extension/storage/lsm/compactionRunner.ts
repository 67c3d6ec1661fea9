/**
 * The mechanism that carries out a compaction task chosen by a policy: merge the input tables
 * (newest input first, so newer values and tombstones win), drop tombstones only when the task
 * is at the bottom (nothing older below could be uncovered), and cut the output into tables of
 * about `targetTableBytes`. It writes new files but changes no engine state; the engine installs
 * the outputs with the policy's `applyCompaction` and a manifest rewrite.
 */
import { compareBytes } from './bytes';
import { type CompactionPolicy, type CompactionTask } from './compactionPolicy';
import { type KvIterator } from './iterator';
import { LevelIterator } from './levelIterator';
import { MergeIterator } from './mergeIterator';
import { type TableBuilder } from './tableBuilder';
import { type TableMeta } from './tableMeta';
import { type TableReader } from './tableReader';

export interface CompactionResult {
  outputs: TableMeta[];
  inputBytes: number;
  outputBytes: number;
  entriesIn: number;
  entriesOut: number;
  droppedTombstones: number;
  /** Older versions hidden by newer ones and discarded. */
  droppedVersions: number;
}

export interface CompactionIo {
  table(id: number): TableReader;
  /** Starts a new output table file. */
  newTable(): TableBuilder;
  /** Finishes (writes, syncs, closes) an output table and returns its metadata. */
  finishTable(builder: TableBuilder): TableMeta;
}

/** Builds the merged input stream of a task, newest input first. */
export function compactionInputIterator(task: CompactionTask, policy: CompactionPolicy, io: Pick<CompactionIo, 'table'>): KvIterator {
  const children: KvIterator[] = [];
  for (const input of task.inputs) {
    const tables = input.tableIds.map((id) => io.table(id));
    if (policy.levelOverlaps(input.level)) {
      for (const t of tables) children.push(t.iterator(false));
    } else {
      const sorted = tables.slice().sort((a, b) => compareBytes(a.smallestKey(), b.smallestKey()));
      children.push(new LevelIterator(sorted.map((t) => ({ largest: t.largestKey(), iterator: () => t.iterator(false) }))));
    }
  }
  return new MergeIterator(children);
}

export function runCompaction(
  task: CompactionTask,
  policy: CompactionPolicy,
  io: CompactionIo,
  targetTableBytes: number,
): CompactionResult {
  let inputBytes = 0;
  let entriesIn = 0;
  for (const input of task.inputs) {
    for (const id of input.tableIds) {
      const t = io.table(id);
      inputBytes += t.fileSize;
      entriesIn += t.footer.entryCount;
    }
  }
  const it = compactionInputIterator(task, policy, io);
  const outputs: TableMeta[] = [];
  let builder: TableBuilder | null = null;
  let entriesOut = 0;
  let droppedTombstones = 0;
  for (; it.valid(); it.next()) {
    const value = it.value();
    if (value === null && task.bottom) {
      droppedTombstones++;
      continue;
    }
    builder ??= io.newTable();
    builder.add(it.key(), value);
    entriesOut++;
    if (builder.estimatedBytes >= targetTableBytes) {
      outputs.push(io.finishTable(builder));
      builder = null;
    }
  }
  if (builder !== null) outputs.push(io.finishTable(builder));
  const outputBytes = outputs.reduce((n, t) => n + t.sizeBytes, 0);
  return {
    outputs,
    inputBytes,
    outputBytes,
    entriesIn,
    entriesOut,
    droppedTombstones,
    droppedVersions: entriesIn - entriesOut - droppedTombstones,
  };
}
