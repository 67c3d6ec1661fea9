/**
 * The contract between the engine and a compaction policy. Policies are pure functions of plain
 * data (no I/O, no clock), so the same code decides compactions in the engine, in a simulator
 * that runs thousands of flushes in milliseconds, and in an animation that replays the tasks
 * (the split mini-lsm's compaction simulator uses).
 *
 * `LsmShape.levels` is a list of sorted runs or levels, newest data first:
 * - leveled: levels[0] is L0, whose tables may overlap and are listed newest first; every
 *   deeper level is sorted by key with no overlap;
 * - size-tiered: every entry is one tier (a sorted run of non-overlapping tables), newest tier
 *   first; a flush adds a new tier in front.
 */
import { compareBytes } from './bytes';
import { type TableMeta } from './tableMeta';

export interface LsmShape {
  levels: TableMeta[][];
}

export interface CompactionInput {
  level: number;
  tableIds: number[];
}

export interface CompactionTask {
  /** Human-readable trigger, shown in the event log ("L0 has 4 tables ≥ 4"). */
  reason: string;
  /** Newest input first; the merge lets earlier inputs win on equal keys. */
  inputs: CompactionInput[];
  outputLevel: number;
  /** No older data for this key range remains outside the inputs: tombstones can be dropped. */
  bottom: boolean;
  /** The single input table moves down unchanged (no overlap below); nothing is rewritten. */
  trivialMove: boolean;
}

export interface CompactionPolicy {
  readonly style: 'leveled' | 'tiered';
  /** Whether tables of `level` may overlap, so a read must check each (newest first). */
  levelOverlaps(level: number): boolean;
  /** Where a freshly flushed table goes. */
  addFlushed(state: LsmShape, table: TableMeta): LsmShape;
  pickCompaction(state: LsmShape): CompactionTask | null;
  /** Every table into one bottom run (used to reach the lowest space amplification). */
  fullCompaction(state: LsmShape): CompactionTask | null;
  applyCompaction(state: LsmShape, task: CompactionTask, outputs: readonly TableMeta[]): LsmShape;
}

export function emptyShape(levelCount = 0): LsmShape {
  return { levels: Array.from({ length: levelCount }, () => []) };
}

export function levelBytes(level: readonly TableMeta[]): number {
  let n = 0;
  for (const t of level) n += t.sizeBytes;
  return n;
}

export function overlaps(t: TableMeta, smallest: Uint8Array, largest: Uint8Array): boolean {
  return compareBytes(t.largest, smallest) >= 0 && compareBytes(t.smallest, largest) <= 0;
}

/** The key range covered by some tables. */
export function keyRange(tables: readonly TableMeta[]): { smallest: Uint8Array; largest: Uint8Array } | null {
  let smallest: Uint8Array | null = null;
  let largest: Uint8Array | null = null;
  for (const t of tables) {
    if (smallest === null || compareBytes(t.smallest, smallest) < 0) smallest = t.smallest;
    if (largest === null || compareBytes(t.largest, largest) > 0) largest = t.largest;
  }
  return smallest === null || largest === null ? null : { smallest, largest };
}

export function sortByKey(tables: TableMeta[]): TableMeta[] {
  return tables.sort((a, b) => compareBytes(a.smallest, b.smallest));
}

/** All ids named by a task's inputs. */
export function taskTableIds(task: CompactionTask): Set<number> {
  return new Set(task.inputs.flatMap((i) => i.tableIds));
}

/** True if a sorted level has no two tables whose key ranges touch (a leveled invariant). */
export function isSortedRun(level: readonly TableMeta[]): boolean {
  for (let i = 1; i < level.length; i++) {
    if (compareBytes((level[i - 1] as TableMeta).largest, (level[i] as TableMeta).smallest) >= 0) return false;
  }
  return true;
}
