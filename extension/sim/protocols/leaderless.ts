/**
 * Leaderless replication in the style of Amazon's Dynamo paper (DDIA ch. 5, "Leaderless
 * Replication"). Any node coordinates a client operation: it sends the write (stamped with its
 * local clock, last-write-wins) or the read to the key's n home replicas and answers the client
 * after w acks or r replies.
 *
 * Options: a sloppy quorum (when home replicas do not answer in time, the coordinator asks the
 * next nodes on the ring, which keep the value as a hint for the home node and hand it off later);
 * read repair (the coordinator writes the newest version back to replicas that returned older
 * ones); anti-entropy (each node periodically compares its versions with a random peer's).
 *
 * A write that misses its quorum is answered as unknown (`info`): some replicas may have it.
 */
import { isClientRequest, type NodeContext, type NodeHandlers, type NodeId, type NodeProgram } from '../core/node';
import { newer, replyError, replyOk, ringWalk, type Versioned } from './kv';

export interface LeaderlessOptions {
  n: number;
  w: number;
  r: number;
  sloppy: boolean;
  readRepair: boolean;
  /** Anti-entropy period (local ms); 0 disables it. */
  antiEntropyMs: number;
  /** How often a node retries handing off hints. */
  handoffMs: number;
  /** How long a coordinator waits for a quorum before going sloppy (or giving up). */
  requestTimeoutMs: number;
}

export const DEFAULT_LEADERLESS: LeaderlessOptions = {
  n: 3,
  w: 2,
  r: 2,
  sloppy: false,
  readRepair: true,
  antiEntropyMs: 0,
  handoffMs: 50,
  requestTimeoutMs: 40,
};

export interface LeaderlessDurable {
  store: Record<string, Versioned>;
  /** Values held for an unreachable home replica (sloppy quorum). */
  hints: { for: NodeId; key: string; version: Versioned }[];
}

type Msg =
  | { type: 'put'; req: number; key: string; version: Versioned; hintFor?: NodeId }
  | { type: 'put-ack'; req: number }
  | { type: 'get'; req: number; key: string }
  | { type: 'get-reply'; req: number; version: Versioned | null }
  | { type: 'handoff'; key: string; version: Versioned }
  | { type: 'handoff-ack'; key: string; version: Versioned }
  | { type: 'digest'; versions: Record<string, [number, NodeId]> }
  | { type: 'ae-push'; items: { key: string; version: Versioned }[]; want: string[] };

interface Pending {
  req: number;
  client: NodeId;
  opId: number;
  kind: 'write' | 'read';
  key: string;
  version?: Versioned;
  asked: NodeId[];
  /** Replicas that answered, in arrival order (a few entries: an array beats a Set here). */
  answered: NodeId[];
  replies: { node: NodeId; version: Versioned | null }[];
  done: boolean;
  sloppyRound: boolean;
}

export function leaderless(options: Partial<LeaderlessOptions> = {}): NodeProgram<LeaderlessDurable> {
  const o = { ...DEFAULT_LEADERLESS, ...options };
  return {
    initDurable: () => ({ store: {}, hints: [] }),
    create: (ctx) => createNode(ctx, o),
  };
}

