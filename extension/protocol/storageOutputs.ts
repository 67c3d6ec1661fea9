/**
 * Storage-engine outputs (notebook renderer `ddia-labs.storage`): the levels of an LSM tree,
 * a recorded compaction to play step by step, and the page tree of a B-tree. Built by
 * extension/sdk/storageViews.ts in the kernel worker from the engines' plain-data descriptions,
 * validated and drawn by webviews/storage/renderer.ts. Every spec is versioned; a renderer that
 * meets a version it does not know shows an error box instead of guessing.
 */

export const STORAGE_MIME = {
  lsmLevels: 'application/vnd.ddia-labs.lsm-levels+json',
  compaction: 'application/vnd.ddia-labs.lsm-compaction+json',
  bTree: 'application/vnd.ddia-labs.btree+json',
} as const;

export interface LsmTableView {
  readonly id: number;
  /** Printable keys (UTF-8 if printable ASCII, else 0x-hex). */
  readonly smallest: string;
  readonly largest: string;
  readonly sizeBytes: number;
  readonly entryCount: number;
  readonly tombstoneCount: number;
}

export interface LsmLevelView {
  readonly level: number;
  /** Tables of this level may overlap (L0 of leveled, every tier of tiered). */
  readonly overlapping: boolean;
  readonly sizeBytes: number;
  readonly tables: readonly LsmTableView[];
}

export interface LsmLevelsSpec {
  readonly version: 1;
  readonly title?: string;
  readonly style: 'leveled' | 'tiered';
  readonly memtable: { readonly entries: number; readonly bytes: number };
  readonly levels: readonly LsmLevelView[];
}

/** One recorded flush or compaction: what it read, what it wrote, and the levels after it. */
export interface CompactionStepView {
  readonly step: number;
  readonly kind: 'flush' | 'compaction' | 'trivial-move';
  readonly reason: string;
  readonly inputs: readonly { readonly level: number; readonly tableIds: readonly number[] }[];
  readonly outputLevel: number;
  readonly outputIds: readonly number[];
  readonly bytesRead: number;
  readonly bytesWritten: number;
  readonly droppedTombstones: number;
  readonly droppedVersions: number;
  readonly levelsAfter: readonly LsmLevelView[];
}

export interface CompactionSpec {
  readonly version: 1;
  readonly title?: string;
  readonly style: 'leveled' | 'tiered';
  /** The levels before the first step (frame 0 of the animation). */
  readonly levelsBefore: readonly LsmLevelView[];
  readonly steps: readonly CompactionStepView[];
  /** True when the engine's bounded event log had already dropped some of the steps. */
  readonly truncated: boolean;
}

export interface BTreePageView {
  readonly id: number;
  readonly kind: 'leaf' | 'internal';
  /** Keys decoded as UTF-8 (leaves: the keys stored; internal pages: the separators). */
  readonly keys: readonly string[];
  /** Bytes used / page size, in [0, 1]. */
  readonly fillFactor: number;
  /** Child page ids, left to right (internal pages only). */
  readonly children: readonly number[];
}

export interface BTreeSpec {
  readonly version: 1;
  readonly title?: string;
  readonly pageSize: number;
  readonly rootId: number;
  /** Breadth-first from the root. */
  readonly pages: readonly BTreePageView[];
  /** Pages left out because the tree was larger than the view's page limit. */
  readonly omittedPages: number;
}
