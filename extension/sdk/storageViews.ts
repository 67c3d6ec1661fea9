/**
 * Views of storage engines for cells: LSM levels, a recorded compaction to play step by step,
 * B-tree pages with their fill factors. Each returns a Displayable (leave it as a cell's last
 * expression or pass it to `display`) that also carries its `spec`, the plain JSON the renderer
 * draws, and a text fallback for places without the renderer (the CLI, a Markdown viewer).
 * Amplification over a workload is in storageWorkload.ts.
 */
import { type BTree } from '../storage/btree/bTree';
import { type LsmTree } from '../storage/lsm/lsmTree';
import { type LevelDescription, type LsmEvent } from '../storage/lsm/lsmTypes';
import {
  type BTreeSpec,
  type CompactionSpec,
  type CompactionStepView,
  type LsmLevelsSpec,
  type LsmLevelView,
  STORAGE_MIME,
} from '../views/storage/storageOutputs';
import { DISPLAYABLE, type Displayable } from './outputs';
import { type KvStore } from './storageStores';

export * from './storageWorkload';

/** A Displayable that also exposes the JSON spec it renders. */
export type View<Spec> = Displayable & { readonly spec: Spec };

function view<Spec>(mime: string, spec: Spec, text: string): View<Spec> {
  return { spec, [DISPLAYABLE]: () => ({ items: [{ mime, data: spec }], text }) } as View<Spec>;
}

function engineOf<E>(db: KvStore<E> | E, kind: KvStore['kind'], what: string): E {
  const maybe = db as Partial<KvStore<E>>;
  if (maybe && typeof maybe === 'object' && 'engine' in maybe && 'kind' in maybe) {
    if (maybe.kind !== kind)
      throw new TypeError(
        `${what} needs a store opened with ${kind === 'lsm' ? 'openLsm' : 'openBTree'}, got a ${String(maybe.kind)} store`,
      );
    return maybe.engine as E;
  }
  return db as E;
}

