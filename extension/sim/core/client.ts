/**
 * Simulated clients. A client runs its operations one at a time (so each history process has at
 * most one open operation, as in Jepsen): it sends a `client-req` to a node, and records `ok` or
 * `fail` from the node's `client-resp`, or `info` when its timeout passes first. After an `info`
 * it continues under a fresh process number. Replies that arrive after a timeout are ignored.
 */
import { type NodeId, type SourceLoc } from './node';

export interface ClientOp {
  f: string;
  key?: string;
  value?: unknown;
  /** The node to send this operation to; default: the client's current target. */
  target?: NodeId;
  /** Earliest virtual time to invoke it (otherwise right after the previous one plus think time). */
  atMs?: number;
  /** Where this operation was written in the user's code. */
  loc?: SourceLoc;
}

export interface ClientSpec {
  id: string;
  /** The node operations go to unless an op names one or a node redirects the client. */
  target: NodeId;
  ops: ClientOp[];
  timeoutMs: number;
  thinkMs?: number;
  startMs?: number;
}

export interface ClientState {
  spec: ClientSpec;
  process: number;
  next: number;
  target: NodeId;
  openOpId: number;
}

export function nextIssueTime(c: ClientState, nowMs: number, first: boolean): number | undefined {
  const op = c.spec.ops[c.next];
  if (op === undefined) return undefined;
  const earliest = first ? (c.spec.startMs ?? 0) : nowMs + (c.spec.thinkMs ?? 0);
  return Math.max(earliest, op.atMs ?? 0);
}
