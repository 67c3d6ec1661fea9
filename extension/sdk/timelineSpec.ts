/**
 * Building the timeline output (TimelineSpec) from a scenario result or a saved trace file. A
 * saved trace carries no checker output: if its scenario is in the registry it is re-run from its
 * seed and options (which must reproduce its hash, the determinism check) and that run's anomalies
 * are used; otherwise the history is checked for stale reads, the register checker that applies
 * to any read/write history.
 */
import type { TimelineSpec } from '../views/timeline/timelineOutput';
import { toBase64 } from '../views/timeline/encoding/base64';
import { encodeColumns, encodeRun } from '../views/timeline/encoding/traceCodec';
import { K_START, type TraceColumns } from '../sim/core/traceColumns';
import type { HistoryEvent } from '../sim/core/history';
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

/** The server nodes of recorded columns: the endpoints the leading start events name. */
export function nodesOfColumns(c: TraceColumns): string[] {
  const out: string[] = [];
  for (let i = 0; i < c.length && c.kind[i] === K_START; i++) out.push(c.endpoints[c.a[i] as number] as string);
  return out;
}

/**
 * The timeline output of a scenario result. A simulator result's recorded columns are encoded
 * directly (no object per event); a result without them (a copy, a hand-made one) is encoded from
 * its trace objects.
 */
export function timelineSpecOf(r: ScenarioResult, title?: string): TimelineSpec {
  const columns = r.traceColumns ?? null;
  let nodes: string[];
  let bytes: Uint8Array;
  let eventCount: number;
  if (columns !== null && columns.length === r.eventCount) {
    nodes = nodesOfColumns(columns);
    // The start events name the nodes first, so they are the first endpoints.
    if (nodes.some((id, i) => columns.endpoints[i] !== id)) throw new Error('the recorded trace does not start with its nodes');
    bytes = encodeColumns(columns, nodes.length, r.history);
    eventCount = columns.length;
  } else {
    nodes = nodesOf(r.trace);
    bytes = encodeRun({ nodes, events: r.trace, history: r.history });
    eventCount = r.trace.length;
  }
  return specFrom(r, title, nodes, bytes, eventCount, r.anomalies);
}

function specFrom(
  run: { scenario: string; seed: number; options: unknown; hash: string },
  title: string | undefined,
  nodes: string[],
  bytes: Uint8Array,
  eventCount: number,
  anomalies: Anomaly[],
): TimelineSpec {
  return {
    version: 2,
    ...(title !== undefined ? { title } : {}),
    scenario: run.scenario,
    seed: run.seed,
    options: run.options,
    hash: run.hash,
    nodes,
    eventCount,
    trace: toBase64(bytes),
    anomalies,
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
  const nodes = nodesOf(file.events);
  const bytes = encodeRun({ nodes, events: file.events, history: file.history });
  return specFrom(file, title, nodes, bytes, file.events.length, anomalies);
}

/** The plain-text fallback of a timeline output (`history`: the run's, which the spec holds encoded). */
export function describeTimeline(spec: TimelineSpec, history: readonly HistoryEvent[]): string {
  const ops = history.filter((h) => h.type === 'invoke').length;
  const head = `Quorum timeline${spec.title ? `: ${spec.title}` : ''} — ${spec.scenario}, seed ${spec.seed} (hash ${spec.hash.slice(0, 12)})`;
  const body = `${spec.eventCount} events, ${ops} operations, nodes ${spec.nodes.join(', ')}`;
  const anomalies =
    spec.anomalies.length === 0
      ? 'no anomalies found'
      : spec.anomalies
          .slice(0, 10)
          .map((a) => `  ${a.kind} at ${a.atMs.toFixed(1)} ms: ${a.message}`)
          .join('\n');
  return `${head}\n${body}\n${spec.anomalies.length > 0 ? `${spec.anomalies.length} anomalies:\n` : ''}${anomalies}`;
}
