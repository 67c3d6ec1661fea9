/**
 * Exercise "read-your-writes" (lab replication-lag): a single-leader key-value store with
 * asynchronous replication, where followers serve reads from their own copy — and a client that
 * wrote something must never read an older value afterwards.
 *
 * The cluster: cluster[0] is the leader; every other node is a follower. Clients stick to one
 * node (their session). A follower forwards writes to the leader; the leader appends the write to
 * its log and answers with the log position it got; the follower passes the answer on to the
 * client. The leader ships new entries to followers without waiting (asynchronous replication),
 * and its heartbeat tells followers how long the log is, so a follower that missed entries (a
 * partition cut them) fetches what it lacks.
 *
 * Your job (the two TODOs): remember, per client, the log position of that client's latest
 * acknowledged write; serve a read locally only when this node's log has reached that position,
 * and otherwise forward the read to the leader (whose log always has the write).
 *
 * Checked by tests/ryw-node.test.ts, which ships with DDIA Labs:
 *   - "no read-your-writes anomaly over 200 seeds with pauses and partitions"
 *   - "followers still serve reads they are up to date for"
 */
import { sim } from 'ddia-labs';

export interface Entry {
  key: string;
  value: unknown;
}

/** What survives a crash: the replicated log. */
export interface Durable {
  log: Entry[];
}

type Msg =
  | { type: 'forward'; client: string; opId: number; f: string; key: string; value?: unknown }
  | { type: 'forward-ok'; client: string; opId: number; f: string; position: number; value?: unknown }
  | { type: 'replicate'; start: number; entries: Entry[]; length: number }
  | { type: 'fetch'; from: number };

const HEARTBEAT_MS = 10;

export class ReplicaNode implements sim.NodeHandlers {
  /** Per client: the log length that includes its latest acknowledged write (volatile). */
  private readonly lastWrite = new Map<string, number>();

  constructor(private readonly ctx: sim.NodeContext<Durable>) {}

  private get leader(): string {
    return this.ctx.cluster[0] ?? this.ctx.id;
  }

  private get log(): Entry[] {
    return this.ctx.durable.log;
  }

  onStart(): void {
    if (this.ctx.id === this.leader) this.ctx.setTimer('heartbeat', HEARTBEAT_MS);
  }

  onRecover(): void {
    this.onStart();
  }

  onTimer(name: string): void {
    if (name !== 'heartbeat') return;
    for (const f of this.followers()) this.send(f, { type: 'replicate', start: this.log.length, entries: [], length: this.log.length });
    this.ctx.setTimer('heartbeat', HEARTBEAT_MS);
  }

  onMessage(raw: unknown, from: string): void {
    if (sim.isClientRequest(raw)) {
      const req = { client: from, opId: raw.opId, f: raw.f, key: raw.key ?? '', value: raw.value };
      if (this.ctx.id === this.leader) return this.lead({ type: 'forward', ...req }, this.ctx.id);
      if (raw.f === 'read' && this.canServeRead(from)) return sim.replyOk(this.ctx, from, raw.opId, this.read(req.key));
      return this.send(this.leader, { type: 'forward', ...req });
    }
    const m = raw as Msg;
    switch (m.type) {
      case 'forward':
        return this.lead(m, from);
      case 'forward-ok':
        if (m.f === 'write') this.rememberWrite(m.client, m.position);
        return sim.replyOk(this.ctx, m.client, m.opId, m.value);
      case 'replicate':
        return this.follow(m);
      case 'fetch':
        return this.send(from, { type: 'replicate', start: m.from, entries: this.log.slice(m.from), length: this.log.length });
    }
  }

  // ---- the read-your-writes guarantee (your part) ----

  /** The client's write is at log position `position` (the log length once it is appended). */
  private rememberWrite(client: string, position: number): void {
    void [client, position];
    throw new Error("TODO: remember that `client`'s latest write is at `position`.");
  }

  /** May this node answer `client`'s read from its own log without breaking read-your-writes? */
  private canServeRead(client: string): boolean {
    void client;
    throw new Error("TODO: serve locally only if this node's log already holds the client's latest write.");
  }

  // ---- the leader ----

  private lead(m: Extract<Msg, { type: 'forward' }>, via: string): void {
    let position = this.log.length;
    let value: unknown;
    if (m.f === 'write') {
      const entry = { key: m.key, value: m.value ?? null };
      this.log.push(entry);
      position = this.log.length;
      value = m.value;
      for (const f of this.followers()) this.send(f, { type: 'replicate', start: position - 1, entries: [entry], length: position });
    } else value = this.read(m.key);
    if (via === this.ctx.id) {
      if (m.f === 'write') this.rememberWrite(m.client, position);
      sim.replyOk(this.ctx, m.client, m.opId, value);
    } else this.send(via, { type: 'forward-ok', client: m.client, opId: m.opId, f: m.f, position, value });
  }

  // ---- followers ----

  private follow(m: Extract<Msg, { type: 'replicate' }>): void {
    if (m.start > this.log.length) {
      this.send(this.leader, { type: 'fetch', from: this.log.length });
      return;
    }
    // Entries before our log's end are already here (the leader never rewrites its log).
    for (let i = this.log.length - m.start; i < m.entries.length; i++) this.log.push(m.entries[i] as Entry);
    if (m.length > this.log.length) this.send(this.leader, { type: 'fetch', from: this.log.length });
  }

  private read(key: string): unknown {
    for (let i = this.log.length - 1; i >= 0; i--) if (this.log[i]?.key === key) return this.log[i]?.value;
    return null;
  }

  private followers(): string[] {
    return this.ctx.cluster.filter((n) => n !== this.leader);
  }

  private send(to: string, m: Msg): void {
    this.ctx.send(to, m);
  }

  inspect(): unknown {
    return { log: this.log.length, sessions: Object.fromEntries(this.lastWrite) };
  }
}
