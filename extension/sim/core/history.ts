/**
 * Operation histories in Jepsen's sense. Every client operation produces an `invoke` event and,
 * later, exactly one completion: `ok` (it happened), `fail` (it definitely did not happen) or
 * `info` (unknown: it timed out and may or may not take effect, at any time after invocation).
 * After an `info` the client continues as a fresh process, as Jepsen does, so each process has
 * at most one operation open.
 *
 * Wire format (JSON): an array of HistoryEvent objects in the order they happened.
 * `value` is the operation's input on invoke and its result on completion (for a write the
 * written value is echoed; a read's ok carries what it read; null for a missing key).
 */
import { type NodeId, type SourceLoc } from './node';

export type HistoryType = 'invoke' | 'ok' | 'fail' | 'info';

export interface HistoryEvent {
  type: HistoryType;
  /** Operation id, shared by an invocation and its completion. */
  opId: number;
  process: number;
  client: string;
  f: string;
  key?: string;
  value?: unknown;
  timeMs: number;
  /** The node the client sent the operation to. */
  node?: NodeId;
  error?: string;
  loc?: SourceLoc;
}

/** An invocation paired with its completion (undefined while it is still open). */
export interface HistoryOp {
  opId: number;
  process: number;
  client: string;
  f: string;
  key?: string;
  input: unknown;
  output: unknown;
  status: 'ok' | 'fail' | 'info' | 'open';
  invokeMs: number;
  /** Completion time; Infinity for info and open operations (they may take effect any time later). */
  completeMs: number;
  node?: NodeId;
  loc?: SourceLoc;
}

/** Pair invocations with completions by opId, in invocation order. */
export function pairHistory(events: readonly HistoryEvent[]): HistoryOp[] {
  const ops = new Map<number, HistoryOp>();
  for (const e of events) {
    if (e.type === 'invoke') {
      const op: HistoryOp = {
        opId: e.opId,
        process: e.process,
        client: e.client,
        f: e.f,
        input: e.value ?? null,
        output: undefined,
        status: 'open',
        invokeMs: e.timeMs,
        completeMs: Infinity,
      };
      if (e.key !== undefined) op.key = e.key;
      if (e.node !== undefined) op.node = e.node;
      if (e.loc !== undefined) op.loc = e.loc;
      ops.set(e.opId, op);
      continue;
    }
    const op = ops.get(e.opId);
    if (op === undefined || op.status !== 'open') throw new Error(`history: ${e.type} for op ${e.opId} without an open invocation`);
    op.status = e.type;
    op.output = e.value ?? null;
    if (e.type !== 'info') op.completeMs = e.timeMs;
  }
  return [...ops.values()];
}
