/** Turning a simulator result plus checker output into a ScenarioResult. */
import { type SimResult } from '../core/simulator';
import { type Anomaly } from '../checkers/anomaly';
import { type ScenarioResult } from './scenario';

export function scenarioResult<D>(
  scenario: string,
  options: object,
  r: SimResult<D>,
  anomalies: Anomaly[],
  summary: Record<string, unknown> = {},
): ScenarioResult {
  return {
    scenario,
    seed: r.seed,
    options: { ...options },
    hash: r.hash,
    eventCount: r.eventCount,
    endMs: r.endMs,
    trace: r.trace,
    history: r.history,
    anomalies,
    summary,
    nodeStates: r.nodeStates,
  };
}
