/** Turning a simulator result plus checker output into a ScenarioResult. */
import { type SimResult } from '../core/simulator';
import { type Anomaly } from '../checkers/anomaly';
import { type ScenarioResult } from './scenario';

/**
 * `trace` and `hash` stay the simulator result's lazy properties (read through), and its
 * `traceColumns` comes along non-enumerable: a caller that only encodes the run (a timeline
 * output) never builds an object per event.
 */
export function scenarioResult<D>(
  scenario: string,
  options: object,
  r: SimResult<D>,
  anomalies: Anomaly[],
  summary: Record<string, unknown> = {},
): ScenarioResult {
  const out = {
    scenario,
    seed: r.seed,
    options: { ...options },
  } as ScenarioResult;
  Object.defineProperties(out, {
    hash: { enumerable: true, configurable: true, get: () => r.hash, set: (v: string) => void (r.hash = v) },
    eventCount: { enumerable: true, configurable: true, writable: true, value: r.eventCount },
    endMs: { enumerable: true, configurable: true, writable: true, value: r.endMs },
    trace: { enumerable: true, configurable: true, get: () => r.trace, set: (v: SimResult<D>['trace']) => void (r.trace = v) },
    history: { enumerable: true, configurable: true, writable: true, value: r.history },
    anomalies: { enumerable: true, configurable: true, writable: true, value: anomalies },
    summary: { enumerable: true, configurable: true, writable: true, value: summary },
    nodeStates: { enumerable: true, configurable: true, writable: true, value: r.nodeStates },
    traceColumns: { enumerable: false, value: r.traceColumns },
  });
  return out;
}
