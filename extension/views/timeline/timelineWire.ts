/**
 * A built timeline model as it crosses from the stepper's simulation worker to the extension host:
 * the worker builds the model once per run and the host takes it as built (structured clone; the
 * maps are re-indexed on arrival, O(n), no re-derivation of spans, quorums or anomalies). The
 * trace is not in it: it comes as the run's encoding in the same reply and is decoded to columns.
 * The webview does not get this form (its spans alone would cost more per event than the whole
 * encoding): it builds its model from the encoding it is sent.
 */
import type { TraceColumns } from '../../sim/core/traceColumns';
import type { AnomalyMark, Lane, MessageSpan, OpSpan, TimelineModel } from './timelineModel';

export interface TimelineModelWire {
  readonly lanes: readonly Lane[];
  readonly endMs: number;
  readonly spans: readonly MessageSpan[];
  readonly maxSpanMs: number;
  readonly ops: readonly OpSpan[];
  readonly maxOpMs: number;
  readonly rootOp: Int32Array;
  readonly spanAt: Int32Array;
  readonly anomalies: readonly AnomalyMark[];
}

export function encodeTimelineModel(m: TimelineModel): TimelineModelWire {
  return {
    lanes: m.lanes,
    endMs: m.endMs,
    spans: m.spans,
    maxSpanMs: m.maxSpanMs,
    ops: m.ops,
    maxOpMs: m.maxOpMs,
    rootOp: m.rootOp,
    spanAt: m.spanAt,
    anomalies: m.anomalies,
  };
}

/** The model back from its wire form and the run's trace; a wire form that does not fit it is refused. */
export function decodeTimelineModel(w: TimelineModelWire, trace: TraceColumns): TimelineModel {
  if (w.rootOp.length !== trace.length || w.spanAt.length !== trace.length)
    throw new Error(`the timeline model covers ${w.rootOp.length} events but the run has ${trace.length}`);
  return {
    lanes: w.lanes,
    laneOf: new Map(w.lanes.map((l, i) => [l.id, i])),
    trace,
    endMs: w.endMs,
    spans: w.spans,
    maxSpanMs: w.maxSpanMs,
    ops: w.ops,
    maxOpMs: w.maxOpMs,
    opById: new Map(w.ops.map((op) => [op.opId, op])),
    rootOp: w.rootOp,
    spanAt: w.spanAt,
    anomalies: w.anomalies,
  };
}
