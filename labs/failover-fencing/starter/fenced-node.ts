/**
 * Exercise "fencing" (lab failover-fencing): a single-leader store with automatic failover, in
 * which a deposed leader must not be able to get writes accepted.
 *
 * The protocol: the leader appends each write to its log, stamped with its epoch, and sends the
 * log suffix to the followers; it acknowledges the client once one follower has the entry
 * (semi-synchronous replication). A follower that hears nothing from the leader for a while makes
 * itself leader of the next epoch — without any vote, so a leader that was only paused (a long
 * garbage-collection pause) wakes up still believing it leads.
 *
 * Your job (the two functions under "fencing"): use the epoch as a fencing token. A node must
 * turn away appends from an older epoch than it knows, telling the sender who leads now, and a
 * leader told of a newer epoch must step down.
 *
 * Checked by tests/fenced-node.test.ts, which ships with DDIA Labs:
 *   - "no acknowledged write is lost over 200 seeds of a paused leader"
 *   - "after the old leader wakes up, one leader remains"
 */
import { sim } from 'ddia-labs';

const HEARTBEAT_MS = 10;
const ELECTION_TIMEOUT_MS = 60;

export interface LogEntry {
  epoch: number;
  key: string;
  value: unknown;
}

/** What survives a crash: the epoch this node knows, who leads it, and the log. */
export interface Durable {
  epoch: number;
  leader: string;
  log: LogEntry[];
}

type Msg =
  | { type: 'append'; epoch: number; from: number; prevEpoch: number; entries: LogEntry[] }
  | { type: 'ack'; epoch: number; length: number }
  | { type: 'fetch'; from: number }
  | { type: 'reject'; epoch: number; leader: string };

interface Waiting {
  length: number;
  client: string;
  opId: number;
  value: unknown;
}

/** Every node starts in epoch 1 with cluster[0] as its leader. */
export function initDurable(_id: string, cluster: readonly string[]): Durable {
  return { epoch: 1, leader: cluster[0] ?? '', log: [] };
}

