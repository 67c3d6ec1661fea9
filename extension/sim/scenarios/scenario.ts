/**
 * Named scenarios: each is a pure function of (seed, options) to a run result with its trace,
 * history and the anomalies the checkers found. This is what `ddia-labs sim <scenario>` and the
 * labs call; the same seed and options always give the same trace hash.
 */
import { type HistoryEvent } from '../core/history';
import { type TraceEvent } from '../core/trace';
import { type Anomaly } from '../checkers/anomaly';

export interface ScenarioResult {
  scenario: string;
  seed: number;
  /** The options after defaults were applied (log these to reproduce a run). */
  options: Record<string, unknown>;
  hash: string;
  eventCount: number;
  endMs: number;
  trace: TraceEvent[];
  history: HistoryEvent[];
  anomalies: Anomaly[];
  /** Scenario-specific facts worth printing (e.g. which writes last-write-wins discarded). */
  summary: Record<string, unknown>;
  nodeStates: Record<string, unknown>;
}

export interface Scenario<O extends object = Record<string, unknown>> {
  name: string;
  description: string;
  defaults: O;
  run(seed: number, options?: Partial<O>): ScenarioResult;
}
