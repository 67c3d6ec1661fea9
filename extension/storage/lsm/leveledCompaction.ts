/**
 * Leveled compaction (LevelDB, RocksDB's default): L0 receives flushed tables; each deeper level
 * is one sorted run about `levelSizeMultiplier` times bigger than the one above. A level over its
 * target pushes one table (plus the overlapping tables below) one level down. Each level is
 * given a score (L0: tables / trigger; Li: bytes / target) and the highest score ≥ 1 goes first.
 *
 * To choose which table of a level moves down, we take the one whose overlap with the next level
 * is smallest relative to its own size (RocksDB's "min overlapping ratio"): it rewrites the
 * fewest bytes per byte moved, which keeps write amplification down.
 */
import {
  type CompactionPolicy,
  type CompactionTask,
  keyRange,
  levelBytes,
  type LsmShape,
  overlaps,
  sortByKey,
  taskTableIds,
} from './compactionPolicy';
import { type TableMeta } from './tableMeta';

export interface LeveledOptions {
  /** Compact L0 into L1 when it holds this many tables. */
  l0CompactionTrigger: number;
  /** Target size of L1; level i targets base * multiplier^(i-1). */
  baseLevelBytes: number;
  levelSizeMultiplier: number;
  maxLevels: number;
}

export const DEFAULT_LEVELED: LeveledOptions = {
  l0CompactionTrigger: 4,
  baseLevelBytes: 8 * 1024 * 1024,
  levelSizeMultiplier: 10,
  maxLevels: 7,
};

export function createLeveledPolicy(options: Partial<LeveledOptions> = {}): CompactionPolicy {
  const o: LeveledOptions = { ...DEFAULT_LEVELED, ...options };
  const target = (level: number): number => o.baseLevelBytes * Math.pow(o.levelSizeMultiplier, level - 1);

  const normalize = (state: LsmShape): TableMeta[][] => {
    const levels = state.levels.map((l) => l.slice());
    while (levels.length < o.maxLevels) levels.push([]);
    return levels;
  };

  /** Tombstones may go if no level below `outputLevel` holds keys in the range. */
  const isBottom = (levels: TableMeta[][], outputLevel: number, inputs: TableMeta[]): boolean => {
    const r = keyRange(inputs);
    if (r === null) return true;
    for (let l = outputLevel + 1; l < levels.length; l++) {
      if ((levels[l] as TableMeta[]).some((t) => overlaps(t, r.smallest, r.largest))) return false;
    }
    return true;
  };

  const makeTask = (levels: TableMeta[][], level: number, upper: TableMeta[], reason: string): CompactionTask => {
    const outputLevel = level + 1;
    const r = keyRange(upper);
    const lower = r === null ? [] : (levels[outputLevel] as TableMeta[]).filter((t) => overlaps(t, r.smallest, r.largest));
    const inputs = [{ level, tableIds: upper.map((t) => t.id) }];
    if (lower.length > 0) inputs.push({ level: outputLevel, tableIds: lower.map((t) => t.id) });
    return {
      reason,
      inputs,
      outputLevel,
      bottom: isBottom(levels, outputLevel, [...upper, ...lower]),
      trivialMove: upper.length === 1 && lower.length === 0,
    };
  };

  return {
    style: 'leveled',
    levelOverlaps: (level) => level === 0,

    addFlushed(state, table) {
      const levels = normalize(state);
      levels[0] = [table, ...(levels[0] as TableMeta[])];
      return { levels };
    },

    pickCompaction(state) {
      const levels = normalize(state);
      let best = -1;
      let bestScore = 0;
      for (let l = 0; l < o.maxLevels - 1; l++) {
        const level = levels[l] as TableMeta[];
        const score = l === 0 ? level.length / o.l0CompactionTrigger : levelBytes(level) / target(l);
        if (level.length > 0 && score >= 1 && score > bestScore) {
          best = l;
          bestScore = score;
        }
      }
      if (best < 0) return null;
      if (best === 0) {
        const l0 = levels[0] as TableMeta[];
        return makeTask(levels, 0, l0, `L0 has ${l0.length} tables (trigger ${o.l0CompactionTrigger})`);
      }
      const level = levels[best] as TableMeta[];
      const next = levels[best + 1] as TableMeta[];
      let pick = level[0] as TableMeta;
      let pickRatio = Infinity;
      for (const t of level) {
        const ratio = levelBytes(next.filter((n) => overlaps(n, t.smallest, t.largest))) / Math.max(1, t.sizeBytes);
        if (ratio < pickRatio) {
          pick = t;
          pickRatio = ratio;
        }
      }
      return makeTask(levels, best, [pick], `L${best} holds ${levelBytes(level)} bytes > target ${target(best)}`);
    },

    fullCompaction(state) {
      const levels = normalize(state);
      const nonEmpty = levels.map((l, i) => (l.length > 0 ? i : -1)).filter((i) => i >= 0);
      if (nonEmpty.length === 0) return null;
      const deepest = nonEmpty[nonEmpty.length - 1] as number;
      if (nonEmpty.length === 1 && deepest > 0 && levels[deepest]?.every((t) => t.tombstoneCount === 0)) return null;
      const outputLevel = Math.max(1, deepest);
      return {
        reason: 'full compaction',
        inputs: nonEmpty.map((level) => ({ level, tableIds: (levels[level] as TableMeta[]).map((t) => t.id) })),
        outputLevel,
        bottom: true,
        trivialMove: false,
      };
    },

    applyCompaction(state, task, outputs) {
      const gone = taskTableIds(task);
      const levels = normalize(state).map((l) => l.filter((t) => !gone.has(t.id)));
      levels[task.outputLevel] = sortByKey([...(levels[task.outputLevel] as TableMeta[]), ...outputs]);
      return { levels };
    },
  };
}
