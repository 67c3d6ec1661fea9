/**
 * Real-time reasoning over register histories without version numbers, shared by the session
 * and staleness checkers. Writes are assumed to write distinct values per key (workloads do so),
 * so a read's value names the write(s) it came from. X "precedes" W when X completed before W
 * was invoked; then any read that must see W (or something later) may not return X's value.
 * Writes that ended in `info` never complete and so never precede anything; `fail` writes are
 * ignored (they did not happen). Reads of a missing key (null) come from the initial state,
 * which precedes every write.
 */
import { pairHistory, type HistoryEvent, type HistoryOp } from '../core/history';

export interface RegisterOps {
  reads: HistoryOp[];
  writes: HistoryOp[];
  /** key → JSON(value) → writes of that value. */
  byValue: Map<string, Map<string, HistoryOp[]>>;
}

export function indexRegisterOps(history: readonly HistoryEvent[]): RegisterOps {
  const ops = pairHistory(history);
  const reads = ops.filter((o) => o.f === 'read' && o.status === 'ok' && o.key !== undefined);
  const writes = ops.filter((o) => o.f === 'write' && o.status !== 'fail' && o.key !== undefined);
  const byValue = new Map<string, Map<string, HistoryOp[]>>();
  for (const w of writes) {
    const m = byValue.get(w.key ?? '') ?? new Map<string, HistoryOp[]>();
    byValue.set(w.key ?? '', m);
    const k = JSON.stringify(w.input);
    m.set(k, [...(m.get(k) ?? []), w]);
  }
  return { reads, writes, byValue };
}

export function precedes(x: HistoryOp, w: HistoryOp): boolean {
  return x.completeMs < w.invokeMs;
}

/** The writes a read's value can have come from; [] for the initial state; undefined if none wrote it. */
export function sourcesOf(idx: RegisterOps, read: HistoryOp): HistoryOp[] | undefined {
  if (read.output === null || read.output === undefined) return [];
  return idx.byValue.get(read.key ?? '')?.get(JSON.stringify(read.output));
}

/** True when every possible source of the read's value precedes w: the read missed w. */
export function readMisses(idx: RegisterOps, read: HistoryOp, w: HistoryOp): boolean {
  const src = sourcesOf(idx, read);
  if (src === undefined) return false;
  return src.every((s) => s !== w && precedes(s, w));
}
