/**
 * Multi-leader replication (DDIA ch. 5, "Multi-Leader Replication"). Every node accepts writes,
 * acknowledges them at once and replicates them asynchronously to every other node through a
 * durable outbox that is retried until acknowledged, so nodes converge after partitions heal and
 * crashed nodes restart.
 *
 * Conflict handling:
 * - `lww` (last write wins): each write is stamped (local clock, node); a node keeps only the
 *   highest stamp. Every version it throws away is recorded in `durable.discarded` and noted in
 *   the trace, since the client that wrote it was told it succeeded.
 * - `version-vectors`: each write carries a version vector; a node keeps every version that no
 *   other dominates (siblings), and a read returns all sibling values, sorted.
 */
import { isClientRequest, type NodeContext, type NodeHandlers, type NodeId, type NodeProgram } from '../core/node';
import { compareVersions, replyError, replyOk, type Versioned } from './kv';
import { compareVv, mergeVv, type VersionVector } from './versionVector';

export interface MultiLeaderOptions {
  conflicts: 'lww' | 'version-vectors';
  retryMs: number;
}

export interface Sibling {
  value: unknown;
  vv: VersionVector;
}

export interface MultiLeaderDurable {
  lww: Record<string, Versioned>;
  siblings: Record<string, Sibling[]>;
  counter: number;
  /** Versions last-write-wins threw away: what the client was told was written, and what won. */
  discarded: { key: string; lost: Versioned; kept: Versioned }[];
  /** Replication not yet acknowledged, per peer. */
  outbox: Record<NodeId, Update[]>;
  nextUpdate: number;
}

type Update = { id: string; key: string; lww?: Versioned; sibling?: Sibling };

type Msg = { type: 'replicate'; updates: Update[] } | { type: 'replicate-ack'; ids: string[] };

export function multiLeader(options: Partial<MultiLeaderOptions> = {}): NodeProgram<MultiLeaderDurable> {
  const o: MultiLeaderOptions = { conflicts: 'lww', retryMs: 30, ...options };
  return {
    initDurable: () => ({ lww: {}, siblings: {}, counter: 0, discarded: [], outbox: {}, nextUpdate: 0 }),
    create: (ctx) => createNode(ctx, o),
  };
}

function createNode(ctx: NodeContext<MultiLeaderDurable>, o: MultiLeaderOptions): NodeHandlers {
  const d = ctx.durable;
  const peers = ctx.cluster.filter((n) => n !== ctx.id);

  function applyLww(key: string, v: Versioned): void {
    const cur = d.lww[key];
    if (cur === undefined || compareVersions(v, cur) > 0) {
      if (cur !== undefined) discard(key, cur, v);
      d.lww[key] = v;
    } else if (compareVersions(v, cur) < 0) discard(key, v, cur);
  }
  function discard(key: string, lost: Versioned, kept: Versioned): void {
    d.discarded.push({ key, lost, kept });
    ctx.note('lww-discard', { key, lost: lost.value, kept: kept.value });
  }

  function applySibling(key: string, s: Sibling): void {
    const cur = d.siblings[key] ?? [];
    if (cur.some((c) => ['after', 'equal'].includes(compareVv(c.vv, s.vv)))) return;
    d.siblings[key] = cur.filter((c) => compareVv(c.vv, s.vv) !== 'before').concat([s]);
  }

  function replicate(u: Update): void {
    for (const p of peers) (d.outbox[p] ??= []).push(u);
    for (const p of peers) ctx.send(p, { type: 'replicate', updates: [u] } satisfies Msg);
  }

  function onClient(m: { opId: number; f: string; key?: string; value?: unknown }, client: NodeId): void {
    const key = m.key ?? '';
    const id = `${ctx.id}:${d.nextUpdate++}`;
    if (m.f === 'read') {
      if (o.conflicts === 'lww') return replyOk(ctx, client, m.opId, d.lww[key]?.value ?? null);
      const values = (d.siblings[key] ?? []).map((s) => s.value);
      return replyOk(ctx, client, m.opId, values.sort(byJson));
    }
    if (m.f !== 'write') return replyError(ctx, client, m.opId, `unknown operation ${m.f}`);
    const value = m.value ?? null;
    if (o.conflicts === 'lww') {
      const v: Versioned = { value, ts: ctx.now(), node: ctx.id };
      applyLww(key, v);
      replicate({ id, key, lww: v });
    } else {
      // The new version supersedes every sibling this node has seen, as a client that read first would.
      d.counter++;
      let vv: VersionVector = {};
      for (const s of d.siblings[key] ?? []) vv = mergeVv(vv, s.vv);
      const s: Sibling = { value, vv: { ...vv, [ctx.id]: Math.max(vv[ctx.id] ?? 0, d.counter) } };
      applySibling(key, s);
      replicate({ id, key, sibling: s });
    }
    replyOk(ctx, client, m.opId, value);
  }

  function onMessage(raw: unknown, from: NodeId): void {
    if (isClientRequest(raw)) return onClient(raw, from);
    const m = raw as Msg;
    if (m.type === 'replicate') {
      for (const u of m.updates) {
        if (u.lww !== undefined) applyLww(u.key, u.lww);
        if (u.sibling !== undefined) applySibling(u.key, u.sibling);
      }
      ctx.send(from, { type: 'replicate-ack', ids: m.updates.map((u) => u.id) } satisfies Msg);
    } else {
      const acked = new Set(m.ids);
      d.outbox[from] = (d.outbox[from] ?? []).filter((u) => !acked.has(u.id));
    }
  }

  function onTimer(): void {
    for (const p of peers) {
      const pending = d.outbox[p] ?? [];
      if (pending.length > 0) ctx.send(p, { type: 'replicate', updates: pending.slice(0, 64) } satisfies Msg);
    }
    ctx.setTimer('retry', o.retryMs);
  }

  const boot = (): void => ctx.setTimer('retry', o.retryMs);
  return {
    onStart: boot,
    onRecover: boot,
    onMessage,
    onTimer,
    inspect: () => (o.conflicts === 'lww' ? { data: d.lww, discarded: d.discarded.length } : { siblings: d.siblings }),
  };
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
