/**
 * Plain-data views of an LSM shape for renderers (levels with each table's key range and size).
 */
import { displayKey } from './bytes';
import { type CompactionPolicy, levelBytes, type LsmShape } from './compactionPolicy';
import { type LevelDescription, type TableDescription } from './lsmTypes';
import { type TableMeta } from './tableMeta';

export function describeTable(t: TableMeta): TableDescription {
  return {
    id: t.id,
    smallest: displayKey(t.smallest),
    largest: displayKey(t.largest),
    sizeBytes: t.sizeBytes,
    entryCount: t.entryCount,
    tombstoneCount: t.tombstoneCount,
  };
}

export function describeShape(shape: LsmShape, policy: CompactionPolicy): LevelDescription[] {
  return shape.levels.map((tables, level) => ({
    level,
    overlapping: policy.levelOverlaps(level),
    sizeBytes: levelBytes(tables),
    tables: tables.map(describeTable),
  }));
}
