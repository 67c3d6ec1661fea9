/**
 * One adapter over the three key-value engines (hash log, LSM tree, B-tree) so the crash,
 * fault-injection and corruption harnesses are written once. `tiny` options make every
 * engine's background work (segment rolls and compaction, flushes and compactions,
 * checkpoints) happen within a few dozen small writes, where crashes are most interesting.
 */
import { openBTree } from '../../../../extension/storage/btree/bTree';
import { bytesToText } from '../../../../extension/storage/codec/bytes';
import { type FileSystem } from '../../../../extension/storage/fs/fileSystem';
import { openWorkerLsm } from '../../../../extension/storageIo/workerLsm';
import { openHashLog } from '../../../../extension/storage/hashlog/hashLog';
import { type LsmOptions } from '../../../../extension/storage/lsm/lsmTypes';
import { type Random } from '../../../../extension/util/prng';

export const ENGINE_KINDS = ['hashlog', 'lsm', 'btree'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

/** A put (value) or a delete (null). */
export interface Op {
  key: string;
  value: string | null;
}

export interface KvEngine {
  /** Applies `ops` atomically (one batch), fsyncing the log first if `sync`. */
  write(ops: readonly Op[], sync: boolean): void;
  get(key: string): string | undefined;
  /** Every live entry. */
  dump(): Map<string, string>;
  /** The engine's own background work, run on demand: compaction or a checkpoint. */
  maintain(): void;
  close(): void;
}

const TINY_LSM: Partial<LsmOptions> = {
  memtableBytes: 600,
  blockSizeBytes: 128,
  blockCacheBytes: 4096,
  targetTableBytes: 512,
  leveled: { l0CompactionTrigger: 2, baseLevelBytes: 1024, levelSizeMultiplier: 3, maxLevels: 4 },
  tiered: { maxTiers: 3 },
};

const text = (v: Uint8Array | undefined): string | undefined => (v === undefined ? undefined : bytesToText(v));

/**
 * Opens (and so recovers) the engine of `kind` in `dir`. `variant` picks LSM compaction style;
 * `background` runs the LSM's flushes and compactions on its worker thread (disk fs only).
 */
export function openEngine(kind: EngineKind, fs: FileSystem, dir: string, variant = 0, background = false): KvEngine {
  if (kind === 'hashlog') {
    const db = openHashLog(fs, dir, { segmentBytes: 500 });
    return {
      write: (ops, sync) => db.write(ops, { sync }),
      get: (k) => text(db.get(k)),
      dump: () => new Map(db.scan().map((e) => [bytesToText(e.key), bytesToText(e.value)])),
      maintain: () => void db.compact(),
      close: () => db.close(),
    };
  }
  if (kind === 'lsm') {
    const db = openWorkerLsm(fs, dir, { ...TINY_LSM, compaction: variant % 2 === 0 ? 'leveled' : 'tiered', seed: variant, background });
    return {
      write: (ops, sync) =>
        db.batch(
          ops.map((o) => (o.value === null ? { type: 'delete', key: o.key } : { type: 'put', key: o.key, value: o.value })),
          { sync },
        ),
      get: (k) => text(db.get(k)),
      dump: () => new Map(db.scan().map((e) => [bytesToText(e.key), bytesToText(e.value as Uint8Array)])),
      maintain: () => void db.compact({ full: true }),
      close: () => db.close(),
    };
  }
  const db = openBTree(fs, dir, { pageSize: 1024, cachePages: 16, walBytesMax: 16 * 1024 });
  return {
    write: (ops, sync) => db.write(ops, { sync }),
    get: (k) => text(db.get(k)),
    dump: () => new Map(db.scan().map((e) => [bytesToText(e.key), bytesToText(e.value)])),
    maintain: () => db.checkpoint(),
    close: () => db.close(),
  };
}

export function randomValue(rng: Random, tag: string): string {
  return `${tag}.` + rng.int(1e9).toString(36).repeat(rng.intBetween(1, 6));
}

/** 1 to 4 ops on keys k0..k(keys-1), about one in five a delete. */
export function randomBatch(rng: Random, keys: number, tag: string): Op[] {
  const n = rng.intBetween(1, 4);
  return Array.from({ length: n }, () => ({ key: `k${rng.int(keys)}`, value: rng.chance(0.2) ? null : randomValue(rng, tag) }));
}

export function applyOps(model: Map<string, string>, ops: readonly Op[]): void {
  for (const op of ops) {
    if (op.value === null) model.delete(op.key);
    else model.set(op.key, op.value);
  }
}

export function canonical(m: ReadonlyMap<string, string>): string {
  return [...m.keys()]
    .sort()
    .map((k) => `${k}=${m.get(k)}`)
    .join('\n');
}

/**
 * Index k such that `got` equals `durable` plus the first k of `pending` (-1 if none): after a
 * crash, a log-structured or WAL-protected engine must recover every synced batch and then
 * some prefix of the later ones, each batch whole or not at all.
 */
export function matchPrefix(got: ReadonlyMap<string, string>, durable: ReadonlyMap<string, string>, pending: readonly Op[][]): number {
  const target = canonical(got);
  const candidate = new Map(durable);
  for (let k = 0; k <= pending.length; k++) {
    if (k > 0) applyOps(candidate, pending[k - 1] as Op[]);
    if (canonical(candidate) === target) return k;
  }
  return -1;
}
