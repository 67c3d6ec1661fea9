/**
 * Building the timeline output (TimelineSpec) from a scenario result or a saved trace file. A
 * saved trace carries no checker output: if its scenario is in the registry it is re-run from its
 * seed and options (which must reproduce its hash, the determinism check) and that run's anomalies
 * are used; otherwise the history is checked for stale reads, the register checker that applies
 * to any read/write history.
 */
import type { TimelineSpec } from '../views/timeline/timelineOutput';
import { type Anomaly } from '../sim/checkers/anomaly';
import { checkStaleReads } from '../sim/checkers/staleReads';
import { type TraceEvent, type TraceFile } from '../sim/core/trace';
import { findScenario } from '../sim/scenarios/registry';
import { type ScenarioResult } from '../sim/scenarios/scenario';

export function nodesOf(events: readonly TraceEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.k === 'start') out.push(e.node);
    else break;
  }
  return out;
}

export function timelineSpecOf(r: ScenarioResult, title?: string): TimelineSpec {
  return {
    version: 1,
    ...(title !== undefined ? { title } : {}),
    scenario: r.scenario,
    seed: r.seed,
    options: r.options,
    hash: r.hash,
    nodes: nodesOf(r.trace),
    events: r.trace,
    history: r.history,
    anomalies: r.anomalies,
  };
}

export interface TraceAnomalies {
  anomalies: Anomaly[];
  /** How they were found, for the view to say. */
  source: 'registry re-run' | 'stale-read checker';
}

export function anomaliesForTrace(file: TraceFile): TraceAnomalies {
  const scenario = findScenario(file.scenario);
  if (scenario !== undefined) {
    const rerun = scenario.run(file.seed, (file.options ?? {}) as object);
    if (rerun.hash !== file.hash) {
      throw new Error(
        `re-running ${file.scenario} with seed ${file.seed} gives hash ${rerun.hash}, not the file's ${file.hash}: the trace was made by a different version of the scenario`,
      );
    }
    return { anomalies: rerun.anomalies, source: 'registry re-run' };
  }
  return { anomalies: checkStaleReads(file.history), source: 'stale-read checker' };
}

export function timelineSpecOfTrace(file: TraceFile, title?: string): TimelineSpec {
  const { anomalies } = anomaliesForTrace(file);
  return {
    version: 1,
    ...(title !== undefined ? { title } : {}),
    scenario: file.scenario,
    seed: file.seed,
    options: file.options,
    hash: file.hash,
    nodes: nodesOf(file.events),
    events: file.events,
    history: file.history,
    anomalies,
  };
}

/** The plain-text fallback of a timeline output. */
export function describeTimeline(spec: TimelineSpec): string {
  const ops = spec.history.filter((h) => h.type === 'invoke').length;
  const head = `Quorum timeline${spec.title ? `: ${spec.title}` : ''} — ${spec.scenario}, seed ${spec.seed} (hash ${spec.hash.slice(0, 12)})`;
  const body = `${spec.events.length} events, ${ops} operations, nodes ${spec.nodes.join(', ')}`;
  const anomalies =
    spec.anomalies.length === 0
      ? 'no anomalies found'
      : spec.anomalies
          .slice(0, 10)
          .map((a) => `  ${a.kind} at ${a.atMs.toFixed(1)} ms: ${a.message}`)
          .join('\n');
  return `${head}\n${body}\n${spec.anomalies.length > 0 ? `${spec.anomalies.length} anomalies:\n` : ''}${anomalies}`;
}
