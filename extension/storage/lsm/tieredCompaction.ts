/**
 * Size-tiered compaction (Cassandra's STCS, in the form of mini-lsm's "universal" variant): each
 * flush adds a new tier in front; tiers are merged, always as a contiguous run of the newest
 * tiers so recency order stays intact, by three triggers checked in order:
 *
 * 1. space amplification: when all tiers but the last are larger than `maxSpaceAmpPercent` % of
 *    the last, everything is merged into one tier (the only moment tombstones can be dropped);
 * 2. size ratio: the first tier that is bigger than all newer tiers together by more than
 *    `sizeRatioPercent` % means the newer tiers have "similar" sizes: merge them;
 * 3. tier count: otherwise merge the newest tiers so that no more than `maxTiers` remain.
 *
 * Tiered writes each byte fewer times than leveled but reads check more runs and space can
 * temporarily double: the trade-off the lab measures.
 */
import { type CompactionPolicy, type CompactionTask, levelBytes, type LsmShape, taskTableIds } from './compactionPolicy';
import { type TableMeta } from './tableMeta';

export interface TieredOptions {
  /** Compaction starts when there are at least this many tiers. */
  maxTiers: number;
  maxSpaceAmpPercent: number;
  sizeRatioPercent: number;
  minMergeWidth: number;
}

export const DEFAULT_TIERED: TieredOptions = { maxTiers: 6, maxSpaceAmpPercent: 200, sizeRatioPercent: 1, minMergeWidth: 2 };

export function createTieredPolicy(options: Partial<TieredOptions> = {}): CompactionPolicy {
  const o: TieredOptions = { ...DEFAULT_TIERED, ...options };
  const tiers = (state: LsmShape): TableMeta[][] => state.levels.filter((l) => l.length > 0);

  const mergeNewest = (levels: TableMeta[][], count: number, reason: string): CompactionTask => ({
    reason,
    inputs: levels.slice(0, count).map((tables, level) => ({ level, tableIds: tables.map((t) => t.id) })),
    outputLevel: 0,
    bottom: count === levels.length,
    trivialMove: false,
  });

  return {
    style: 'tiered',
    levelOverlaps: () => false,

    addFlushed(state, table) {
      return { levels: [[table], ...tiers(state)] };
    },

    pickCompaction(state) {
      const levels = tiers(state);
      if (levels.length < o.maxTiers) return null;
      const sizes = levels.map(levelBytes);
      const last = sizes[sizes.length - 1] as number;
      const newer = sizes.slice(0, -1).reduce((a, b) => a + b, 0);
      if (newer * 100 >= o.maxSpaceAmpPercent * last) {
        return mergeNewest(
          levels,
          levels.length,
          `space amplification ${Math.round((newer * 100) / Math.max(1, last))}% ≥ ${o.maxSpaceAmpPercent}%`,
        );
      }
      let sum = 0;
      for (let i = 0; i + 1 < levels.length; i++) {
        sum += sizes[i] as number;
        const next = sizes[i + 1] as number;
        if (next * 100 > (100 + o.sizeRatioPercent) * sum && i + 1 >= o.minMergeWidth) {
          return mergeNewest(levels, i + 1, `tier ${i + 1} is larger than the ${i + 1} newer tiers together`);
        }
      }
      return mergeNewest(levels, levels.length - o.maxTiers + 2, `${levels.length} tiers ≥ ${o.maxTiers}`);
    },

    fullCompaction(state) {
      const levels = tiers(state);
      if (levels.length === 0) return null;
      if (levels.length === 1 && levels[0]?.every((t) => t.tombstoneCount === 0)) return null;
      return mergeNewest(levels, levels.length, 'full compaction');
    },

    applyCompaction(state, task, outputs) {
      const gone = taskTableIds(task);
      const out: TableMeta[][] = [];
      let placed = false;
      for (const tier of state.levels) {
        const kept = tier.filter((t) => !gone.has(t.id));
        // The merged tier takes the place of the newest tier it replaced, keeping recency order.
        if (!placed && kept.length < tier.length) {
          if (outputs.length > 0) out.push([...outputs]);
          placed = true;
        }
        if (kept.length > 0) out.push(kept);
      }
      return { levels: out };
    },
  };
}
