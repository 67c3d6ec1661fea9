/**
 * Exercise "write-amplification" (lab lsm-vs-btree): where an LSM tree's writes go.
 *
 * Write amplification is the bytes an engine writes to disk divided by the bytes the user
 * asked it to write (DDIA ch. 3, "Comparing B-Trees and LSM-Trees"). An LSM tree writes each
 * user byte once to its write-ahead log, once when the memtable is flushed, and once more every
 * time a compaction rewrites the table holding it.
 *
 * A trace is what the engine recorded: the user's bytes, the log's bytes, and one event per
 * flush or compaction with the level it wrote to and the bytes of the tables it produced. A
 * `trivial-move` moves a table to the next level by changing metadata only: its `outputBytes`
 * say how big the moved table is, but nothing was rewritten.
 *
 * `writeAmplification` returns the total, the log's share, and for each level the bytes
 * written into that level divided by the user bytes (`byLevel[i]` for level i, as long as the
 * deepest level any event wrote to, with 0 for levels nothing was written to). The total is
 * the log's share plus the sum of `byLevel`. With no user bytes, everything is 0.
 *
 * Checked by tests/write-amplification.test.ts:
 *   - "the log alone gives a write amplification of walBytes / userBytes"
 *   - "flushes and compactions count towards the level they write"
 *   - "trivial moves cost nothing"
 *   - "no user bytes, no amplification"
 *   - "a real engine's trace: the total matches the bytes the engine wrote"
 */

export interface TraceEvent {
  readonly kind: 'flush' | 'compaction' | 'trivial-move';
  readonly outputLevel: number;
  /** Bytes of the tables this event produced (for a trivial move: of the table it moved). */
  readonly outputBytes: number;
}

export interface Trace {
  readonly userBytes: number;
  readonly walBytes: number;
  readonly events: readonly TraceEvent[];
}

export interface WriteAmplification {
  readonly total: number;
  readonly wal: number;
  readonly byLevel: number[];
}

export function writeAmplification(trace: Trace): WriteAmplification {
  void trace;
  throw new Error("TODO: divide the log's bytes and each level's written bytes by the user's bytes.");
}
