/**
 * Built-in tests for exercise "read-repair": the learner's quorum sizes, newest and repairTargets
 * run inside a small Dynamo-style store (every node coordinates; each key on all n = 3 replicas)
 * under 200 seeds. A failure names the first failing seed; set DDIA_SEED to replay just that run.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { sim } from 'ddia-labs';

interface Versioned {
  value: unknown;
  ts: number;
  node: string;
}
interface Reply {
  node: string;
  version: Versioned | null;
}
const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding quorum.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const learner = require(path.join(exerciseDir, 'quorum.ts')) as {
  QUORUM: { n: number; w: number; r: number };
  newest(replies: readonly Reply[]): Versioned | null;
  repairTargets(replies: readonly Reply[], best: Versioned | null): string[];
};

const v = (value: string, ts: number, node = 'n1'): Versioned => ({ value, ts, node });

test('newest and repairTargets on examples', () => {
  const replies: Reply[] = [
    { node: 'n1', version: v('a', 1) },
    { node: 'n2', version: v('b', 3) },
    { node: 'n3', version: null },
  ];
  assert.deepEqual(learner.newest(replies), v('b', 3));
  assert.deepEqual(
    learner.newest([
      { node: 'n1', version: v('x', 2, 'n1') },
      { node: 'n2', version: v('y', 2, 'n2') },
    ]),
    v('y', 2, 'n2'),
  );
  assert.equal(learner.newest([{ node: 'n1', version: null }]), null);
  assert.deepEqual([...learner.repairTargets(replies, v('b', 3))].sort(), ['n1', 'n3']);
  assert.deepEqual(learner.repairTargets([{ node: 'n2', version: v('b', 3) }], v('b', 3)), []);
});

interface Durable {
  store: Record<string, Versioned>;
}
interface Pending {
  client: string;
  opId: number;
  read: boolean;
  version?: Versioned;
  replies: Reply[];
  done: boolean;
}

/** A leaderless coordinator/replica using the learner's newest and repairTargets. */
function node(w: number, r: number) {
  return (ctx: sim.NodeContext<Durable>): sim.NodeHandlers => {
    const d = ctx.durable;
    const pending = new Map<number, Pending>();
    let next = 0;
    let lastTs = 0;
    const store = (key: string, ver: Versioned): void => {
      const cur = d.store[key];
      if (cur === undefined || ver.ts > cur.ts || (ver.ts === cur.ts && ver.node > cur.node)) d.store[key] = ver;
    };
    return {
      onMessage: (raw, from) => {
        if (sim.isClientRequest(raw)) {
          const req = next++;
          const p: Pending = { client: from, opId: raw.opId, read: raw.f === 'read', replies: [], done: false };
          if (!p.read) {
            lastTs = Math.max(ctx.now(), lastTs + 1e-3);
            p.version = { value: raw.value ?? null, ts: lastTs, node: ctx.id };
          }
          pending.set(req, p);
          for (const rep of ctx.cluster)
            ctx.send(rep, p.read ? { type: 'get', req, key: raw.key } : { type: 'put', req, key: raw.key, version: p.version });
          return;
        }
        const m = raw as { type: string; req: number; key: string; version: Versioned | null };
        if (m.type === 'put') {
          if (m.version !== null) store(m.key, m.version);
          if (m.req >= 0) ctx.send(from, { type: 'ack', req: m.req });
        } else if (m.type === 'get') ctx.send(from, { type: 'got', req: m.req, key: m.key, version: d.store[m.key] ?? null });
        else {
          const p = pending.get(m.req);
          if (p === undefined || p.done) return;
          p.replies.push({ node: from, version: m.type === 'got' ? m.version : null });
          if (p.replies.length < (p.read ? r : w)) return;
          p.done = true;
          if (!p.read) return sim.replyOk(ctx, p.client, p.opId, p.version?.value);
          const best = learner.newest(p.replies);
          sim.replyOk(ctx, p.client, p.opId, best?.value ?? null);
          if (best !== null)
            for (const t of learner.repairTargets(p.replies, best)) ctx.send(t, { type: 'put', req: -1, key: m.key, version: best });
        }
      },
    };
  };
}

test('your w and r give no stale reads over 200 seeds and survive one slow or down replica', () => {
  const { n, w, r } = learner.QUORUM;
  assert.equal(n, 3, 'n is fixed at 3 replicas');
  assert.ok(w <= n - 1 && r <= n - 1, `with w=${w}, r=${r} a write or a read needs all ${n} replicas: one down replica blocks it`);
  sim.assertEverySeed(`no stale reads with w=${w}, r=${r}`, {
    seeds: 200,
    check: (seed) =>
      sim
        .runCluster<Durable>({
          seed,
          nodes: 3,
          node: node(w, r),
          durable: () => ({ store: {} }),
          // A long-tailed network: now and then one replica hears of a write much later than the others.
          network: { latencyMs: { kind: 'pareto', scaleMs: 1, shape: 1.2, maxMs: 150 } },
          workload: { clients: 4, opsPerClient: 12, keys: ['x', 'y'], thinkMsMax: 4, timeoutMs: 400 },
          checks: ['stale-reads'],
          trace: false,
        })
        .anomalies.map((a) => a.message),
  });
});

test('read repair brings every replica up to date, over 200 seeds with partitions', () => {
  // Writes need only one replica (w = 1) while partitions come and go, so replicas diverge; then,
  // after healing, one client reads every key waiting for all three replies (r = 3).
  sim.assertEverySeed('all replicas agree after a full read', {
    seeds: 200,
    check: (seed) => {
      const res = sim.runCluster<Durable>({
        seed,
        nodes: 3,
        node: node(1, 3),
        durable: () => ({ store: {} }),
        network: { latencyMs: [1, 10] },
        workload: { clients: 3, opsPerClient: 8, keys: ['x', 'y'], writeProbability: 0.8, thinkMsMax: 10 },
        nemesis: { kinds: ['partition'], untilMs: 300 },
        clients: [{ id: 'final', target: 'n1', ops: ['x', 'y'].map((key) => ({ f: 'read', key })), timeoutMs: 100, startMs: 800 }],
        stopAtMs: 1500,
        trace: false,
      });
      const problems: string[] = [];
      for (const key of ['x', 'y']) {
        const held = Object.entries(res.durable).map(([id, d]) => `${id}=${JSON.stringify(d.store[key]?.value ?? null)}`);
        if (new Set(held.map((h) => h.split('=')[1])).size > 1) problems.push(`after the final read of ${key}: ${held.join(', ')}`);
      }
      return problems;
    },
  });
});
