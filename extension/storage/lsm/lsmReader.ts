/**
 * The read path of the LSM tree. A point read checks the memtable, then the immutable memtable
 * a background flush is writing (if any), then each level newest first: every table of an
 * overlapping level (L0) whose key range covers the key, or the one table of a sorted level
 * that can; a bloom filter saying "absent" skips the table's blocks. The first hit wins, and a
 * tombstone hit means "deleted". A range scan merges all sources with a `MergeIterator` and
 * hides tombstones. Counts files and blocks touched (read amplification).
 */
import { bloomKeyHashes } from './bloomFilter';
import { compareBytes } from './bytes';
import { type CompactionPolicy, type LsmShape } from './compactionPolicy';
import { type KvEntry, type KvIterator } from './iterator';
import { LevelIterator } from './levelIterator';
import { type Memtable } from './memtable';
import { MergeIterator } from './mergeIterator';
import { type TableMeta } from './tableMeta';
import { type TableReader } from './tableReader';
import { type StorageCounters } from '../stats';

export interface GetResult {
  value: Uint8Array | undefined;
  bloomNegatives: number;
}

/** Index of the table of a sorted level that could hold `key`, or -1. */
function findInSortedLevel(level: readonly TableMeta[], key: Uint8Array): number {
  let lo = 0;
  let hi = level.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBytes((level[mid] as TableMeta).largest, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  const t = level[lo];
  return t !== undefined && compareBytes(t.smallest, key) <= 0 ? lo : -1;
}

const BLOOM_NEGATIVE = 0;

export class LsmReader {
  constructor(
    private readonly policy: CompactionPolicy,
    private readonly counters: StorageCounters,
    private readonly table: (id: number) => TableReader,
    private readonly shape: () => LsmShape,
    private readonly memtable: () => Memtable,
    /** The immutable memtable being flushed in the background (newer than every table), if any. */
    private readonly imm: () => Memtable | null = () => null,
  ) {}

  get(key: Uint8Array): GetResult {
    this.counters.userReads++;
    // Both filter hashes depend only on the key: compute them once for every filter probed.
    const { h1, h2 } = bloomKeyHashes(key);
    const memtable = this.memtable();
    const m = memtable.mayContain(h1) ? memtable.get(key) : undefined;
    if (m !== undefined) return { value: m === null ? undefined : m, bloomNegatives: 0 };
    const imm = this.imm();
    const i = imm !== null && imm.mayContain(h1) ? imm.get(key) : undefined;
    if (i !== undefined) return { value: i === null ? undefined : i, bloomNegatives: 0 };
    let bloomNegatives = 0;
    const levels = this.shape().levels;
    for (let l = 0; l < levels.length; l++) {
      const level = levels[l] as TableMeta[];
      if (level.length === 0) continue;
      if (this.policy.levelOverlaps(l)) {
        // Newest first; no candidate array, since this runs on every read.
        for (const meta of level) {
          if (compareBytes(meta.smallest, key) > 0 || compareBytes(meta.largest, key) < 0) continue;
          const r = this.probe(meta, key, h1, h2);
          if (r === BLOOM_NEGATIVE) bloomNegatives++;
          else if (r !== undefined) return { value: r === null ? undefined : r, bloomNegatives };
        }
      } else {
        const i = findInSortedLevel(level, key);
        if (i < 0) continue;
        const r = this.probe(level[i] as TableMeta, key, h1, h2);
        if (r === BLOOM_NEGATIVE) bloomNegatives++;
        else if (r !== undefined) return { value: r === null ? undefined : r, bloomNegatives };
      }
    }
    return { value: undefined, bloomNegatives };
  }

  /** One table's answer: a value, null (tombstone), undefined (absent) or BLOOM_NEGATIVE. */
  private probe(meta: TableMeta, key: Uint8Array, h1: number, h2: number): Uint8Array | null | undefined | typeof BLOOM_NEGATIVE {
    const t = this.table(meta.id);
    this.counters.filesTouchedByReads++;
    if (!t.mayContainHashed(h1, h2)) return BLOOM_NEGATIVE;
    return t.get(key);
  }

  /** A merged iterator over every source, newest first, tombstones included. */
  rawIterator(): KvIterator {
    const children: KvIterator[] = [this.memtable().iterator()];
    const imm = this.imm();
    if (imm !== null) children.push(imm.iterator());
    const levels = this.shape().levels;
    levels.forEach((level, l) => {
      if (level.length === 0) return;
      if (this.policy.levelOverlaps(l)) {
        for (const meta of level) children.push(this.table(meta.id).iterator());
      } else {
        children.push(new LevelIterator(level.map((meta) => ({ largest: meta.largest, iterator: () => this.table(meta.id).iterator() }))));
      }
    });
    return new MergeIterator(children);
  }

  scan(start: Uint8Array | undefined, end: Uint8Array | undefined, limit: number): KvEntry[] {
    this.counters.userReads++;
    const it = this.rawIterator();
    if (start !== undefined) it.seek(start);
    const out: KvEntry[] = [];
    for (; it.valid() && out.length < limit; it.next()) {
      const key = it.key();
      if (end !== undefined && compareBytes(key, end) >= 0) break;
      const value = it.value();
      if (value !== null) out.push({ key: key.slice(), value: value.slice() });
    }
    return out;
  }
}
