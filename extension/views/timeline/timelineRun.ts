/**
 * From a timeline output to what views draw: the spec checked (version 2, or version 1 converted
 * to it), and its encoded trace decoded to columns with the history. Pure and browser-safe: the
 * notebook renderer, the stepper's webview and host, and the tests read outputs through it.
 */
import type { HistoryEvent } from '../../sim/core/history';
import type { TraceColumns } from '../../sim/core/traceColumns';
import type { Checked } from '../contract/outputContract';
import { isObject } from '../contract/shape';
import { fromBase64, toBase64 } from './encoding/base64';
import { decodeColumns, encodeRun } from './encoding/traceCodec';
import { timelineOutput, timelineOutputV1, type TimelineSpec, type TimelineSpecV1 } from './timelineOutput';
import { buildTimelineModel, type TimelineInput, type TimelineModel } from './timelineModel';

/** A checked timeline output in the current version; a version-1 output is converted (its trace encoded). */
export function readTimelineOutput(value: unknown): Checked<TimelineSpec> {
  if (isObject(value) && value['version'] === 1) {
    const old = timelineOutputV1.check(value);
    if (!old.ok) return old;
    try {
      return { ok: true, value: upgradeTimelineSpec(old.value) };
    } catch (err) {
      return { ok: false, problem: `the version-1 timeline cannot be converted: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  return timelineOutput.check(value);
}

export function upgradeTimelineSpec(v1: TimelineSpecV1): TimelineSpec {
  const bytes = encodeRun({ nodes: v1.nodes, events: v1.events, history: v1.history });
  return {
    version: 2,
    ...(v1.title !== undefined ? { title: v1.title } : {}),
    scenario: v1.scenario,
    seed: v1.seed,
    options: v1.options,
    hash: v1.hash,
    nodes: v1.nodes,
    eventCount: v1.events.length,
    trace: toBase64(bytes),
    anomalies: v1.anomalies,
  };
}

export interface DecodedTimeline {
  readonly columns: TraceColumns;
  readonly history: HistoryEvent[];
}

/** The spec's trace as columns (no object per event). Throws TraceDecodeError on a corrupt encoding. */
export function decodeTimeline(spec: TimelineSpec, bytes: Uint8Array = fromBase64(spec.trace)): DecodedTimeline {
  const { columns, history } = decodeColumns(bytes);
  if (columns.length !== spec.eventCount)
    throw new Error(`the timeline says it has ${spec.eventCount} events but its trace holds ${columns.length}`);
  return { columns, history };
}

/** What buildTimelineModel takes, from a spec and its decoded trace. */
export function timelineInput(spec: TimelineSpec, d: DecodedTimeline): TimelineInput {
  return { nodes: spec.nodes, columns: d.columns, history: d.history, anomalies: spec.anomalies };
}

/** The model of a timeline output: decode, then build from the columns. */
export function timelineModelOf(spec: TimelineSpec): TimelineModel {
  return buildTimelineModel(timelineInput(spec, decodeTimeline(spec)));
}
