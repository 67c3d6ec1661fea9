/**
 * Messages between the stepper's host side and its simulation worker (dist/sim-worker.js). The
 * worker does everything that can take long on a large run — re-running a registry scenario for a
 * branch or to find a saved trace's anomalies, parsing a trace file, building the timeline model —
 * so the extension host's thread never waits on it. One request at a time; every reply carries the
 * spec and its model in one message, so the model's `events` stays the spec's array after cloning.
 */
import type { TimelineSpec } from '../views/timeline/timelineOutput';
import type { Fault } from '../sim/core/faults';
import type { TimelineModel } from '../views/timeline/timelineModel';

export type SimRequest =
  /** The run re-run with `fault` injected at `atMs` (branching.ts `branchSpec`). */
  | { kind: 'branch'; spec: TimelineSpec; atMs: number; fault: Fault }
  /** A saved `*.trace.json`'s text: imported (hash checked) and its anomalies found. */
  | { kind: 'openTrace'; text: string; title: string }
  /** A run already in hand (a notebook's timeline output): only its model is built. */
  | { kind: 'model'; spec: TimelineSpec };

export interface SimJob {
  id: number;
  request: SimRequest;
}

export type SimReply = { id: number; ok: true; spec: TimelineSpec; model: TimelineModel } | { id: number; ok: false; error: string };
