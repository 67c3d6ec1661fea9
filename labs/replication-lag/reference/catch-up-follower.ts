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

/** How often a follower asks the leader for what it lacks, when nothing else prompts it. */
const PULL_EVERY_MS = 15;

interface ParkedRead {
  client: string;
  opId: number;
  key: string;
  /** The log length this read waits for: the client's latest write. */
  position: number;
}

export class Follower implements sim.NodeHandlers {
  /** Reads that arrived before this copy held the client's latest write (volatile: a crash drops them, the client times out). */
  private parked: ParkedRead[] = [];
  /** The latest value per key in the log, rebuilt from the durable log on every boot. */
  private readonly kv = new Map<string, unknown>();

  constructor(private readonly ctx: sim.NodeContext<Durable>) {
    for (const e of ctx.durable.log) this.kv.set(e.key, e.value);
  }

  private get leader(): string {
    return this.ctx.cluster[0] ?? this.ctx.id;
  }

  private get log(): Entry[] {
    return this.ctx.durable.log;
  }

  onStart(): void {
    this.pull();
  }

  // After a crash the log is still there: pick up where it ends, not from zero.
  onRecover(): void {
    this.pull();
  }

  onTimer(name: string): void {
    if (name === 'pull') this.pull();
  }

  onMessage(raw: unknown, from: string): void {
    if (sim.isClientRequest(raw)) {
      const key = raw.key ?? '';
      if (raw.f === 'write') {
        this.ctx.send(this.leader, { type: 'write', client: from, opId: raw.opId, key, value: raw.value ?? null });
        return;
      }
      if (raw.f !== 'read') return sim.replyError(this.ctx, from, raw.opId, `unknown operation ${raw.f}`);
      const position = this.ctx.durable.sessions[from] ?? 0;
      if (this.log.length >= position) return sim.replyOk(this.ctx, from, raw.opId, this.read(key));
      // Behind this client's own write: wait for the log to reach it (and ask for it now).
      this.parked.push({ client: from, opId: raw.opId, key, position });
      this.ctx.send(this.leader, { type: 'pull', from: this.log.length });
      return;
    }
    const m = raw as FromLeader;
    if (m.type === 'write-ok') {
      // Positions only grow, and a duplicated or late answer must not lower the mark.
      const s = this.ctx.durable.sessions;
      s[m.client] = Math.max(s[m.client] ?? 0, m.position);
      sim.replyOk(this.ctx, m.client, m.opId);
    } else if (m.type === 'entries') this.apply(m);
  }

  private apply(m: Extract<FromLeader, { type: 'entries' }>): void {
    if (m.start > this.log.length) {
      // A gap: something before this batch was lost or is still on its way. Never skip ahead.
      this.ctx.send(this.leader, { type: 'pull', from: this.log.length });
      return;
    }
    // Entries before our end are ones we already have (a duplicate, or an overlapping answer).
    for (let i = this.log.length - m.start; i < m.entries.length; i++) {
      const e = m.entries[i] as Entry;
      this.log.push(e);
      this.kv.set(e.key, e.value);
    }
    if (m.length > this.log.length) this.ctx.send(this.leader, { type: 'pull', from: this.log.length });
    this.parked = this.parked.filter((p) => {
      if (this.log.length < p.position) return true;
      sim.replyOk(this.ctx, p.client, p.opId, this.read(p.key));
      return false;
    });
  }

  private pull(): void {
    this.ctx.send(this.leader, { type: 'pull', from: this.log.length });
    this.ctx.setTimer('pull', PULL_EVERY_MS);
  }

  private read(key: string): unknown {
    return this.kv.has(key) ? this.kv.get(key) : null;
  }

  inspect(): unknown {
    return { log: this.log.length, parked: this.parked.length, sessions: { ...this.ctx.durable.sessions } };
  }
}
