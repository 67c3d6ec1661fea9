/**
 * Exercise "read-repair" (lab leaderless-quorums): pick the quorum sizes of a Dynamo-style store
 * and repair stale replicas when a read notices them.
 *
 * Every key lives on n = 3 replicas. A coordinator sends a write to all of them and acknowledges it
 * after w replicas answered; it sends a read to all of them and answers with the newest version
 * among the first r replies. Versions are ordered by (ts, node), see `newer`.
 *
 * Checked by tests/quorum.test.ts, which ships with DDIA Labs:
 *   - "newest and repairTargets on examples"
 *   - "your w and r give no stale reads over 200 seeds and survive one slow or down replica"
 *   - "read repair brings every replica up to date, over 200 seeds with partitions"
 */

export interface Versioned {
  value: unknown;
  ts: number;
  node: string;
}

/** One replica's answer to a read: its version of the key, or null if it has none. */
export interface Reply {
  node: string;
  version: Versioned | null;
}

/** Choose w and r for n = 3: every read must see the latest acknowledged write, and both must work with one replica down. */
export const QUORUM = { n: 3, w: 2, r: 2 };

/** True when a is a newer version than b (a missing version is older than any). */
export function newer(a: Versioned | null, b: Versioned | null): boolean {
  if (a === null) return false;
  if (b === null) return true;
  return a.ts !== b.ts ? a.ts > b.ts : a.node > b.node;
}

/** The newest version among the replies, or null when no replica has the key. */
export function newest(replies: readonly Reply[]): Versioned | null {
  let best: Versioned | null = null;
  for (const r of replies) if (newer(r.version, best)) best = r.version;
  return best;
}

/** The replicas whose reply is older than `best` (or empty): the coordinator writes `best` back to them. */
export function repairTargets(replies: readonly Reply[], best: Versioned | null): string[] {
  return replies.filter((r) => newer(best, r.version)).map((r) => r.node);
}
