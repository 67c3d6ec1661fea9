/**
 * Named scenarios: each is a pure function of (seed, options) to a run result with its trace,
 * history and the anomalies the checkers found. This is what `ddia-labs sim <scenario>` and the
 * labs call; the same seed and options always give the same trace hash.
 */
import { type ScheduledFault } from '../core/faults';
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

/**
 * Faults added to a scenario's own schedule, passed in its options as `injectFaults` (so they are
 * part of the options a run logs and replays). The stepper branches a run this way: the same
 * scenario and seed with one more scheduled fault.
 */
export function injectedFaults(options: object): ScheduledFault[] {
  const raw = (options as { injectFaults?: unknown }).injectFaults;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new TypeError('injectFaults must be an array of { atMs, fault }');
  return raw.map((f: unknown, i) => {
    const sf = f as Partial<ScheduledFault> | null;
    if (typeof sf !== 'object' || sf === null || typeof sf.atMs !== 'number' || !(sf.atMs >= 0) || typeof sf.fault?.kind !== 'string') {
      throw new TypeError(`injectFaults[${i}] must be { atMs: number ≥ 0, fault: { kind, … } }`);
    }
    return { atMs: sf.atMs, fault: sf.fault };
  });
}
