/**
 * Pieces shared by the replication protocols: replying to clients, timestamped versions with a
 * total order (last-write-wins), and a key's place on a consistent-hashing ring.
 */
import { type ClientResponse, type NodeContext, type NodeId } from '../core/node';
import { fnv1a32 } from '../core/streams';

export function replyOk(ctx: NodeContext<unknown>, client: NodeId, opId: number, value?: unknown): void {
  const r: ClientResponse = { type: 'client-resp', opId, ok: true };
  if (value !== undefined) r.value = value;
  ctx.send(client, r);
}

export function replyError(
  ctx: NodeContext<unknown>,
  client: NodeId,
  opId: number,
  error: string,
  extra: { unknown?: boolean; redirect?: NodeId } = {},
): void {
  const r: ClientResponse = { type: 'client-resp', opId, ok: false, error, ...extra };
  ctx.send(client, r);
}

/** A value stamped by the node that accepted the write, ordered by (ts, node). */
export interface Versioned {
  value: unknown;
  ts: number;
  node: NodeId;
}

/** Positive when a is newer than b. */
export function compareVersions(a: Versioned, b: Versioned): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

export function newer(a: Versioned | undefined, b: Versioned | undefined): boolean {
  if (a === undefined) return false;
  return b === undefined || compareVersions(a, b) > 0;
}

/**
 * The key's walk around the ring: the cluster rotated to start at hash(key). The first n entries
 * are its preference list (home replicas); the rest are fallbacks for a sloppy quorum, in order.
 */
export function ringWalk(cluster: readonly NodeId[], key: string): NodeId[] {
  const start = fnv1a32(key) % cluster.length;
  return cluster.slice(start).concat(cluster.slice(0, start));
}