function createNode(ctx: NodeContext<LeaderlessDurable>, o: LeaderlessOptions): NodeHandlers {
  const d = ctx.durable;
  const pending = new Map<number, Pending>();
  let nextReq = 0;
  let lastTs = -Infinity;

  // A key's ring walk never changes, so each node computes it once per key (read-only after).
  const walks = new Map<string, readonly NodeId[]>();
  const homes = new Map<string, readonly NodeId[]>();
  const walk = (key: string): readonly NodeId[] => {
    let w = walks.get(key);
    if (w === undefined) {
      w = ringWalk(ctx.cluster, key);
      walks.set(key, w);
    }
    return w;
  };
  const home = (key: string): readonly NodeId[] => {
    let h = homes.get(key);
    if (h === undefined) {
      h = walk(key).slice(0, o.n);
      homes.set(key, h);
    }
    return h;
  };
  const isHome = (key: string, node: NodeId): boolean => home(key).includes(node);
  const local = (key: string): Versioned | undefined => {
    let best = d.store[key];
    for (const h of d.hints) if (h.key === key && newer(h.version, best)) best = h.version;
    return best;
  };
  const store = (key: string, v: Versioned): void => {
    if (newer(v, d.store[key])) d.store[key] = v;
  };
  const startTimers = (): void => {
    ctx.setTimer('handoff', o.handoffMs);
    if (o.antiEntropyMs > 0) ctx.setTimer('anti-entropy', o.antiEntropyMs);
  };

  function coordinate(p: Pending, targets: readonly NodeId[], hintFor?: readonly NodeId[]): void {
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i] as NodeId;
      p.asked.push(t);
      if (p.kind === 'write' && p.version !== undefined) {
        const m: Msg = { type: 'put', req: p.req, key: p.key, version: p.version };
        const h = hintFor?.[i];
        if (h !== undefined) m.hintFor = h;
        ctx.send(t, m);
      } else ctx.send(t, { type: 'get', req: p.req, key: p.key } satisfies Msg);
    }
  }

  function onClient(msg: { opId: number; f: string; key?: string; value?: unknown }, from: NodeId): void {
    const key = msg.key ?? '';
    const req = nextReq++;
    const p: Pending = {
      req,
      client: from,
      opId: msg.opId,
      kind: 'read',
      key,
      asked: [],
      answered: [],
      replies: [],
      done: false,
      sloppyRound: false,
    };
    if (msg.f === 'write') {
      // Timestamps from the local clock, made strictly increasing on this coordinator.
      const ts = Math.max(ctx.now(), lastTs + 1e-3);
      lastTs = ts;
      p.kind = 'write';
      p.version = { value: msg.value ?? null, ts, node: ctx.id };
    } else if (msg.f !== 'read') {
      replyError(ctx, from, msg.opId, `unknown operation ${msg.f}`);
      return;
    }
    pending.set(req, p);
    coordinate(p, home(key));
    ctx.setTimer(`req:${req}`, o.requestTimeoutMs);
  }

  function onReqTimeout(req: number): void {
    const p = pending.get(req);
    if (p === undefined || p.done) return;
    const need = p.kind === 'write' ? o.w : o.r;
    if (o.sloppy && !p.sloppyRound) {
      // Ask one fallback node per silent home replica, in ring order (Dynamo's "first N healthy").
      p.sloppyRound = true;
      const silent = home(p.key).filter((h) => !p.answered.includes(h));
      const fallbacks = walk(p.key)
        .slice(o.n)
        .filter((f) => !p.asked.includes(f))
        .slice(0, silent.length);
      coordinate(p, fallbacks, p.kind === 'write' ? silent : undefined);
      ctx.setTimer(`req:${req}`, o.requestTimeoutMs);
      return;
    }
    p.done = true;
    pending.delete(req);
    const why = `${p.answered.length} of ${need} replicas answered`;
    if (p.kind === 'write') replyError(ctx, p.client, p.opId, why, { unknown: true });
    else replyError(ctx, p.client, p.opId, why);
  }

  function onReply(m: Extract<Msg, { type: 'put-ack' | 'get-reply' }>, from: NodeId): void {
    const p = pending.get(m.req);
    if (p === undefined || p.answered.includes(from)) return;
    p.answered.push(from);
    if (m.type === 'get-reply') p.replies.push({ node: from, version: m.version });
    const need = p.kind === 'write' ? o.w : o.r;
    if (!p.done && p.answered.length >= need) {
      p.done = true;
      if (p.kind === 'write') replyOk(ctx, p.client, p.opId, p.version?.value);
      else replyOk(ctx, p.client, p.opId, newest(p)?.value ?? null);
      ctx.cancelTimer(`req:${m.req}`);
    }
    if (p.kind === 'read' && p.done && o.readRepair) {
      const best = newest(p);
      if (best !== undefined) {
        for (const rep of p.replies) {
          if (newer(best, rep.version ?? undefined) && isHome(p.key, rep.node)) {
            ctx.send(rep.node, { type: 'put', req: -1, key: p.key, version: best } satisfies Msg);
            rep.version = best;
          }
        }
      }
    }
    // Keep the entry until every asked replica answered so late replies can still be repaired.
    if (p.done && p.answered.length >= p.asked.length) pending.delete(m.req);
  }

  function onMessage(raw: unknown, from: NodeId): void {
    if (isClientRequest(raw)) return onClient(raw, from);
    const m = raw as Msg;
    switch (m.type) {
      case 'put':
        if (m.hintFor !== undefined && m.hintFor !== ctx.id) d.hints.push({ for: m.hintFor, key: m.key, version: m.version });
        else store(m.key, m.version);
        if (m.req >= 0) ctx.send(from, { type: 'put-ack', req: m.req } satisfies Msg);
        return;
      case 'get':
        ctx.send(from, { type: 'get-reply', req: m.req, version: local(m.key) ?? null } satisfies Msg);
        return;
      case 'put-ack':
      case 'get-reply':
        return onReply(m, from);
      case 'handoff':
        store(m.key, m.version);
        ctx.send(from, { type: 'handoff-ack', key: m.key, version: m.version } satisfies Msg);
        return;
      case 'handoff-ack':
        d.hints = d.hints.filter((h) => !sameHint(h, from, m));
        return;
      case 'digest': {
        const items: { key: string; version: Versioned }[] = [];
        const want: string[] = [];
        for (const key of Object.keys(d.store).sort()) {
          const mine = d.store[key];
          const theirs = m.versions[key];
          const theirV = theirs === undefined ? undefined : { value: null, ts: theirs[0], node: theirs[1] };
          if (mine !== undefined && newer(mine, theirV) && isHome(key, from)) items.push({ key, version: mine });
        }
        for (const key of Object.keys(m.versions).sort()) {
          const t = m.versions[key];
          if (t !== undefined && isHome(key, ctx.id) && newer({ value: null, ts: t[0], node: t[1] }, d.store[key])) want.push(key);
        }
        ctx.send(from, { type: 'ae-push', items, want } satisfies Msg);
        return;
      }
      case 'ae-push': {
        for (const it of m.items) store(it.key, it.version);
        const items = m.want.flatMap((key) => {
          const v = d.store[key];
          return v === undefined ? [] : [{ key, version: v }];
        });
        if (items.length > 0) ctx.send(from, { type: 'ae-push', items, want: [] } satisfies Msg);
        return;
      }
    }
  }

  function onTimer(name: string): void {
    if (name.startsWith('req:')) return onReqTimeout(Number(name.slice(4)));
    if (name === 'handoff') {
      for (const h of d.hints) ctx.send(h.for, { type: 'handoff', key: h.key, version: h.version } satisfies Msg);
      ctx.setTimer('handoff', o.handoffMs);
    } else if (name === 'anti-entropy') {
      const peers = ctx.cluster.filter((p) => p !== ctx.id);
      if (peers.length > 0) {
        const versions: Record<string, [number, NodeId]> = {};
        for (const key of Object.keys(d.store).sort()) {
          const v = d.store[key];
          if (v !== undefined) versions[key] = [v.ts, v.node];
        }
        ctx.send(ctx.random.pick(peers), { type: 'digest', versions } satisfies Msg);
      }
      ctx.setTimer('anti-entropy', o.antiEntropyMs);
    }
  }

  return {
    onStart: startTimers,
    onRecover: startTimers,
    onMessage,
    onTimer,
    inspect: () => ({ store: d.store, hints: d.hints.length, pending: pending.size }),
  };
}

function sameHint(h: { for: NodeId; key: string; version: Versioned }, from: NodeId, m: { key: string; version: Versioned }): boolean {
  return h.for === from && h.key === m.key && h.version.ts === m.version.ts && h.version.node === m.version.node;
}

function newest(p: Pending): Versioned | undefined {
  let best: Versioned | undefined;
  for (const r of p.replies) if (r.version !== null && newer(r.version, best)) best = r.version;
  return best;
}
