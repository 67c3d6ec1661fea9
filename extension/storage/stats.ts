/**
 * Counters every storage engine keeps, so labs can show amplification side by side (DDIA ch. 3:
 * write amplification of log-structured vs page-oriented engines). Plain data: a snapshot can
 * be posted to a renderer unchanged.
 *
 * Engines own one mutable `StorageCounters` and bump fields as they work; `stats()` returns
 * `snapshotCounters(...)` plus engine-specific extras.
 */
export interface StorageCounters {
  /** Key + value bytes handed to put/delete by the caller. */
  userBytesWritten: number;
  /** Bytes the engine wrote to files (logs, segments, tables, pages, hints). */
  diskBytesWritten: number;
  /** Bytes the engine read from files (cache hits excluded). */
  diskBytesRead: number;
  /** Point reads and scans served (the denominator of read amplification). */
  userReads: number;
  /** Files opened or consulted while serving reads. */
  filesTouchedByReads: number;
  /** Blocks or pages consulted while serving reads (cache hits included). */
  blocksTouchedByReads: number;
  fsyncs: number;
  compactions: number;
  cacheHits: number;
  cacheMisses: number;
}

export function createCounters(): StorageCounters {
  return {
    userBytesWritten: 0,
    diskBytesWritten: 0,
    diskBytesRead: 0,
    userReads: 0,
    filesTouchedByReads: 0,
    blocksTouchedByReads: 0,
    fsyncs: 0,
    compactions: 0,
    cacheHits: 0,
    cacheMisses: 0,
  };
}

export function snapshotCounters(c: StorageCounters): StorageCounters {
  return { ...c };
}

export interface Amplification {
  /** diskBytesWritten / userBytesWritten (0 before the first write). */
  write: number;
  /** Files touched per user read. */
  readFiles: number;
  /** Blocks touched per user read. */
  readBlocks: number;
  /** cacheHits / (hits + misses). */
  cacheHitRatio: number;
}

export function computeAmplification(c: StorageCounters): Amplification {
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  return {
    write: ratio(c.diskBytesWritten, c.userBytesWritten),
    readFiles: ratio(c.filesTouchedByReads, c.userReads),
    readBlocks: ratio(c.blocksTouchedByReads, c.userReads),
    cacheHitRatio: ratio(c.cacheHits, c.cacheHits + c.cacheMisses),
  };
}
