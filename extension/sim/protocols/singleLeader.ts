/**
 * Single-leader replication (DDIA ch. 5, "Leaders and Followers"). The leader appends each write
 * to its log and ships log suffixes to followers; it answers the client after all followers
 * (`sync`), one follower (`semi-sync`) or no follower (`async`) acknowledged the entry. Any node
 * serves reads from its own copy, so follower reads can lag.
 *
 * Catch-up: a follower that sees a gap (after a restart or lost messages) fetches from its log
 * length; heartbeats carry the leader's log length and the epoch of the entry before it, so a
 * follower with a divergent tail truncates it, as Raft's consistency check does.
 *
 * Failover: a follower that has not heard from a leader for electionTimeoutMs (staggered by its
 * rank, so one usually wins) makes itself leader of the next epoch. No majority vote takes place:
 * that gap is the lesson. With `fencing`, nodes reject messages from an older epoch and an old
 * leader that learns of a newer epoch steps down; without it, epochs are not compared at all, so
 * an old leader keeps leading, followers obey whichever leader spoke last, and two leaders can
 * both acknowledge writes (split brain).
 */
import { isClientRequest, type NodeContext, type NodeHandlers, type NodeId, type NodeProgram } from '../core/node';
import { replyError, replyOk } from './kv';

export type ReplicationMode = 'sync' | 'semi-sync' | 'async';

export interface SingleLeaderOptions {
  mode: ReplicationMode;
  fencing: boolean;
  failover: boolean;
  heartbeatMs: number;
  electionTimeoutMs: number;
}

export const DEFAULT_SINGLE_LEADER: SingleLeaderOptions = {
  mode: 'async',
  fencing: true,
  failover: true,
  heartbeatMs: 10,
  electionTimeoutMs: 60,
};

export interface LogEntry {
  epoch: number;
  key: string;
  value: unknown;
}

export interface SingleLeaderDurable {
  epoch: number;
  leader: NodeId;
  log: LogEntry[];
}

type Msg =
  | { type: 'append'; epoch: number; from: number; prevEpoch: number; entries: LogEntry[] }
  | { type: 'ack'; epoch: number; length: number }
  | { type: 'fetch'; from: number }
  | { type: 'reject'; epoch: number; leader: NodeId };

interface Waiting {
  length: number;
  client: NodeId;
  opId: number;
  value: unknown;
}

export function singleLeader(options: Partial<SingleLeaderOptions> = {}): NodeProgram<SingleLeaderDurable> {
  const o = { ...DEFAULT_SINGLE_LEADER, ...options };
  return {
    initDurable: (_id, cluster) => ({ epoch: 1, leader: cluster[0] ?? '', log: [] }),
    create: (ctx) => createNode(ctx, o),
  };
}

function createNode(ctx: NodeContext<SingleLeaderDurable>, o: SingleLeaderOptions): NodeHandlers {
  const d = ctx.durable;
  const followers = (): NodeId[] => ctx.cluster.filter((n) => n !== ctx.id);
  const matched = new Map<NodeId, number>();
  let waiting: Waiting[] = [];
  let lastHeard = ctx.now();
  let kv = new Map<string, unknown>();
  const rebuild = (): void => {
    kv = new Map();
    for (const e of d.log) kv.set(e.key, e.value);
  };
  rebuild();
  const isLeader = (): boolean => d.leader === ctx.id;
  const acksNeeded = (): number => (o.mode === 'sync' ? followers().length : o.mode === 'semi-sync' ? Math.min(1, followers().length) : 0);

  function appendFrom(to: NodeId, from: number): void {
    const m: Msg = { type: 'append', epoch: d.epoch, from, prevEpoch: d.log[from - 1]?.epoch ?? 0, entries: d.log.slice(from) };
    ctx.send(to, m);
  }

  function settle(): void {
    const need = acksNeeded();
    waiting = waiting.filter((w) => {
      let acks = 0;
      for (const f of followers()) if ((matched.get(f) ?? 0) >= w.length) acks++;
      if (acks < need) return true;
      replyOk(ctx, w.client, w.opId, w.value);
      return false;
    });
  }

  function stepDown(epoch: number, leader: NodeId): void {
    const wasLeader = isLeader();
    d.epoch = epoch;
    d.leader = leader;
    if (wasLeader) {
      ctx.note('step-down', { epoch, leader });
      for (const w of waiting) replyError(ctx, w.client, w.opId, 'leader stepped down', { unknown: true, redirect: leader });
      waiting = [];
    }
  }

  function onClient(m: { opId: number; f: string; key?: string; value?: unknown }, client: NodeId): void {
    const key = m.key ?? '';
    if (m.f === 'read') return replyOk(ctx, client, m.opId, kv.has(key) ? kv.get(key) : null);
    if (m.f !== 'write') return replyError(ctx, client, m.opId, `unknown operation ${m.f}`);
    if (!isLeader()) return replyError(ctx, client, m.opId, 'not the leader', { redirect: d.leader });
    d.log.push({ epoch: d.epoch, key, value: m.value ?? null });
    kv.set(key, m.value ?? null);
    waiting.push({ length: d.log.length, client, opId: m.opId, value: m.value ?? null });
    for (const f of followers()) appendFrom(f, d.log.length - 1);
    settle();
  }

  function onAppend(m: Extract<Msg, { type: 'append' }>, from: NodeId): void {
    if (o.fencing) {
      if (m.epoch < d.epoch) {
        ctx.send(from, { type: 'reject', epoch: d.epoch, leader: d.leader } satisfies Msg);
        return;
      }
      stepDown(m.epoch, from);
    } else {
      // Without fencing nobody compares epochs: a leader keeps leading, followers obey whoever sent last.
      if (isLeader()) return;
      d.leader = from;
      d.epoch = Math.max(d.epoch, m.epoch);
    }
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

  function onMessage(raw: unknown, from: NodeId): void {
    if (isClientRequest(raw)) return onClient(raw, from);
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
        if (m.epoch > d.epoch) stepDown(m.epoch, m.leader);
        return;
    }
  }

  function onTimer(name: string): void {
    ctx.setTimer('tick', o.heartbeatMs);
    if (isLeader()) {
      for (const f of followers()) appendFrom(f, d.log.length);
      return;
    }
    if (!o.failover) return;
    const rank = followers().indexOf(d.leader) >= 0 ? ctx.cluster.filter((n) => n !== d.leader).indexOf(ctx.id) : 0;
    if (name === 'tick' && ctx.now() - lastHeard > o.electionTimeoutMs * (1 + rank / 2)) {
      d.epoch += 1;
      d.leader = ctx.id;
      matched.clear();
      ctx.note('become-leader', { epoch: d.epoch, logLength: d.log.length });
      for (const f of followers()) appendFrom(f, d.log.length);
    }
  }

  const boot = (): void => {
    lastHeard = ctx.now();
    ctx.setTimer('tick', o.heartbeatMs);
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
