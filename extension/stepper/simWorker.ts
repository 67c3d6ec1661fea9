/**
 * The stepper's simulation worker (bundled to dist/sim-worker.js): answers SimJobs with the same
 * pure functions the host used to call in-thread, so a branch's trace hash is identical.
 */
import { parentPort } from 'node:worker_threads';
import { importTrace } from '../sim/core/trace';
import { branchSpec } from './branching';
import { buildTimelineModel } from '../views/timeline/timelineModel';
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
    reply = { id: job.id, ok: true, spec, model: buildTimelineModel(spec) };
  } catch (err) {
    reply = { id: job.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
