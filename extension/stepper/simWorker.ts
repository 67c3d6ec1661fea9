/**
 * The stepper's simulation worker (bundled to dist/sim-worker.js): answers SimJobs with the same
 * pure functions the host used to call in-thread, so a branch's trace hash is identical.
 */
import { parentPort } from 'node:worker_threads';
import { importTrace } from '../sim/core/trace';
import { branchSpec } from './branching';
import { buildTimelineModel } from '../views/timeline/timelineModel';
import { fromBase64 } from '../views/timeline/encoding/base64';
import { decodeTimeline, timelineInput } from '../views/timeline/timelineRun';
import { encodeTimelineModel } from '../views/timeline/timelineWire';
import { timelineSpecOfTrace } from '../sdk/timelineSpec';
import type { TimelineSpec } from '../views/timeline/timelineOutput';
import type { SimJob, SimReply, SimRequest } from './simWorkerProtocol';

const port = parentPort;
if (!port) throw new Error('simWorker must run in a worker thread');

function specFor(r: SimRequest): TimelineSpec {
  switch (r.kind) {
    case 'branch':
      return branchSpec(r.spec, r.atMs, r.fault);
    case 'openTrace':
      return timelineSpecOfTrace(importTrace(r.text), r.title);
    case 'model':
      return r.spec;
  }
}

port.on('message', (job: SimJob) => {
  let reply: SimReply;
  try {
    const spec = specFor(job.request);
    const bytes = fromBase64(spec.trace);
    const model = buildTimelineModel(timelineInput(spec, decodeTimeline(spec, bytes)));
    reply = { id: job.id, ok: true, spec, model: encodeTimelineModel(model), bytes };
  } catch (err) {
    reply = { id: job.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  // The encoding's buffer moves to the host (no copy); the host decodes its own columns from it.
  port.postMessage(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
});
