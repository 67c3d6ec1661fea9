/**
 * Quorum-timeline outputs (notebook renderer `ddia-labs.timeline`, also what the stepper panel
 * loads). A timeline is a simulator trace plus what the checkers found in its history; scenario,
 * seed and options re-run it exactly (same trace hash). The simulator owns the event, history and
 * anomaly types; the view checks what it draws from.
 *
 * Version 2 carries the trace and history as the compact run encoding (encoding/traceCodec.ts,
 * base64): ~15 bytes per event instead of ~150 as an object per event in JSON, so a 100k-event
 * run is a 1.5 MB output, not 15 MB. Version 1 (events and history as JSON objects) is still read
 * (`timelineOutputV1`): notebooks saved with it keep their outputs, and accepting it costs a
 * conversion to columns on open, nothing more. New outputs are always version 2.
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

const timelineV1Fields = s.object(
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
const timelineV1Shape = s.refine(timelineV1Fields, (t) => {
  const bad = t.events.findIndex((e, i) => e.i !== i);
  return bad === -1 ? undefined : `event ${bad} is numbered ${t.events[bad]?.i}`;
});

/** Base64 alphabet only (the decoder reports anything deeper, such as a bad CRC, when it decodes). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const timelineShape = s.object(
  {
    version: s.literal(2),
    scenario: s.string(),
    seed: s.number(),
    options: s.unknownValue('The scenario options the run used.'),
    hash: s.string('traceHash of the trace, so a viewer can tell two runs apart at a glance.'),
    nodes: s.array(s.string(), { description: 'Node ids in lane order (clients get their own lanes after the nodes).' }),
    eventCount: s.number({ integer: true, min: 0, description: 'How many events the encoded trace holds (checked when it is decoded).' }),
    trace: s.typed<string>(
      'the base64 of a run encoding',
      {
        type: 'string',
        contentEncoding: 'base64',
        description: 'The trace events and the client history in the compact run encoding (docs/trace-encoding.md, magic "DDTE"), base64.',
      },
      (v) => (typeof v === 'string' && v.length % 4 === 0 && BASE64.test(v) ? undefined : 'is not base64 text'),
    ),
    anomalies: s.array(anomaly),
  },
  { title: s.string() },
);

export const timelineOutput = outputContract(
  {
    mime: TIMELINE_MIME,
    what: 'timeline',
    schemaName: 'timeline',
    version: 2,
    title: 'DDIA Labs quorum timeline (version 2)',
    description:
      'A replication-simulator run: its trace and client history (compact run encoding, base64) and what the checkers found, with the scenario, seed and options that replay it exactly.',
  },
  timelineShape,
);

/** The version-1 form (an object per event), read so notebooks saved with it still open; never written. */
export const timelineOutputV1 = outputContract(
  {
    mime: TIMELINE_MIME,
    what: 'timeline',
    schemaName: 'timeline-v1',
    version: 1,
    title: 'DDIA Labs quorum timeline (version 1)',
    description: 'A replication-simulator run with its trace and history as JSON objects (superseded by version 2).',
  },
  timelineV1Shape,
);

export type TimelineSpec = s.Infer<typeof timelineShape>;
export type TimelineSpecV1 = s.Infer<typeof timelineV1Shape>;
