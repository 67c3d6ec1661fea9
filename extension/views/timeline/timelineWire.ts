/**
 * A built timeline model as it crosses to the stepper's webview: the simulation worker builds
 * the model once per run, and the webview takes it as built instead of rebuilding it from the
 * spec. VS Code posts webview messages as JSON, so the model's maps and typed arrays travel as
 * plain lists and are re-indexed on arrival (O(n), no re-derivation of spans, quorums or
 * anomalies); the events are not repeated, they come with the spec the same message carries.
 */
import type { TraceEvent } from '../../sim/core/trace';
import type { AnomalyMark, Lane, MessageSpan, OpSpan, TimelineModel } from './timelineModel';

export interface TimelineModelWire {
  readonly lanes: readonly Lane[];
  readonly endMs: number;
  readonly spans: readonly MessageSpan[];
  readonly maxSpanMs: number;
  readonly ops: readonly OpSpan[];
  readonly maxOpMs: number;
  readonly rootOp: readonly number[];
  readonly spanAt: readonly number[];
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
    rootOp: Array.from(m.rootOp),
    spanAt: Array.from(m.spanAt),
    anomalies: m.anomalies,
  };
}

/** The model back from its wire form and the run's events; a wire form that does not fit them is refused. */
export function decodeTimelineModel(w: TimelineModelWire, events: readonly TraceEvent[]): TimelineModel {
  if (w.rootOp.length !== events.length || w.spanAt.length !== events.length)
    throw new Error(`the timeline model covers ${w.rootOp.length} events but the run has ${events.length}`);
  return {
    lanes: w.lanes,
    laneOf: new Map(w.lanes.map((l, i) => [l.id, i])),
    events,
    endMs: w.endMs,
    spans: w.spans,
    maxSpanMs: w.maxSpanMs,
    ops: w.ops,
    maxOpMs: w.maxOpMs,
    opById: new Map(w.ops.map((op) => [op.opId, op])),
    rootOp: Int32Array.from(w.rootOp),
    spanAt: Int32Array.from(w.spanAt),
    anomalies: w.anomalies,
  };
}
