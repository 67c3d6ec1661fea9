/**
 * Replication-lag anomalies from DDIA ch. 5 ("Problems with Replication Lag"), checked per client
 * session on register histories (see writeOrder.ts):
 * - read-your-writes: a read must not miss a write the same client had completed before it;
 * - monotonic reads: a later read must not return something older than an earlier read did;
 * - consistent prefix: if a client saw a writer's later write, a later read of another key must
 *   not miss that writer's earlier write (the answer must not appear before the question).
 */
import { type HistoryEvent, type HistoryOp } from '../core/history';
import { type Anomaly } from './anomaly';
import { indexRegisterOps, precedes, readMisses, sourcesOf, type RegisterOps } from './writeOrder';

export function checkReadYourWrites(history: readonly HistoryEvent[]): Anomaly[] {
  const idx = indexRegisterOps(history);
  const out: Anomaly[] = [];
  for (const r of idx.reads) {
    const own = idx.writes.find(
      (w) => w.client === r.client && w.key === r.key && w.status === 'ok' && precedes(w, r) && readMisses(idx, r, w),
    );
    if (own !== undefined) {
      out.push({
        kind: 'read-your-writes',
        key: r.key,
        opIds: [r.opId, own.opId],
        atMs: r.invokeMs,
        message: `${r.client} wrote ${JSON.stringify(own.input)} to ${r.key}, then read ${JSON.stringify(r.output)}`,
      });
    }
  }
  return out;
}

export function checkMonotonicReads(history: readonly HistoryEvent[]): Anomaly[] {
  const idx = indexRegisterOps(history);
  const out: Anomaly[] = [];
  for (const r2 of idx.reads) {
    const earlier = idx.reads.find((r1) => {
      if (r1.client !== r2.client || r1.key !== r2.key || !precedes(r1, r2)) return false;
      const src1 = sourcesOf(idx, r1) ?? [];
      return src1.some((s) => readMisses(idx, r2, s));
    });
    if (earlier !== undefined) {
      out.push({
        kind: 'monotonic-reads',
        key: r2.key,
        opIds: [r2.opId, earlier.opId],
        atMs: r2.invokeMs,
        message: `${r2.client} read ${JSON.stringify(earlier.output)} from ${r2.key}, then the older ${JSON.stringify(r2.output)}`,
      });
    }
  }
  return out;
}

export function checkConsistentPrefix(history: readonly HistoryEvent[]): Anomaly[] {
  const idx = indexRegisterOps(history);
  const out: Anomaly[] = [];
  for (const seen of idx.reads) {
    for (const w2 of sourcesOf(idx, seen) ?? []) {
      const before = idx.writes.filter((w1) => w1.client === w2.client && w1.key !== w2.key && w1.status === 'ok' && precedes(w1, w2));
      for (const w1 of before) {
        const later = laterMiss(idx, seen, w1);
        if (later !== undefined) {
          out.push({
            kind: 'consistent-prefix',
            key: w1.key,
            opIds: [later.opId, seen.opId, w1.opId, w2.opId],
            atMs: later.invokeMs,
            message: `${seen.client} saw ${JSON.stringify(w2.input)} in ${w2.key} but then missed the earlier ${JSON.stringify(w1.input)} in ${w1.key}`,
          });
        }
      }
    }
  }
  return out;
}

function laterMiss(idx: RegisterOps, seen: HistoryOp, w1: HistoryOp): HistoryOp | undefined {
  return idx.reads.find((r) => r.client === seen.client && r.key === w1.key && precedes(seen, r) && readMisses(idx, r, w1));
}
