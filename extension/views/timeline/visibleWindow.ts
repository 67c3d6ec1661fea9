/**
 * Which spans a timeline view must draw for a time window, and what to draw instead when there
 * are too many. Spans are sorted by start; a span can only reach into [t0, t1] if it started at
 * or after t0 - (the longest span), so two binary searches bound the scan to the window plus that
 * margin, however long the trace. Past `maxDetailed` spans the view switches to per-lane density
 * buckets, so drawing cost stays proportional to the canvas width, not to the event count.
 */
import type { MessageSpan, OpSpan, TimelineModel } from './timelineModel';

/** First position in [0, length) whose key is ≥ x (length when none). */
export function lowerBound(length: number, key: (i: number) => number, x: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices of the message spans that overlap [t0, t1]. */
export function visibleSpans(model: TimelineModel, t0: number, t1: number): number[] {
  const { spans } = model;
  const from = lowerBound(spans.length, (i) => (spans[i] as MessageSpan).sendMs, t0 - model.maxSpanMs);
  const to = lowerBound(spans.length, (i) => (spans[i] as MessageSpan).sendMs, t1 + 1e-9);
  const out: number[] = [];
  for (let i = from; i < to; i++) if ((spans[i] as MessageSpan).endMs >= t0) out.push(i);
  return out;
}

/** Indices of the operations that overlap [t0, t1] (ops are in invocation order). */
export function visibleOps(model: TimelineModel, t0: number, t1: number): number[] {
  const { ops } = model;
  const from = lowerBound(ops.length, (i) => (ops[i] as OpSpan).invokeMs, t0 - model.maxOpMs);
  const to = lowerBound(ops.length, (i) => (ops[i] as OpSpan).invokeMs, t1 + 1e-9);
  const out: number[] = [];
  for (let i = from; i < to; i++) if ((ops[i] as OpSpan).endMs >= t0) out.push(i);
  return out;
}

export interface DensityBuckets {
  readonly t0: number;
  readonly bucketMs: number;
  readonly buckets: number;
  /** counts[lane * buckets + b]: messages sent from `lane` in bucket b. */
  readonly sent: Uint32Array;
  /** Of those, how many were dropped. */
  readonly dropped: Uint32Array;
  readonly max: number;
}

/** Per-lane counts of sends per time bucket across [t0, t1]: the zoomed-out view of the messages. */
export function aggregateSpans(model: TimelineModel, spanIdx: readonly number[], t0: number, t1: number, buckets: number): DensityBuckets {
  const lanes = model.lanes.length;
  const nb = Math.max(1, Math.floor(buckets));
  const bucketMs = Math.max(1e-9, (t1 - t0) / nb);
  const sent = new Uint32Array(lanes * nb);
  const dropped = new Uint32Array(lanes * nb);
  let max = 0;
  for (const k of spanIdx) {
    const sp = model.spans[k] as MessageSpan;
    if (sp.sendMs < t0 || sp.sendMs > t1) continue;
    const b = Math.min(nb - 1, Math.floor((sp.sendMs - t0) / bucketMs));
    const at = sp.fromLane * nb + b;
    const c = ((sent[at] as number) += 1);
    if (sp.outcome === 'drop') (dropped[at] as number) += 1;
    if (c > max) max = c;
  }
  return { t0, bucketMs, buckets: nb, sent, dropped, max };
}

/**
 * Merge a lane's operations that would be drawn less than `minGapMs` apart into runs, so a
 * zoomed-out lane draws one bar per run instead of one per operation. Anomalous operations
 * always stay their own run so a flag never disappears in aggregation.
 */
export function mergeOpRuns(
  model: TimelineModel,
  opIdx: readonly number[],
  minGapMs: number,
): { lane: number; startMs: number; endMs: number; ops: number[] }[] {
  const runs: { lane: number; startMs: number; endMs: number; ops: number[] }[] = [];
  const open = new Map<number, { lane: number; startMs: number; endMs: number; ops: number[] }>();
  for (const k of opIdx) {
    const op = model.ops[k] as OpSpan;
    const cur = open.get(op.lane);
    if (
      cur !== undefined &&
      op.anomalies.length === 0 &&
      op.invokeMs - cur.endMs < minGapMs &&
      (model.ops[cur.ops[0] as number] as OpSpan).anomalies.length === 0
    ) {
      cur.endMs = Math.max(cur.endMs, op.endMs);
      cur.ops.push(k);
      continue;
    }
    const run = { lane: op.lane, startMs: op.invokeMs, endMs: op.endMs, ops: [k] };
    runs.push(run);
    open.set(op.lane, run);
  }
  return runs;
}

/** An upper bound on the spans overlapping [t0, t1], in O(log n): decides detail vs density cheaply. */
export function countVisibleSpansMax(model: TimelineModel, t0: number, t1: number): number {
  const { spans } = model;
  const from = lowerBound(spans.length, (i) => (spans[i] as MessageSpan).sendMs, t0 - model.maxSpanMs);
  const to = lowerBound(spans.length, (i) => (spans[i] as MessageSpan).sendMs, t1 + 1e-9);
  return to - from;
}

/**
 * Prefix sums of sends (and drops) per lane over fixed base buckets across the whole trace, built
 * once. A zoomed-out frame then costs O(lanes × screen buckets) whatever the event count: each
 * screen bucket is a difference of two prefix sums. Windows zoomed in further than the base
 * resolution have few enough messages to be drawn in detail instead.
 */
export interface DensityIndex {
  readonly baseBuckets: number;
  readonly baseMs: number;
  readonly lanes: number;
  /** sentPrefix[lane * (baseBuckets + 1) + b] = sends from lane in base buckets [0, b). */
  readonly sentPrefix: Uint32Array;
  readonly droppedPrefix: Uint32Array;
}

export function buildDensityIndex(model: TimelineModel, baseBuckets = 4096): DensityIndex {
  const lanes = model.lanes.length;
  const baseMs = Math.max(1e-9, model.endMs / baseBuckets);
  const stride = baseBuckets + 1;
  const sentPrefix = new Uint32Array(lanes * stride);
  const droppedPrefix = new Uint32Array(lanes * stride);
  for (const sp of model.spans) {
    const b = Math.min(baseBuckets - 1, Math.floor(sp.sendMs / baseMs));
    (sentPrefix[sp.fromLane * stride + b + 1] as number) += 1;
    if (sp.outcome === 'drop') (droppedPrefix[sp.fromLane * stride + b + 1] as number) += 1;
  }
  for (let l = 0; l < lanes; l++) {
    for (let b = 1; b <= baseBuckets; b++) {
      (sentPrefix[l * stride + b] as number) += sentPrefix[l * stride + b - 1] as number;
      (droppedPrefix[l * stride + b] as number) += droppedPrefix[l * stride + b - 1] as number;
    }
  }
  return { baseBuckets, baseMs, lanes, sentPrefix, droppedPrefix };
}

/** Per-lane send density for [t0, t1] in `buckets` screen buckets, from the prefix sums (base-bucket resolution). */
export function aggregateFromIndex(d: DensityIndex, t0: number, t1: number, buckets: number): DensityBuckets {
  const nb = Math.max(1, Math.floor(buckets));
  const bucketMs = Math.max(1e-9, (t1 - t0) / nb);
  const stride = d.baseBuckets + 1;
  const sent = new Uint32Array(d.lanes * nb);
  const dropped = new Uint32Array(d.lanes * nb);
  const edge = (ms: number): number => Math.max(0, Math.min(d.baseBuckets, Math.round(ms / d.baseMs)));
  let max = 0;
  for (let b = 0; b < nb; b++) {
    const a = edge(t0 + b * bucketMs);
    const z = edge(t0 + (b + 1) * bucketMs);
    if (z <= a) continue;
    for (let l = 0; l < d.lanes; l++) {
      const c = (d.sentPrefix[l * stride + z] as number) - (d.sentPrefix[l * stride + a] as number);
      sent[l * nb + b] = c;
      dropped[l * nb + b] = (d.droppedPrefix[l * stride + z] as number) - (d.droppedPrefix[l * stride + a] as number);
      if (c > max) max = c;
    }
  }
  return { t0, bucketMs, buckets: nb, sent, dropped, max };
}
