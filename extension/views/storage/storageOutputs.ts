/**
 * Storage-engine outputs (notebook renderer `ddia-labs.storage`): the levels of an LSM tree,
 * a recorded compaction to play step by step, and the page tree of a B-tree. Built by
 * extension/sdk/storageViews.ts in the kernel worker from the engines' plain-data descriptions,
 * checked and drawn by webviews/storage/renderer.ts. Every spec is versioned; a renderer that
 * meets a version it does not know shows an error box instead of guessing.
 */
import { outputContract } from '../contract/outputContract';
import * as s from '../contract/shape';

export const STORAGE_MIME = {
  lsmLevels: 'application/vnd.ddia-labs.lsm-levels+json',
  compaction: 'application/vnd.ddia-labs.lsm-compaction+json',
  bTree: 'application/vnd.ddia-labs.btree+json',
} as const;

const count = s.number({ integer: true, min: 0 });
const style = s.oneOf(['leveled', 'tiered']);

const lsmTable = s.object({
  id: count,
  smallest: s.string('Printable key (UTF-8 if printable ASCII, else 0x-hex).'),
  largest: s.string(),
  sizeBytes: count,
  entryCount: count,
  tombstoneCount: count,
});

const lsmLevel = s.object({
  level: count,
  overlapping: s.boolean('Tables of this level may overlap (L0 of leveled, every tier of tiered).'),
  sizeBytes: count,
  tables: s.array(lsmTable),
});

/** Where a live view (`storage.watch`) is: present on its frames, absent on snapshots. */
const progress = s.object(
  {
    status: s.oneOf(['running', 'final'], "'running' while the workload runs; 'final' is the state after its last operation."),
    operations: count,
    writeAmplification: s.number({ min: 0, description: 'Bytes written to files / bytes written by the user, so far.' }),
    compactions: count,
  },
  { flushes: count },
  'Progress of the workload a live view follows.',
);

const lsmLevelsShape = s.object(
  {
    version: s.literal(1),
    style,
    memtable: s.object({ entries: count, bytes: count }),
    levels: s.array(lsmLevel),
  },
  { title: s.string(), progress },
);

const compactionStep = s.object(
  {
    step: count,
    kind: s.oneOf(['flush', 'compaction', 'trivial-move']),
    reason: s.string(),
    inputs: s.array(s.object({ level: count, tableIds: s.array(count) })),
    outputLevel: count,
    outputIds: s.array(count),
    bytesRead: count,
    bytesWritten: count,
    droppedTombstones: count,
    droppedVersions: count,
    levelsAfter: s.array(lsmLevel),
  },
  {},
  'One recorded flush or compaction: what it read, what it wrote, and the levels after it.',
);

const compactionShape = s.object(
  {
    version: s.literal(1),
    style,
    levelsBefore: s.array(lsmLevel, { description: 'The levels before the first step (frame 0 of the animation).' }),
    steps: s.array(compactionStep),
    truncated: s.boolean("True when the engine's bounded event log had already dropped some of the steps."),
  },
  { title: s.string() },
);

const bTreePage = s.object({
  id: count,
  kind: s.oneOf(['leaf', 'internal']),
  keys: s.array(s.string(), { description: 'Keys decoded as UTF-8 (leaves: the keys stored; internal pages: the separators).' }),
  fillFactor: s.number({ min: 0, max: 1, description: 'Bytes used / page size.' }),
  children: s.array(count, { description: 'Child page ids, left to right (internal pages only).' }),
});

const bTreeFields = s.object(
  {
    version: s.literal(1),
    pageSize: count,
    rootId: count,
    pages: s.array(bTreePage, { minItems: 1, description: 'Breadth-first from the root.' }),
    omittedPages: s.number({
      integer: true,
      min: 0,
      description: "Pages left out because the tree was larger than the view's page limit.",
    }),
  },
  { title: s.string(), progress },
);

/** Page ids are unique and the root is one of them: the layout walks children by id. */
const bTreeShape = s.refine(bTreeFields, (t) => {
  const ids = new Set<number>();
  for (const p of t.pages) {
    if (ids.has(p.id)) return `page ${p.id} appears twice`;
    ids.add(p.id);
  }
  return ids.has(t.rootId) ? undefined : `the root page ${t.rootId} is not among the pages`;
});

export const lsmLevelsOutput = outputContract(
  {
    mime: STORAGE_MIME.lsmLevels,
    what: 'LSM levels',
    schemaName: 'lsm-levels',
    version: 1,
    title: 'DDIA Labs LSM levels (version 1)',
    description: "The levels of an LSM tree: each level's tables with their key ranges and sizes, and the memtable.",
  },
  lsmLevelsShape,
);

export const compactionOutput = outputContract(
  {
    mime: STORAGE_MIME.compaction,
    what: 'compaction',
    schemaName: 'lsm-compaction',
    version: 1,
    title: 'DDIA Labs LSM compaction recording (version 1)',
    description:
      'Recorded flushes and compactions of an LSM tree, played step by step: the levels before, and each step with its inputs, outputs and the levels after it.',
  },
  compactionShape,
);

export const bTreeOutput = outputContract(
  {
    mime: STORAGE_MIME.bTree,
    what: 'B-tree',
    schemaName: 'btree',
    version: 1,
    title: 'DDIA Labs B-tree pages (version 1)',
    description: "The page tree of a B-tree, breadth-first from the root, with each page's keys and fill factor.",
  },
  bTreeShape,
);

export type LsmTableView = s.Infer<typeof lsmTable>;
export type StorageProgress = s.Infer<typeof progress>;
export type LsmLevelView = s.Infer<typeof lsmLevel>;
export type LsmLevelsSpec = s.Infer<typeof lsmLevelsShape>;
export type CompactionStepView = s.Infer<typeof compactionStep>;
export type CompactionSpec = s.Infer<typeof compactionShape>;
export type BTreePageView = s.Infer<typeof bTreePage>;
export type BTreeSpec = s.Infer<typeof bTreeShape>;