export function createNode(ctx: sim.NodeContext<Durable>): sim.NodeHandlers {
  const d = ctx.durable;
  const followers = (): string[] => ctx.cluster.filter((n) => n !== ctx.id);
  const matched = new Map<string, number>();
  let waiting: Waiting[] = [];
  let lastHeard = ctx.now();
  let kv = new Map<string, unknown>();
  const rebuild = (): void => {
    kv = new Map();
    for (const e of d.log) kv.set(e.key, e.value);
  };
  rebuild();
  const isLeader = (): boolean => d.leader === ctx.id;
  // Semi-synchronous: a write is acknowledged once one follower has it.
  const acksNeeded = (): number => Math.min(1, followers().length);

  function appendFrom(to: string, from: number): void {
    const m: Msg = { type: 'append', epoch: d.epoch, from, prevEpoch: d.log[from - 1]?.epoch ?? 0, entries: d.log.slice(from) };
    ctx.send(to, m);
  }

  function settle(): void {
    const need = acksNeeded();
    waiting = waiting.filter((w) => {
      let acks = 0;
      for (const f of followers()) if ((matched.get(f) ?? 0) >= w.length) acks++;
      if (acks < need) return true;
      sim.replyOk(ctx, w.client, w.opId, w.value);
      return false;
    });
  }

  function stepDown(epoch: number, leader: string): void {
    const wasLeader = isLeader();
    d.epoch = epoch;
    d.leader = leader;
    if (wasLeader) {
      ctx.note('step-down', { epoch, leader });
      for (const w of waiting) sim.replyError(ctx, w.client, w.opId, 'leader stepped down', { unknown: true, redirect: leader });
      waiting = [];
    }
  }

  function onClient(m: { opId: number; f: string; key?: string; value?: unknown }, client: string): void {
    const key = m.key ?? '';
    if (m.f === 'read') return sim.replyOk(ctx, client, m.opId, kv.has(key) ? kv.get(key) : null);
    if (m.f !== 'write') return sim.replyError(ctx, client, m.opId, `unknown operation ${m.f}`);
    if (!isLeader()) return sim.replyError(ctx, client, m.opId, 'not the leader', { redirect: d.leader });
    d.log.push({ epoch: d.epoch, key, value: m.value ?? null });
    kv.set(key, m.value ?? null);
    waiting.push({ length: d.log.length, client, opId: m.opId, value: m.value ?? null });
    for (const f of followers()) appendFrom(f, d.log.length - 1);
    settle();
  }

  // ---- fencing (your part) ----

  /**
   * An append arrived from `from`, which believes it leads `epoch`. Return false to ignore it.
   * Reject appends from an older epoch than this node knows (the sender is a deposed leader: tell
   * it who leads now with a 'reject' message), and follow the sender otherwise (stepDown moves
   * this node to the sender's epoch and makes the sender its leader).
   */
  function acceptAppend(epoch: number, from: string): boolean {
    // TODO: fencing. For now nobody compares epochs: a leader keeps leading whatever it hears,
    // and a follower obeys whoever sent to it last.
    if (isLeader()) return false;
    d.leader = from;
    d.epoch = Math.max(d.epoch, epoch);
    return true;
  }

  /** A node told us that `leader` leads the newer `epoch`: a deposed leader must step down. */
  function onReject(epoch: number, leader: string): void {
    // TODO: step down when the epoch is newer than ours.
    void [epoch, leader, stepDown];
  }

  function onAppend(m: Extract<Msg, { type: 'append' }>, from: string): void {
    if (!acceptAppend(m.epoch, from)) return;
    lastHeard = ctx.now();
    if (m.from > d.log.length) {
      ctx.send(from, { type: 'fetch', from: d.log.length } satisfies Msg);
      return;
    }
    if (m.from > 0 && d.log[m.from - 1]?.epoch !== m.prevEpoch) {
      // Our entry before the leader's suffix is from another epoch: drop it and ask again.
      d.log.length = m.from - 1;
      rebuild();
      ctx.send(from, { type: 'fetch', from: d.log.length } satisfies Msg);
      return;
    }
    // Raft-style matching: entries this leader already sent (same position, same epoch) are kept,
    // so a reordered, older append never truncates newer entries; a conflicting entry and
    // everything after it is replaced.
    let truncated = false;
    let i = 0;
    for (; i < m.entries.length; i++) {
      const have = d.log[m.from + i];
      if (have === undefined) break;
      if (have.epoch !== m.entries[i]?.epoch) {
        d.log.length = m.from + i;
        truncated = true;
        break;
      }
    }
    const fresh = m.entries.slice(i);
    d.log.push(...fresh);
    // A tail from an older epoch that this leader does not have is divergent: drop it.
    const end = m.from + m.entries.length;
    if (d.log.length > end && (d.log[end]?.epoch ?? 0) < m.epoch) {
      d.log.length = end;
      truncated = true;
    }
    if (truncated) rebuild();
    else for (const e of fresh) kv.set(e.key, e.value);
    ctx.send(from, { type: 'ack', epoch: m.epoch, length: end } satisfies Msg);
  }

  function onMessage(raw: unknown, from: string): void {
    if (sim.isClientRequest(raw)) return onClient(raw, from);
    const m = raw as Msg;
    switch (m.type) {
      case 'append':
        return onAppend(m, from);
      case 'ack':
        if (!isLeader() || m.epoch !== d.epoch) return;
        matched.set(from, Math.max(matched.get(from) ?? 0, m.length));
        return settle();
      case 'fetch':
        if (isLeader()) appendFrom(from, Math.min(m.from, d.log.length));
        return;
      case 'reject':
        return onReject(m.epoch, m.leader);
    }
  }

  function onTimer(name: string): void {
    ctx.setTimer('tick', HEARTBEAT_MS);
    if (isLeader()) {
      for (const f of followers()) appendFrom(f, d.log.length);
      return;
    }
    const rank = followers().indexOf(d.leader) >= 0 ? ctx.cluster.filter((n) => n !== d.leader).indexOf(ctx.id) : 0;
    if (name === 'tick' && ctx.now() - lastHeard > ELECTION_TIMEOUT_MS * (1 + rank / 2)) {
      d.epoch += 1;
      d.leader = ctx.id;
      matched.clear();
      ctx.note('become-leader', { epoch: d.epoch, logLength: d.log.length });
      for (const f of followers()) appendFrom(f, d.log.length);
    }
  }

  const boot = (): void => {
    lastHeard = ctx.now();
    ctx.setTimer('tick', HEARTBEAT_MS);
    if (!isLeader()) ctx.send(d.leader, { type: 'fetch', from: d.log.length } satisfies Msg);
  };
  return {
    onStart: boot,
    onRecover: boot,
    onMessage,
    onTimer,
    inspect: () => ({
      role: isLeader() ? 'leader' : 'follower',
      epoch: d.epoch,
      leader: d.leader,
      logLength: d.log.length,
      data: Object.fromEntries(kv),
    }),
  };
}
