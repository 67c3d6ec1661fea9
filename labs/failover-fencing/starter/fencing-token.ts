/**
 * Exercise "fencing-token" (lab failover-fencing): a lock service that hands out leases with
 * fencing tokens, and a storage service that turns away anyone whose token is out of date.
 *
 * The cluster: cluster[0] runs the lock service, cluster[1] the storage service; the other nodes
 * are workers (they ship with the grader). A worker that wants to increment the shared counter
 * asks the lock service for a lease, reads the counter, checks that its lease has not expired,
 * spends a few milliseconds preparing the new value, and writes it — the pattern DDIA chapter 8
 * ("The leader and the lock", "Fencing tokens") shows to be unsafe on its own: a worker paused
 * after its check (a garbage-collection pause) writes long after its lease ran out, over the
 * head of the worker that holds the lease now.
 *
 * What the nodes say to each other:
 *
 *   worker → lock      { type: 'acquire', req }
 *   lock → worker      { type: 'granted', req, token, leaseMs }   the lease lasts leaseMs from the
 *                          worker's request (at most 100); token is the fencing token.
 *                      { type: 'busy', req }                       someone else holds it; retry
 *   worker → lock      { type: 'release', token }                  done (possibly an old lease)
 *   worker → storage   { type: 'read', req, key, token }
 *                      { type: 'write', req, key, value, token }
 *   storage → worker   { type: 'read-ok', req, value }             (null for a missing key)
 *                      { type: 'write-ok', req }
 *                      { type: 'rejected', req, token }            your token is older than `token`
 *
 * Any message may be lost; the lock and storage services may crash and restart, and any node may
 * be paused. The grader reads nothing of your durable state; it judges what the workers saw.
 *
 * Checked by tests/fencing-token.test.ts, which ships with DDIA Labs:
 *   - "no increment is lost over 150 seeds of paused workers, crashes and message loss"
 *   - "every request carrying a token older than one the storage already served is rejected"
 *   - "tokens only grow, even across lock-service crashes"
 *   - "the lock service never grants a lease while another is live, even after its own crash"
 *   - "without faults, the lock takes turns and every increment succeeds"
 */
import { type sim } from 'ddia-labs';

/** How long a lease lasts. Short enough that a lost release does not stall the others for long. */
export const LEASE_MS = 40;

/** Lock service: what survives a crash. */
export interface LockDurable {
  /** The last fencing token handed out. */
  lastToken: number;
}

export function initLockDurable(): LockDurable {
  return { lastToken: 0 };
}

type ToLock = { type: 'acquire'; req: number } | { type: 'release'; token: number };

export function createLockService(ctx: sim.NodeContext<LockDurable>): sim.NodeHandlers {
  return {
    onMessage(raw: unknown, from: string) {
      const m = raw as ToLock;
      void [ctx, from, m];
      throw new Error(
        "TODO: grant a free (or expired) lease with a new fencing token, answer 'busy' otherwise, and free the lease on release.",
      );
    },
  };
}

/** Storage service: what survives a crash. */
export interface StorageDurable {
  /** The highest token any request carried that this storage served. */
  maxToken: number;
  data: Record<string, unknown>;
}

export function initStorageDurable(): StorageDurable {
  return { maxToken: 0, data: {} };
}

type ToStorage =
  { type: 'read'; req: number; key: string; token: number } | { type: 'write'; req: number; key: string; value: unknown; token: number };

export function createStorage(ctx: sim.NodeContext<StorageDurable>): sim.NodeHandlers {
  return {
    onMessage(raw: unknown, from: string) {
      const m = raw as ToStorage;
      void [ctx, from, m];
      throw new Error('TODO: serve reads and writes whose token is not older than any this storage has served; reject the rest.');
    },
  };
}
