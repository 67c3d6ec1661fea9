/** Runs of every registry scenario turned into timeline models, shared by the timeline tests. */
import { runScenario, SCENARIOS } from '../../../../extension/sim/scenarios/registry';
import { type ScenarioResult } from '../../../../extension/sim/scenarios/scenario';
import { buildTimelineModel, type TimelineModel } from '../../../../extension/views/timeline/timelineModel';

export function startNodes(r: ScenarioResult): string[] {
  return r.trace.flatMap((e) => (e.k === 'start' ? [e.node] : []));
}

export function modelOf(r: ScenarioResult): TimelineModel {
  return buildTimelineModel({ nodes: startNodes(r), events: r.trace, history: r.history, anomalies: r.anomalies });
}

const cache = new Map<string, { result: ScenarioResult; model: TimelineModel }>();

export function scenarioModel(
  name: string,
  seed = 1,
  options: Record<string, unknown> = {},
): { result: ScenarioResult; model: TimelineModel } {
  const key = `${name}/${seed}/${JSON.stringify(options)}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    const result = runScenario(name, seed, options);
    hit = { result, model: modelOf(result) };
    cache.set(key, hit);
  }
  return hit;
}

export const SCENARIO_NAMES = SCENARIOS.map((s) => s.name);
