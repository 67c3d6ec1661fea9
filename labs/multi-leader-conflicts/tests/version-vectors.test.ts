/**
 * Built-in tests for exercise "version-vectors": the learner's compare/merge/addSibling on hand
 * examples, then inside a multi-leader cluster (every node accepts writes and replicates them
 * through a retried outbox) under 200 seeds with partitions and crashes. A cluster failure names
 * the first failing seed; set DDIA_SEED to replay just that run.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { sim } from 'ddia-labs';

type VV = Record<string, number>;
interface Sibling {
  value: unknown;
  vv: VV;
}
const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding version-vectors.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const learner = require(path.join(exerciseDir, 'version-vectors.ts')) as {
  compare(a: VV, b: VV): string;
  merge(a: VV, b: VV): VV;
  addSibling(siblings: readonly Sibling[], s: Sibling): Sibling[];
};

test('compare orders vectors by happened-before, with missing entries as 0', () => {
  assert.equal(learner.compare({ a: 1 }, { a: 2 }), 'before');
  assert.equal(learner.compare({ a: 2, b: 1 }, { a: 1 }), 'after');
  assert.equal(learner.compare({ a: 1 }, { a: 1, b: 0 }), 'equal');
  assert.equal(learner.compare({}, {}), 'equal');
  assert.equal(learner.compare({ a: 2 }, { a: 1, b: 1 }), 'concurrent');
  assert.equal(learner.compare({ a: 1, b: 3 }, { a: 2, b: 2 }), 'concurrent');
  assert.equal(learner.compare({ b: 1 }, { a: 1, b: 1 }), 'before');
});

test('merge takes the entry-wise maximum', () => {
  assert.deepEqual(learner.merge({ a: 2, b: 1 }, { a: 1, c: 4 }), { a: 2, b: 1, c: 4 });
  assert.deepEqual(learner.merge({ a: 1 }, { a: 1, b: 2 }), { a: 1, b: 2 });
  assert.deepEqual(learner.merge({}, { x: 3 }), { x: 3 });
});

test('addSibling keeps concurrent versions and drops superseded ones', () => {
  const v1 = { value: 'v1', vv: { a: 1 } };
  const v2 = { value: 'v2', vv: { b: 1 } };
  const v3 = { value: 'v3', vv: { a: 1, b: 1, c: 1 } };
  const both = learner.addSibling([v1], v2);
  assert.deepEqual(both.map((s) => s.value).sort(), ['v1', 'v2']);
  assert.deepEqual(
    learner.addSibling(both, v3).map((s) => s.value),
    ['v3'],
  );
  assert.deepEqual(
    learner.addSibling([v3], v1).map((s) => s.value),
    ['v3'],
    'an old version arriving late is ignored',
  );
  assert.deepEqual(learner.addSibling([v1], { value: 'v1', vv: { a: 1 } }).length, 1, 'a duplicate is ignored');
});

interface Durable {
  siblings: Record<string, Sibling[]>;
  counter: number;
  created: { key: string; s: Sibling }[];
  outbox: Record<string, { id: string; key: string; s: Sibling }[]>;
  next: number;
}

/** A multi-leader node whose conflict handling is entirely the learner's functions. */
function createNode(ctx: sim.NodeContext<Durable>): sim.NodeHandlers {
  const d = ctx.durable;
  const peers = ctx.cluster.filter((n) => n !== ctx.id);
  const apply = (key: string, s: Sibling): void => {
    d.siblings[key] = learner.addSibling(d.siblings[key] ?? [], s);
  };
  return {
    onStart: () => ctx.setTimer('retry', 30),
    onRecover: () => ctx.setTimer('retry', 30),
    onTimer: () => {
      for (const p of peers) if ((d.outbox[p] ?? []).length > 0) ctx.send(p, { type: 'rep', updates: d.outbox[p] });
      ctx.setTimer('retry', 30);
    },
    onMessage: (raw, from) => {
      if (sim.isClientRequest(raw)) {
        const key = raw.key ?? '';
        if (raw.f === 'read')
          return sim.replyOk(
            ctx,
            from,
            raw.opId,
            (d.siblings[key] ?? []).map((s) => s.value),
          );
        d.counter++;
        let vv: VV = {};
        for (const s of d.siblings[key] ?? []) vv = learner.merge(vv, s.vv);
        const s: Sibling = { value: raw.value ?? null, vv: { ...vv, [ctx.id]: Math.max(vv[ctx.id] ?? 0, d.counter) } };
        apply(key, s);
        d.created.push({ key, s });
        const u = { id: `${ctx.id}:${d.next++}`, key, s };
        for (const p of peers) (d.outbox[p] ??= []).push(u);
        for (const p of peers) ctx.send(p, { type: 'rep', updates: [u] });
        return sim.replyOk(ctx, from, raw.opId, raw.value);
      }
      const m = raw as { type: 'rep'; updates: { id: string; key: string; s: Sibling }[] } | { type: 'ack'; ids: string[] };
      if (m.type === 'rep') {
        for (const u of m.updates) apply(u.key, u.s);
        ctx.send(from, { type: 'ack', ids: m.updates.map((u) => u.id) });
      } else d.outbox[from] = (d.outbox[from] ?? []).filter((u) => !m.ids.includes(u.id));
    },
    inspect: () => d.siblings,
  };
}

/** The test's own happened-before, to compute which writes must survive. */
function dominated(a: VV, b: VV): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  let strictly = false;
  for (const k of keys) {
    if ((a[k] ?? 0) > (b[k] ?? 0)) return false;
    if ((a[k] ?? 0) < (b[k] ?? 0)) strictly = true;
  }
  return strictly;
}

test('a multi-leader cluster keeps every concurrent write, over 200 seeds with partitions and crashes', () => {
  sim.assertEverySeed('every node ends with exactly the writes no other write saw', {
    seeds: 200,
    check: (seed) => {
      const r = sim.runCluster<Durable>({
        seed,
        nodes: 3,
        node: createNode,
        durable: () => ({ siblings: {}, counter: 0, created: [], outbox: {}, next: 0 }),
        network: { latencyMs: [1, 20] },
        workload: { clients: 3, opsPerClient: 8, keys: ['x', 'y'], writeProbability: 0.7, thinkMsMax: 10 },
        nemesis: { kinds: ['partition', 'crash'], untilMs: 300 },
        stopAtMs: 2000,
        trace: false,
      });
      const created = Object.values(r.durable).flatMap((d) => d.created);
      const problems: string[] = [];
      for (const key of ['x', 'y']) {
        const mine = created.filter((c) => c.key === key).map((c) => c.s);
        const want = mine
          .filter((s) => !mine.some((o) => dominated(s.vv, o.vv)))
          .map((s) => JSON.stringify(s.value))
          .sort();
        for (const [node, d] of Object.entries(r.durable)) {
          const got = (d.siblings[key] ?? []).map((s) => JSON.stringify(s.value)).sort();
          if (JSON.stringify(got) !== JSON.stringify(want))
            problems.push(`${node} holds ${key} = [${got.join(', ')}], expected [${want.join(', ')}]`);
        }
      }
      return problems;
    },
  });
});
