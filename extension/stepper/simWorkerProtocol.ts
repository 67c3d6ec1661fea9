/**
 * Messages between the stepper's host side and its simulation worker (dist/sim-worker.js). The
 * worker does everything that can take long on a large run — re-running a registry scenario for a
 * branch or to find a saved trace's anomalies, parsing a trace file, building the timeline model —
 * so the extension host's thread never waits on it. One request at a time; every reply carries the
 * spec, the model's wire form (no trace) and the run's encoding as transferred bytes, from which
 * the host decodes the trace columns the model reads.
 */
import type { TimelineSpec } from '../views/timeline/timelineOutput';
import type { Fault } from '../sim/core/faults';
import type { TimelineModelWire } from '../views/timeline/timelineWire';

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

export type SimReply =
  | { id: number; ok: true; spec: TimelineSpec; model: TimelineModelWire; /** The decoded spec.trace, transferred. */ bytes: Uint8Array }
  | { id: number; ok: false; error: string };
