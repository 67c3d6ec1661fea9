/**
 * `storage.watch(db)`: the LSM levels view (or the B-tree pages view) of a store, live while a
 * workload cell runs. The loop calls `tick()` after each operation; a few times a second the
 * view is redrawn in place with the levels (or pages) as they are, the operations so far and
 * the running write amplification, so a learner sees level 0 fill, flushes land and compactions
 * push data down. `done()` (or the end of the cell) draws the final state exactly.
 *
 * Under the CLI and the grader there is no live display: nothing is sent until the final view,
 * and the workload runs at full speed.
 */
import { type BTree } from '../storage/btree/bTree';
import { type LsmTree } from '../storage/lsm/lsmTree';
import { type BTreeSpec, type LsmLevelsSpec, type StorageProgress } from '../views/storage/storageOutputs';
import { type OutputBundle } from '../views/notebook/outputBundle';
import { liveOutput, realLiveClock, type LiveClock } from './liveOutput';
import { DISPLAYABLE, type Displayable } from './outputs';
import { bTreePages, lsmLevels, type View } from './storageViews';
import { type KvStore } from './storageStores';

export interface WatchOptions {
  readonly title?: string;
  /** Least time between two frames, 100 to 5000 ms (default 200: five frames a second). */
  readonly everyMs?: number;
  /**
   * Slow motion, only where someone watches: hold the workload to at most this many ticks a
   * second, so a run that would be over in a blink takes long enough to follow. Ignored under
   * the CLI and the grader, which run at full speed. Default: no limit.
   */
  readonly opsPerSecond?: number;
  /** B-tree only: pages drawn at most (default 200). */
  readonly maxPages?: number;
  /** Show intermediate frames (default: where the host redraws outputs in place, a notebook). */
  readonly live?: boolean;
  /** For tests: the clock frames and slow motion read, and how slow motion waits. */
  readonly clock?: LiveClock;
  readonly sleep?: (ms: number) => void;
}

/** A live view of a store; tick it from the workload loop, end with `done()`. */
export interface StorageWatch<Spec extends LsmLevelsSpec | BTreeSpec = LsmLevelsSpec | BTreeSpec> extends Displayable {
  /** Counts `operations` (default 1) and redraws the view if its frame interval has passed. */
  tick(operations?: number): void;
  /** The final view: the state now, exactly, with its `spec`. It replaces the live output when shown. */
  done(): View<Spec>;
  /** Operations counted by `tick`. */
  readonly operations: number;
  /** Frames sent to the cell so far (0 under the CLI until the final one is shown). */
  readonly frames: number;
  /** True when intermediate frames are drawn (a notebook), false under the CLI and the grader. */
  readonly live: boolean;
}

type Engine = { kind: 'lsm'; engine: LsmTree } | { kind: 'btree'; engine: BTree };

function engineOf(db: unknown): Engine {
  const d = db as Partial<KvStore> & Partial<LsmTree> & Partial<BTree>;
  if (d && typeof d === 'object' && 'engine' in d && 'kind' in d) {
    if (d.kind === 'lsm') return { kind: 'lsm', engine: d.engine as LsmTree };
    if (d.kind === 'btree') return { kind: 'btree', engine: d.engine as BTree };
    throw new TypeError(`storage.watch needs a store opened with openLsm or openBTree, got a ${String(d.kind)} store`);
  }
  if (d && typeof d === 'object' && typeof d.describeLevels === 'function') return { kind: 'lsm', engine: db as LsmTree };
  if (d && typeof d === 'object' && typeof d.describePages === 'function') return { kind: 'btree', engine: db as BTree };
  throw new TypeError('storage.watch needs a store from storage.openLsm or storage.openBTree (or its engine)');
}

/** Waits synchronously: the workload loop is synchronous, and the kernel's outputs are already sent. */
function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Waits shorter than this are saved up rather than slept one by one (a sleep per write costs more than the write). */
const MIN_SLEEP_MS = 15;

function progressText(p: StorageProgress): string {
  return `${p.status === 'running' ? 'running' : 'done'}: ${p.operations} operations, ${p.flushes !== undefined ? `${p.flushes} flushes, ` : ''}${p.compactions} compactions, write amplification ${p.writeAmplification.toFixed(2)}×`;
}

/** Follows `db` (from openLsm or openBTree) live in the running cell; see the file comment. */
export function watch(db: KvStore<LsmTree> | LsmTree, opts?: WatchOptions): StorageWatch<LsmLevelsSpec>;
export function watch(db: KvStore<BTree> | BTree, opts?: WatchOptions): StorageWatch<BTreeSpec>;
export function watch(db: KvStore<LsmTree> | KvStore<BTree> | LsmTree | BTree, opts: WatchOptions = {}): StorageWatch {
  const target = engineOf(db);
  const clock = opts.clock ?? realLiveClock;
  const sleep = opts.sleep ?? blockFor;
  const rate = opts.opsPerSecond;
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0))
    throw new RangeError(`storage.watch: opsPerSecond must be a positive number, got ${String(rate)}`);
  let operations = 0;

  // Flushes and compactions count from here (this workload's); write amplification is the store's so far.
  const counts = (): { flushes?: number; compactions: number } => {
    if (target.kind === 'lsm') {
      const s = target.engine.stats();
      return { flushes: s.flushes, compactions: s.compactions };
    }
    return { compactions: target.engine.stats().compactions };
  };
  const baseline = counts();
  const progress = (status: StorageProgress['status']): StorageProgress => {
    const s = target.engine.stats();
    const write = s.userBytesWritten === 0 ? 0 : s.diskBytesWritten / s.userBytesWritten;
    const now = counts();
    return {
      status,
      operations,
      writeAmplification: write,
      compactions: now.compactions - baseline.compactions,
      ...(now.flushes !== undefined ? { flushes: now.flushes - (baseline.flushes ?? 0) } : {}),
    };
  };

  const render = (status: StorageProgress['status']): OutputBundle => {
    const p = progress(status);
    const title = opts.title ? { title: opts.title } : {};
    const snapshot: View<LsmLevelsSpec | BTreeSpec> =
      target.kind === 'lsm'
        ? lsmLevels(target.engine, title)
        : bTreePages(target.engine, { ...title, ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}) });
    const bundle = snapshot[DISPLAYABLE]();
    return {
      items: bundle.items.map((i) => ({ ...i, data: { ...(i.data as object), progress: p } })),
      text: `${bundle.text}\n  ${progressText(p)}`,
    };
  };

  const out = liveOutput(render, { ...opts, clock });
  const startedAt = clock.now();
  const paced = out.live && rate !== undefined;

  const done = (): View<LsmLevelsSpec | BTreeSpec> => {
    const finalView = out.finish();
    const bundle = finalView[DISPLAYABLE]();
    return { spec: bundle.items[0]?.data as LsmLevelsSpec | BTreeSpec, [DISPLAYABLE]: () => bundle } as View<LsmLevelsSpec | BTreeSpec>;
  };
  return {
    tick(n = 1) {
      if (!(Number.isInteger(n) && n >= 0))
        throw new RangeError(`storage.watch: tick(operations) takes a whole number ≥ 0, got ${String(n)}`);
      if (out.finished) return;
      operations += n;
      if (paced) {
        const behind = startedAt + (operations * 1000) / rate - clock.now();
        if (behind >= MIN_SLEEP_MS) sleep(behind);
      }
      out.tick();
    },
    done,
    get operations() {
      return operations;
    },
    get frames() {
      return out.frames;
    },
    live: out.live,
    [DISPLAYABLE]: () => done()[DISPLAYABLE](),
  };
}
