/**
 * Quorum-timeline outputs (notebook renderer `ddia-labs.timeline`, also what the stepper panel
 * loads). A timeline is a simulator trace plus what the checkers found in its history; `replay`
 * is what re-runs it exactly (same scenario, seed and options give the same trace hash).
 */
import type { Anomaly } from '../sim/checkers/anomaly';
import type { HistoryEvent } from '../sim/core/history';
import type { TraceEvent } from '../sim/core/trace';

export const TIMELINE_MIME = 'application/vnd.ddia-labs.timeline+json';

export interface TimelineSpec {
  readonly version: 1;
  readonly title?: string;
  readonly scenario: string;
  readonly seed: number;
  readonly options: unknown;
  /** traceHash(events), so a viewer can tell two runs apart at a glance. */
  readonly hash: string;
  /** Node ids in lane order (clients get their own lanes after the nodes). */
  readonly nodes: readonly string[];
  readonly events: readonly TraceEvent[];
  readonly history: readonly HistoryEvent[];
  readonly anomalies: readonly Anomaly[];
}
