/**
 * The node API. A node program is a set of pure handlers over a context the simulator provides:
 * the framework owns the network, timers and clocks, so the same node code runs under random
 * runs, scripted scenarios and (later) exhaustive search.
 *
 * Durable vs volatile state: `ctx.durable` is an object the simulator keeps across crashes (think
 * of it as fsynced on every mutation). Everything else a program keeps lives in the handler
 * object returned by `create`, which a crash throws away; on restart `create` runs again and
 * `onRecover` is called instead of `onStart`.
 */
import { type Random } from '../../util/prng';

export type NodeId = string;

/** Where an operation was issued in the user's code, for editor sync in the stepper. */
export interface SourceLoc {
  file: string;
  line: number;
}

export interface NodeContext<D> {
  readonly id: NodeId;
  /** Every server node in the cluster, including this one, in a fixed order. */
  readonly cluster: readonly NodeId[];
  /** State that survives a crash. Mutate it in place. */
  readonly durable: D;
  /** This node's own random stream (stable across unrelated changes to the run). */
  readonly random: Random;
  /** The node's local clock in ms: virtual time through this node's offset and drift. */
  now(): number;
  /** Send a message (plain JSON data, treated as immutable after sending). */
  send(to: NodeId, msg: unknown): void;
  /** Arm (or re-arm) the timer `name` to fire after `delayMs` of local-clock time. */
  setTimer(name: string, delayMs: number): void;
  cancelTimer(name: string): void;
  /** Add an annotation to the trace (e.g. "dropped write w7 by last-write-wins"). */
  note(label: string, data?: unknown): void;
}

export interface NodeHandlers {
  /** First boot. */
  onStart?(): void;
  /** Boot after a crash; volatile state has been lost. */
  onRecover?(): void;
  onMessage(msg: unknown, from: NodeId): void;
  onTimer?(name: string): void;
  /** A JSON snapshot of the node's state for views and the run result. */
  inspect?(): unknown;
}

export interface NodeProgram<D> {
  initDurable(id: NodeId, cluster: readonly NodeId[]): D;
  create(ctx: NodeContext<D>): NodeHandlers;
}

/** The message a client sends to a node. */
export interface ClientRequest {
  type: 'client-req';
  opId: number;
  f: string;
  key?: string;
  value?: unknown;
}

/** The message a node answers a client with. `ok: false` is a definite failure. */
export interface ClientResponse {
  type: 'client-resp';
  opId: number;
  ok: boolean;
  value?: unknown;
  error?: string;
  /** With ok: false, the operation may still take effect (the client records `info`, not `fail`). */
  unknown?: boolean;
  /** Suggests where the client should send its next operations (e.g. the current leader). */
  redirect?: NodeId;
}

export function isClientRequest(msg: unknown): msg is ClientRequest {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'client-req';
}
