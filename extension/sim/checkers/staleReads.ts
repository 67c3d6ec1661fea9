/**
 * Stale reads and lost acknowledged writes on register histories (see writeOrder.ts for the
 * real-time reasoning). A read is stale when it misses a write that was acknowledged before the
 * read began: the guarantee w + r > n is meant to give. A write is lost when a final read (one
 * that began after every acknowledged write to its key had completed) misses it: the cluster has
 * forgotten a write it acknowledged, not merely not shown it yet.
 */
import { type HistoryEvent } from '../core/history';
import { type Anomaly } from './anomaly';
import { indexRegisterOps, precedes, readMisses, sourcesOf } from './writeOrder';

export function checkStaleReads(history: readonly HistoryEvent[]): Anomaly[] {
  const idx = indexRegisterOps(history);
  const out: Anomaly[] = [];
  for (const r of idx.reads) {
    if (sourcesOf(idx, r) === undefined) {
      out.push({
        kind: 'unknown-value',
        key: r.key,
        opIds: [r.opId],
        atMs: r.invokeMs,
        message: `read of ${r.key} returned ${JSON.stringify(r.output)}, which no operation wrote`,
      });
      continue;
    }
    const missed = idx.writes.find((w) => w.key === r.key && w.status === 'ok' && precedes(w, r) && readMisses(idx, r, w));
    if (missed !== undefined) {
      out.push({
        kind: 'stale-read',
        key: r.key,
        opIds: [r.opId, missed.opId],
        atMs: r.invokeMs,
        message: `read of ${r.key} returned ${JSON.stringify(r.output)} although write ${JSON.stringify(missed.input)} was acknowledged at ${missed.completeMs.toFixed(2)} ms, before the read began`,
      });
    }
  }
  return out;
}

export function checkLostWrites(history: readonly HistoryEvent[]): Anomaly[] {
  const idx = indexRegisterOps(history);
  const out: Anomaly[] = [];
  for (const w of idx.writes) {
    if (w.status !== 'ok') continue;
    const acked = idx.writes.filter((x) => x.key === w.key && x.status === 'ok');
    const lastAck = Math.max(...acked.map((x) => x.completeMs));
    const finals = idx.reads.filter((r) => r.key === w.key && r.invokeMs > lastAck);
    const witness = finals.find((r) => readMisses(idx, r, w));
    if (witness !== undefined) {
      out.push({
        kind: 'lost-write',
        key: w.key,
        opIds: [w.opId, witness.opId],
        atMs: w.completeMs,
        message: `write ${JSON.stringify(w.input)} to ${w.key} was acknowledged, but a final read returned ${JSON.stringify(witness.output)}`,
      });
    }
  }
  return out;
}
