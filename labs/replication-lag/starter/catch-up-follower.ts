/**
 * Exercise "catch-up-follower" (lab replication-lag): a whole follower of a single-leader store.
 * It copies the leader's replication log from an offset, survives being down or cut off, copes
 * with a network that loses, duplicates and reorders messages, and serves its clients' reads from
 * its own copy without ever showing a client less than that client's own writes.
 *
 * The leader (cluster[0]) ships with the grader; this file is every other node. What it speaks:
 *
 *   leader → follower
 *     { type: 'entries', start, entries, length }  entries[i] is the leader's log entry at
 *         position start + i; length is the leader's log length when it sent this. The leader
 *         pushes each new entry as it is appended, and answers every 'pull' with up to 16
 *         entries. Any of these may be lost, arrive twice, or overtake an earlier one.
 *     { type: 'write-ok', client, opId, position }  the forwarded write `opId` of `client` is in
 *         the leader's log; the log holds `position` entries once it is (1-based position).
 *   follower → leader
 *     { type: 'pull', from }  send me the entries from offset `from` on.
 *     { type: 'write', client, opId, key, value }  a client's write, to append (the leader
 *         appends a write it receives twice only once, and answers both copies).
 *
 * The leader never sends anything unprompted besides pushes: a follower that missed a push
 * (lost, or it was down or partitioned) finds out only by pulling. Keep `durable.log` an array
 * of the leader's entries in order — the grader compares it with the leader's log.
 *
 * Checked by tests/catch-up-follower.test.ts, which ships with DDIA Labs:
 *   - "followers end with exactly the leader's log over 150 seeds of loss, duplication, reordering, crashes and partitions"
 *   - "a follower resumes from its own offset and never asks for entries it already has"
 *   - "read-your-writes and monotonic reads hold on followers over 150 seeds of faults"
 *   - "a caught-up follower answers reads from its own copy, without waiting"
 */
import { sim } from 'ddia-labs';

export interface Entry {
  key: string;
  value: unknown;
}

/** What survives a crash. */
export interface Durable {
  /** The prefix of the leader's log this follower has, in order. */
  log: Entry[];
  /** Per client: the log position of its latest acknowledged write. */
  sessions: Record<string, number>;
}

export function initDurable(): Durable {
  return { log: [], sessions: {} };
}

type FromLeader =
  | { type: 'entries'; start: number; entries: Entry[]; length: number }
  | { type: 'write-ok'; client: string; opId: number; position: number };

export class Follower implements sim.NodeHandlers {
  constructor(private readonly ctx: sim.NodeContext<Durable>) {}

  private get leader(): string {
    return this.ctx.cluster[0] ?? this.ctx.id;
  }

  onStart(): void {
    throw new Error("TODO: start copying the leader's log (pull from your offset, and keep pulling on a timer).");
  }

  onRecover(): void {
    throw new Error('TODO: after a crash, carry on from the offset your durable log ends at.');
  }

  onTimer(name: string): void {
    void name;
    throw new Error('TODO: pull again: nothing else tells a follower it missed a push.');
  }

  onMessage(raw: unknown, from: string): void {
    if (sim.isClientRequest(raw)) {
      void from;
      throw new Error(
        "TODO: forward writes to the leader; answer reads from this copy only once it holds the client's latest write (otherwise wait).",
      );
    }
    const m = raw as FromLeader;
    void this.leader;
    throw new Error(
      `TODO: handle '${m.type}' from the leader: append entries in order exactly once; remember each client's write position.`,
    );
  }
}
