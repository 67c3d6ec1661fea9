/**
 * Quorum-timeline outputs (notebook renderer `ddia-labs.timeline`, also what the stepper panel
 * loads). A timeline is a simulator trace plus what the checkers found in its history; `replay`
 * is what re-runs it exactly (same scenario, seed and options give the same trace hash). The
 * simulator owns the event, history and anomaly types; the view checks what it draws from.
 */
import type { Anomaly } from '../../sim/checkers/anomaly';
import type { HistoryEvent } from '../../sim/core/history';
import type { TraceEvent } from '../../sim/core/trace';
import { outputContract } from '../contract/outputContract';
import * as s from '../contract/shape';

export const TIMELINE_MIME = 'application/vnd.ddia-labs.timeline+json';

const traceEvent = s.typed<TraceEvent>(
  'a trace event {i, t, k, …}',
  {
    type: 'object',
    required: ['i', 't', 'k'],
    properties: { i: { type: 'integer' }, t: { type: 'number' }, k: { type: 'string' } },
    description: 'One simulator trace event (extension/sim/core/trace.ts); `i` is its index in the trace, `t` its time in ms.',
  },
  (e) =>
    s.isObject(e) && typeof e['i'] === 'number' && typeof e['t'] === 'number' && typeof e['k'] === 'string'
      ? undefined
      : 'is not a trace event {i, t, k}',
);

const historyEvent = s.typed<HistoryEvent>(
  'a history event',
  { type: 'object', required: ['client'], description: 'A client operation event (extension/sim/core/history.ts).' },
  (h) => (s.isObject(h) && typeof h['client'] === 'string' ? undefined : 'is not a history event with a client'),
);

const anomaly = s.typed<Anomaly>(
  'an anomaly',
  { type: 'object', description: 'What a checker found (extension/sim/checkers/anomaly.ts).' },
  (a) => (s.isObject(a) ? undefined : 'is not an anomaly object'),
);

const timelineFields = s.object(
  {
    version: s.literal(1),
    scenario: s.string(),
    seed: s.number(),
    options: s.unknownValue('The scenario options the run used.'),
    hash: s.string('traceHash(events), so a viewer can tell two runs apart at a glance.'),
    nodes: s.array(s.string(), { description: 'Node ids in lane order (clients get their own lanes after the nodes).' }),
    events: s.array(traceEvent),
    history: s.array(historyEvent),
    anomalies: s.array(anomaly),
  },
  { title: s.string() },
);

/** Events are numbered by their place in the trace: the model indexes them by `i`. */
const timelineShape = s.refine(timelineFields, (t) => {
  const bad = t.events.findIndex((e, i) => e.i !== i);
  return bad === -1 ? undefined : `event ${bad} is numbered ${t.events[bad]?.i}`;
});

export const timelineOutput = outputContract(
  {
    mime: TIMELINE_MIME,
    what: 'timeline',
    schemaName: 'timeline',
    version: 1,
    title: 'DDIA Labs quorum timeline (version 1)',
    description:
      'A replication-simulator run: its trace, the client history and what the checkers found, with the scenario, seed and options that replay it exactly.',
  },
  timelineShape,
);

export type TimelineSpec = s.Infer<typeof timelineShape>;
