/**
 * Exercise "dynamo-node" (lab leaderless-quorums): a whole Dynamo-style node. Any node
 * coordinates a client's operation; each key lives on N = 3 home replicas (the first three nodes
 * of its ring walk, `sim.ringWalk(ctx.cluster, key)`); a write is acknowledged after W = 2 of them
 * took it, a read answers with the newest of R = 2 replies. On top of that:
 *
 *   - sloppy quorum and hinted handoff: when a home replica does not acknowledge a write in time,
 *     the coordinator stores the write on the next node of the ring walk instead (a stand-in),
 *     with a hint naming the home replica. The stand-in's acknowledgment counts for that home
 *     replica. The stand-in keeps the hint in durable state and keeps offering the write to the
 *     home replica until the home replica confirms it; only then does it drop the hint.
 *   - read repair: a read compares the versions its replies carry and writes the newest back to
 *     every home replica that answered with an older one (or with none), including replies that
 *     arrive after the client already has its answer.
 *
 * Versions are ordered by (ts, node): `newer` below. A coordinator stamps a write with its clock
 * (ctx.now()), never reusing a timestamp.
 *
 * The grader reads `durable.store` (each node's versions of the keys it is a home replica of) and
 * `durable.hints`; keep their shapes.
 *
 * Checked by tests/dynamo-node.test.ts, which ships with DDIA Labs:
 *   - "no stale reads over 150 seeds of a long-tailed network (3 nodes, w = r = 2)"
 *   - "read repair leaves every replica agreeing after a final read, over 150 seeds with partitions"
 *   - "writes stay available while two of a key's three home replicas are down (sloppy quorum)"
 *   - "hinted handoff brings recovered home replicas up to date without any read, over 150 seeds"
 *   - "a node keeps hints apart from its own data"
 */
import { type sim } from 'ddia-labs';

export const N = 3;
export const W = 2;
export const R = 2;

export interface Versioned {
  value: unknown;
  ts: number;
  node: string;
}

/** A write a stand-in holds for a home replica that did not take it. */
export interface Hint {
  for: string;
  key: string;
  version: Versioned;
}

/** What survives a crash. */
export interface Durable {
  /** This node's newest version of each key it is a home replica of. */
  store: Record<string, Versioned>;
  /** Writes held for other nodes, until they confirm them. */
  hints: Hint[];
}

export function initDurable(): Durable {
  return { store: {}, hints: [] };
}

/** True when a is a newer version than b (a missing version is older than any). */
export function newer(a: Versioned | null | undefined, b: Versioned | null | undefined): boolean {
  if (a === null || a === undefined) return false;
  if (b === null || b === undefined) return true;
  return a.ts !== b.ts ? a.ts > b.ts : a.node > b.node;
}

export function createNode(ctx: sim.NodeContext<Durable>): sim.NodeHandlers {
  return {
    onStart() {
      throw new Error('TODO: start the timer that hands hints off to their home replicas.');
    },
    onRecover() {
      throw new Error('TODO: after a crash, carry on handing off the hints in ctx.durable.');
    },
    onMessage(raw: unknown, from: string) {
      void [raw, from, ctx];
      throw new Error(
        'TODO: coordinate client writes (N puts, W acks, stand-ins with hints) and reads (R replies, newest wins, read repair); act as a replica and a stand-in.',
      );
    },
    onTimer(name: string) {
      void name;
      throw new Error('TODO: hint rounds for silent home replicas, handoff of held hints, closing reads.');
    },
  };
}
