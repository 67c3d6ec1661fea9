/**
 * Exercise "compaction" (lab hash-index-log): merge log segments, as Bitcask does.
 *
 * An append-only log never overwrites, so it grows forever unless old segments are
 * compacted: rewritten keeping only the latest record of each key, with deleted keys dropped
 * (DDIA ch. 3, "compaction"; Sheehy and Smith, "Bitcask: A Log-Structured Hash Table for Fast
 * Key/Value Data", where this is called merging).
 *
 * `segments` are in write order, oldest first, and each segment's records are in append order,
 * so the later of two records for a key is the newer one — within a segment as well as across
 * segments. A record with `value: null` is a tombstone: the key was deleted.
 *
 * `compactSegments` returns one new segment holding, for every key whose newest record is not
 * a tombstone, that newest record, in the order those records were originally written. No
 * tombstones survive: after a full compaction nothing older exists that they would need to hide.
 * It must not modify its input.
 *
 * Checked by tests/compaction.test.ts:
 *   - "the latest value of each key survives"
 *   - "a tombstone removes the key, even when older segments still hold it"
 *   - "a key written again after its tombstone is alive"
 *   - "survivors keep the order in which they were last written"
 *   - "the input segments are unchanged"
 *   - "random segments agree with replaying the log (seed 3)"
 */

/** One record of a segment; `value: null` is a tombstone. */
export interface LogRecord {
  readonly key: string;
  readonly value: string | null;
}

/** Merges segments (oldest first) into one segment of live keys, each with its latest value. */
export function compactSegments(segments: readonly (readonly LogRecord[])[]): LogRecord[] {
  // Find each key's newest record (the last one in write order), drop keys whose newest
  // record is a tombstone, and return the survivors in the order they were written.
  void segments;
  throw new Error('TODO: compact the segments into one segment of live keys.');
}
