/**
 * The same seeded workload on several stores, and their write, read and space amplification
 * measured as it runs (DDIA ch. 3, "Comparing B-Trees and LSM-Trees"):
 * - write amplification: bytes the engine wrote to files / key+value bytes the caller wrote;
 * - read amplification: blocks or pages consulted per point read;
 * - space amplification: bytes of the store's files / bytes of the live keys and values.
 * Charts reuse the common chart output (a line per store).
 */
import { createRandom } from '../util/prng';
import { charts, table, type Displayable } from './outputs';
import { type KvStore } from './storageStores';
import { type StorageWatch } from './storageWatch';

/** One operation of a workload. */
export type WorkloadOp =
  | { readonly type: 'put'; readonly key: string; readonly value: string }
  | { readonly type: 'get'; readonly key: string }
  | { readonly type: 'delete'; readonly key: string };

/** Shape of a generated workload. */
export interface WorkloadOptions {
  /** Number of operations. Default 10 000. */
  readonly operations?: number;
  /** Distinct keys (`key-000042` …). Default 2 000. */
  readonly keys?: number;
  /** Bytes per value. Default 100. */
  readonly valueBytes?: number;
  /** Fraction of operations that are point reads. Default 0.2. */
  readonly readFraction?: number;
  /** Fraction of operations that are deletes. Default 0. */
  readonly deleteFraction?: number;
  /** `'uniform'` keys, or `'sequential'` (keys in increasing order, like time-ordered ids). Default uniform. */
  readonly order?: 'uniform' | 'sequential';
  /** Seed of the generator: same seed, same operations. Default 1. */
  readonly seed?: number;
}

/** Generates a deterministic workload of puts, gets and deletes. */
export function workload(opts: WorkloadOptions = {}): WorkloadOp[] {
  const n = opts.operations ?? 10_000;
  const keys = Math.max(1, opts.keys ?? 2000);
  const valueBytes = Math.max(0, opts.valueBytes ?? 100);
  const readFraction = opts.readFraction ?? 0.2;
  const deleteFraction = opts.deleteFraction ?? 0;
  const rnd = createRandom(opts.seed ?? 1);
  const width = String(keys - 1).length;
  const keyOf = (i: number): string => `key-${String(i).padStart(width, '0')}`;
  const filler = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const ops: WorkloadOp[] = [];
  for (let i = 0; i < n; i++) {
    const key = keyOf(opts.order === 'sequential' ? i % keys : rnd.int(keys));
    const r = rnd.next();
    if (r < readFraction) ops.push({ type: 'get', key });
    else if (r < readFraction + deleteFraction) ops.push({ type: 'delete', key });
    else {
      const start = rnd.int(filler.length);
      let value = `v${i}:`;
      while (value.length < valueBytes) value += filler[(start + value.length) % filler.length];
      ops.push({ type: 'put', key, value: value.slice(0, Math.max(valueBytes, 1)) });
    }
  }
  return ops;
}

/** Amplification of one store after some operations of a workload. */
export interface AmplificationSample {
  readonly operations: number;
  readonly write: number;
  readonly readBlocks: number;
  readonly space: number;
}

/** Bytes of live keys and values (a full scan). */
export function liveBytes(store: KvStore): number {
  let n = 0;
  for (const e of store.scanBytes()) n += e.key.length + e.value.length;
  return n;
}

/** Reads made by the measuring itself (its full scans), left out of later samples' read amplification. */
export interface MeasurementReads {
  userReads: number;
  blocksTouchedByReads: number;
}

/**
 * Measures `store` now. Counting live bytes takes a full scan, which the store counts as reads;
 * pass the same `measured` object to every call on one store so those reads stay out of the
 * read amplification of later samples.
 */
export function measureAmplification(
  store: KvStore,
  operations = 0,
  measured: MeasurementReads = { userReads: 0, blocksTouchedByReads: 0 },
): AmplificationSample {
  const s = store.stats();
  const live = liveBytes(store);
  const after = store.stats();
  const userReads = s.userReads - measured.userReads;
  const blocks = s.blocksTouchedByReads - measured.blocksTouchedByReads;
  measured.userReads += after.userReads - s.userReads;
  measured.blocksTouchedByReads += after.blocksTouchedByReads - s.blocksTouchedByReads;
  return {
    operations,
    write: s.userBytesWritten === 0 ? 0 : s.diskBytesWritten / s.userBytesWritten,
    readBlocks: userReads === 0 ? 0 : blocks / userReads,
    space: live === 0 ? 0 : store.diskBytes() / live,
  };
}

/**
 * Runs `ops` on `store`, measuring amplification `samples` times along the way (default 10).
 * Returns the samples, oldest first. With `watch` (from `storage.watch(store)`), ticks it after
 * every operation, so its view follows the run live; show `watch.done()` afterwards.
 */
export function runWorkload(
  store: KvStore,
  ops: readonly WorkloadOp[],
  opts: { readonly samples?: number; readonly watch?: StorageWatch } = {},
): AmplificationSample[] {
  const samples = Math.max(1, opts.samples ?? 10);
  const every = Math.max(1, Math.ceil(ops.length / samples));
  const out: AmplificationSample[] = [];
  const measured: MeasurementReads = { userReads: 0, blocksTouchedByReads: 0 };
  ops.forEach((op, i) => {
    if (op.type === 'put') store.put(op.key, op.value);
    else if (op.type === 'delete') store.delete(op.key);
    else store.get(op.key);
    if ((i + 1) % every === 0 || i === ops.length - 1) out.push(measureAmplification(store, i + 1, measured));
    opts.watch?.tick();
  });
  return out;
}

const METRIC_LABELS = {
  write: 'write amplification (bytes written to files / bytes written by the user)',
  readBlocks: 'read amplification (blocks or pages per point read)',
  space: 'space amplification (file bytes / live bytes)',
} as const;

/** One line per store of one amplification metric over the workload. */
export function amplificationChart(
  runs: Readonly<Record<string, readonly AmplificationSample[]>>,
  metric: 'write' | 'readBlocks' | 'space' = 'write',
  opts: { readonly title?: string } = {},
): Displayable {
  const series = Object.fromEntries(
    Object.entries(runs).map(([name, samples]) => [name, samples.map((s) => [s.operations, s[metric]] as [number, number])]),
  );
  return charts.line(series, { title: opts.title ?? METRIC_LABELS[metric], x: { label: 'operations' }, y: { label: metric, unit: '×' } });
}

/** The last sample of each run side by side, as a table. */
export function amplificationTable(
  runs: Readonly<Record<string, readonly AmplificationSample[]>>,
  opts: { readonly title?: string } = {},
): Displayable {
  const round = (x: number): number => Math.round(x * 100) / 100;
  return table(
    Object.entries(runs).map(([store, samples]) => {
      const last = samples.at(-1);
      return {
        store,
        operations: last?.operations ?? 0,
        write: round(last?.write ?? 0),
        readBlocks: round(last?.readBlocks ?? 0),
        space: round(last?.space ?? 0),
      };
    }),
    { title: opts.title ?? 'Amplification after the workload' },
  );
}
