/**
 * Views of simulations for cells: quorum timelines of a scenario result or a saved trace.
 *
 *   sim.scenario('sloppy-quorum-stale-read', { seed: 7 })      // runs it; displays as a timeline
 *   sim.timeline(result, { title: 'my run' })                  // any ScenarioResult
 *   sim.timeline('runs/split-brain.trace.json')                // a saved trace (hash checked)
 *   sim.saveTrace(result, 'runs/split-brain.trace.json')       // for `DDIA Labs: Open Trace in Stepper…`
 *
 * The output is TIMELINE_MIME (extension/views/timeline/timelineOutput.ts) with a text fallback; the
 * renderer's "Open in stepper" opens it in the stepper panel.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TIMELINE_MIME, type TimelineSpec } from '../views/timeline/timelineOutput';
import type { HistoryEvent } from '../sim/core/history';
import { exportTrace, importTrace, type TraceFile } from '../sim/core/trace';
import { runScenario } from '../sim/scenarios/registry';
import { type ScenarioResult } from '../sim/scenarios/scenario';
import { describeTimeline, timelineSpecOf, timelineSpecOfTrace } from './timelineSpec';
import { DISPLAYABLE, type Displayable } from './outputs';

export interface TimelineOptions {
  readonly title?: string;
}

export interface TimelineView extends Displayable {
  readonly spec: TimelineSpec;
}

function view(spec: TimelineSpec, history: readonly HistoryEvent[]): TimelineView {
  return { spec, [DISPLAYABLE]: () => ({ items: [{ mime: TIMELINE_MIME, data: spec }], text: describeTimeline(spec, history) }) };
}

function isScenarioResult(x: unknown): x is ScenarioResult {
  if (typeof x !== 'object' || x === null || typeof (x as ScenarioResult).scenario !== 'string') return false;
  // A simulator result carries its recorded columns; reading `trace` would build an object per event.
  return (x as ScenarioResult).traceColumns != null || Array.isArray((x as ScenarioResult).trace);
}

function isTraceFile(x: unknown): x is TraceFile {
  return typeof x === 'object' && x !== null && (x as TraceFile).format === 'ddia-labs-trace';
}

/** A quorum timeline of a scenario result, a trace file object, or the path of a saved `*.trace.json`. */
export function timeline(source: ScenarioResult | TraceFile | string, opts: TimelineOptions = {}): TimelineView {
  if (typeof source === 'string') {
    const file = importTrace(fs.readFileSync(path.resolve(source), 'utf8'));
    return view(timelineSpecOfTrace(file, opts.title ?? path.basename(source)), file.history);
  }
  if (isTraceFile(source)) {
    const file = importTrace(JSON.stringify(source));
    return view(timelineSpecOfTrace(file, opts.title), file.history);
  }
  if (isScenarioResult(source)) return view(timelineSpecOf(source, opts.title), source.history);
  throw new TypeError('sim.timeline takes a scenario result, a trace file object, or the path of a *.trace.json file');
}

/** A scenario run that displays as its timeline (the result's fields are all there too). */
export type ScenarioRun = ScenarioResult & TimelineView;

/**
 * Run a named registry scenario (`ddia-labs sim --list` shows them) with a seed and options.
 * Same name, seed and options give the same trace hash.
 */
export function scenario(name: string, options: { seed?: number; title?: string } & Record<string, unknown> = {}): ScenarioRun {
  const { seed = 1, title, ...rest } = options;
  const result = runScenario(name, seed, rest);
  const spec = timelineSpecOf(result, title);
  // Copy the result's properties as they are (its trace and hash stay lazy: a spread would read
  // them and build an object per event), then add the view.
  const run = Object.defineProperties({}, Object.getOwnPropertyDescriptors(result)) as ScenarioResult;
  return Object.assign(run, view(spec, result.history));
}

/** Save a run as a trace file (TraceFile format), to replay or open in the stepper. Returns the absolute path. */
export function saveTrace(result: ScenarioResult, file: string): string {
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const { scenario: name, seed, options, trace: events, history } = result;
  fs.writeFileSync(abs, exportTrace({ scenario: name, seed, options, events, history }));
  return abs;
}