function kib(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

function levelView(l: LevelDescription): LsmLevelView {
  return {
    level: l.level,
    overlapping: l.overlapping,
    sizeBytes: l.sizeBytes,
    tables: l.tables.map((t) => ({ ...t })),
  };
}

function levelsText(levels: readonly LsmLevelView[]): string {
  return levels
    .map(
      (l) =>
        `  L${l.level} ${kib(l.sizeBytes).padStart(10)} ${l.overlapping ? '(overlapping) ' : ''}` +
        l.tables.map((t) => `#${t.id}[${t.smallest}‥${t.largest}]`).join(' '),
    )
    .join('\n');
}

/**
 * The levels of an LSM tree now: each table's key range, size, entry and tombstone counts,
 * plus the memtable. Pass the store from `openLsm` (or its `engine`).
 */
export function lsmLevels(db: KvStore<LsmTree> | LsmTree, opts: { readonly title?: string } = {}): View<LsmLevelsSpec> {
  const engine = engineOf(db, 'lsm', 'lsmLevels');
  const d = engine.describeLevels();
  const spec: LsmLevelsSpec = {
    version: 1,
    ...(opts.title ? { title: opts.title } : {}),
    style: d.style,
    memtable: { ...d.memtable },
    levels: d.levels.map(levelView),
  };
  const text = `LSM tree (${d.style})${opts.title ? `: ${opts.title}` : ''}\n  memtable ${d.memtable.entries} entries, ${kib(d.memtable.bytes)}\n${levelsText(spec.levels)}`;
  return view(STORAGE_MIME.lsmLevels, spec, text);
}

function stepView(e: LsmEvent): CompactionStepView {
  return {
    step: e.step,
    kind: e.kind,
    reason: e.reason,
    inputs: e.inputs.map((i) => ({ level: i.level, tableIds: [...i.tableIds] })),
    outputLevel: e.outputLevel,
    outputIds: e.outputs.map((t) => t.id),
    bytesRead: e.bytesRead,
    bytesWritten: e.bytesWritten,
    droppedTombstones: e.droppedTombstones,
    droppedVersions: e.droppedVersions,
    levelsAfter: e.levelsAfter.map(levelView),
  };
}

/**
 * Runs `action` on the LSM engine (writes, `flush()`, `compact()`…) and records every flush and
 * compaction it caused, with the levels before and after each one, as an animation the renderer
 * plays (play/pause/step with the keyboard). The engine keeps a bounded log of events
 * (`eventLogLimit`, 256 by default); if the action caused more, the oldest are missing and the
 * view says so.
 */
export function recordCompaction(
  db: KvStore<LsmTree> | LsmTree,
  action: (engine: LsmTree) => void,
  opts: { readonly title?: string } = {},
): View<CompactionSpec> {
  const engine = engineOf(db, 'lsm', 'recordCompaction');
  const before = engine.describeLevels();
  const lastStep = engine.eventLog().at(-1)?.step ?? 0;
  action(engine);
  const events = engine.eventLog().filter((e) => e.step > lastStep);
  const truncated = events.length > 0 && (events[0] as LsmEvent).step !== lastStep + 1;
  const spec: CompactionSpec = {
    version: 1,
    ...(opts.title ? { title: opts.title } : {}),
    style: before.style,
    levelsBefore: before.levels.map(levelView),
    steps: events.map(stepView),
    truncated,
  };
  const lines = spec.steps.map(
    (s) =>
      `  step ${s.step} ${s.kind}: ${s.inputs.map((i) => `L${i.level}{${i.tableIds.join(',')}}`).join(' + ') || 'memtable'} → L${s.outputLevel}{${s.outputIds.join(',')}} (read ${kib(s.bytesRead)}, wrote ${kib(s.bytesWritten)}) — ${s.reason}`,
  );
  const text = `Compaction${opts.title ? `: ${opts.title}` : ''}, ${spec.steps.length} steps${truncated ? ' (oldest steps dropped)' : ''}\nbefore:\n${levelsText(spec.levelsBefore)}\n${lines.join('\n')}`;
  return view(STORAGE_MIME.compaction, spec, text);
}

/**
 * The pages of a B-tree as a tree, breadth-first from the root, with each page's keys (or
 * separators) and fill factor. Large trees are cut at `maxPages` pages (default 200).
 */
export function bTreePages(
  db: KvStore<BTree> | BTree,
  opts: { readonly title?: string; readonly maxPages?: number } = {},
): View<BTreeSpec> {
  const engine = engineOf(db, 'btree', 'bTreePages');
  const all = engine.describePages();
  const maxPages = Math.max(1, opts.maxPages ?? 200);
  const pages = all.slice(0, maxPages);
  const root = all[0];
  const spec: BTreeSpec = {
    version: 1,
    ...(opts.title ? { title: opts.title } : {}),
    pageSize: engine.pageSize,
    rootId: root ? root.id : 0,
    pages: pages.map((p) => ({ id: p.id, kind: p.kind, keys: [...p.keys], fillFactor: p.fillFactor, children: [...p.children] })),
    omittedPages: all.length - pages.length,
  };
  const text =
    `B-tree${opts.title ? `: ${opts.title}` : ''}, ${all.length} pages of ${engine.pageSize} B\n` +
    pages
      .map(
        (p) =>
          `  page ${p.id} ${p.kind} ${(p.fillFactor * 100).toFixed(0)}% full: ${p.keys.length <= 6 ? p.keys.join(', ') : `${p.keys.slice(0, 3).join(', ')} … ${p.keys.slice(-2).join(', ')}`}${p.children.length ? ` → [${p.children.join(', ')}]` : ''}`,
      )
      .join('\n') +
    (spec.omittedPages ? `\n  … ${spec.omittedPages} more pages` : '');
  return view(STORAGE_MIME.bTree, spec, text);
}
