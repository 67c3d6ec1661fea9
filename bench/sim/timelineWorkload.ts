/**
 * A ≥100k-event timeline for the browser test and `npm run bench:timeline`: the registry scenario
 * quorum-no-stale-reads with 18 clients × 1000 operations, w = r = 1 (so reads can be stale and
 * the checker flags some) and the nemesis on (crashes, pauses, partitions to shade). It is a
 * registry scenario, so the stepper can branch it like any notebook run.
 *
 * Also the "before" sizes: the same run as the version-1 output (an object per event and per
 * history record in JSON) and as the old stepper load message (that spec plus the worker's
 * model with two numbers per event and an object per message).
 */
import { timelineSpecOf } from '../../extension/sdk/timelineSpec';
import { runScenario } from '../../extension/sim/scenarios/registry';
import type { ScenarioResult } from '../../extension/sim/scenarios/scenario';
import type { StepperToWebview } from '../../extension/views/stepper/stepperMessages';
import type { TimelineSpec, TimelineSpecV1 } from '../../extension/views/timeline/timelineOutput';
import { timelineModelOf } from '../../extension/views/timeline/timelineRun';
import { encodeTimelineModel } from '../../extension/views/timeline/timelineWire';

export const TIMELINE_SEED = 1;
export const TIMELINE_OPTIONS = { n: 3, w: 1, r: 1, clients: 18, opsPerClient: 1000, faults: true };

export interface BigTimeline {
  result: ScenarioResult;
  spec: TimelineSpec;
  /** The stepper's load message as JSON text (what crosses to the webview). */
  loadJson: string;
  simulateMs: number;
  specMs: number;
}

export function bigTimeline(): BigTimeline {
  let t = performance.now();
  const result = runScenario('quorum-no-stale-reads', TIMELINE_SEED, TIMELINE_OPTIONS);
  const simulateMs = performance.now() - t;
  t = performance.now();
  const spec = timelineSpecOf(result, 'quorum-no-stale-reads, 100k events');
  const specMs = performance.now() - t;
  const load: StepperToWebview = {
    type: 'load',
    spec,
    branches: [{ id: 'b0', label: 'original', hash: spec.hash, anomalies: spec.anomalies.length }],
    activeBranch: 'b0',
    cursor: 0,
  };
  return { result, spec, loadJson: JSON.stringify(load), simulateMs, specMs };
}

/** Bytes of the same run in the version-1 formats (reads `result.trace`: builds the event objects). */
export function beforeSizes(b: BigTimeline): { outputBytes: number; loadBytes: number } {
  const { result, spec } = b;
  const v1: TimelineSpecV1 = {
    version: 1,
    ...(spec.title !== undefined ? { title: spec.title } : {}),
    scenario: spec.scenario,
    seed: spec.seed,
    options: spec.options,
    hash: spec.hash,
    nodes: spec.nodes,
    events: result.trace,
    history: result.history,
    anomalies: spec.anomalies,
  };
  const outputJson = JSON.stringify(v1);
  const wire = encodeTimelineModel(timelineModelOf(spec));
  // The old message carried rootOp and spanAt as plain arrays (Array.from), the rest as is.
  const oldModel = { ...wire, rootOp: Array.from(wire.rootOp), spanAt: Array.from(wire.spanAt) };
  const loadJson = JSON.stringify({ ...(JSON.parse(b.loadJson) as object), spec: v1, model: oldModel });
  return { outputBytes: Buffer.byteLength(outputJson), loadBytes: Buffer.byteLength(loadJson) };
}
