/**
 * Built-in tests for exercise "dynamo-node": the learner's node runs as every node of a
 * Dynamo-style cluster — three nodes (no stand-ins: quorums and read repair alone) or five (two
 * stand-ins per key: sloppy quorum and hinted handoff) — under seeded runs with long-tailed
 * latency, partitions, pauses, message loss and home replicas crashing. A failure names the first
 * failing seed; set DDIA_SEED to replay just that run.
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
interface Durable {
  store: Record<string, Versioned>;
  hints: { for: string; key: string; version: Versioned }[];
}
const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding dynamo-node.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const learner = require(path.join(exerciseDir, 'dynamo-node.ts')) as {
  createNode: (ctx: sim.NodeContext<Durable>) => sim.NodeHandlers;
  initDurable: () => Durable;
};

const FIVE = ['n1', 'n2', 'n3', 'n4', 'n5'];
const KEYS = ['x', 'y'];
const homesOf = (key: string, cluster: readonly string[]): string[] => sim.ringWalk(cluster, key).slice(0, 3);
const newer = (a: Versioned | undefined, b: Versioned | undefined): boolean =>
  a !== undefined && (b === undefined || a.ts > b.ts || (a.ts === b.ts && a.node > b.node));

/** For each key, the newest version anywhere in the cluster (stores and hints) and which home replicas lack it. */
function behindHomes(durable: Record<string, Durable>, cluster: readonly string[]): string[] {
  const problems: string[] = [];
  for (const key of KEYS) {
    let best: Versioned | undefined;
    for (const d of Object.values(durable)) {
      if (newer(d.store[key], best)) best = d.store[key];
      for (const h of d.hints) if (h.key === key && newer(h.version, best)) best = h.version;
    }
    if (best === undefined) continue;
    const behind = homesOf(key, cluster).filter((h) => newer(best, durable[h]?.store[key]));
    if (behind.length > 0)
      problems.push(
        `${key}: home replicas ${behind.map((h) => `${h} (has ${JSON.stringify(durable[h]?.store[key]?.value ?? null)})`).join(', ')} lack the newest version ${JSON.stringify(best.value)}`,
      );
  }
  return problems;
}

test('no stale reads over 150 seeds of a long-tailed network (3 nodes, w = r = 2)', () => {
  sim.assertEverySeed('no stale reads', {
    seeds: 150,
    check: (seed) => {
      const r = sim.runCluster<Durable>({
        seed,
        nodes: 3,
        node: learner.createNode,
        durable: learner.initDurable,
        // Now and then one replica hears of a write much later than the others.
        network: { latencyMs: { kind: 'pareto', scaleMs: 1, shape: 1.2, maxMs: 150 } },
        workload: { clients: 4, opsPerClient: 12, keys: KEYS, thinkMsMax: 4, timeoutMs: 400 },
        checks: ['stale-reads'],
        trace: false,
      });
      const problems = r.anomalies.map((a) => a.message);
      const { ok } = sim.outcomes(r.history);
      if (ok < 40) problems.push(`only ${ok} of 48 operations succeeded on a network without faults`);
      return problems;
    },
  });
});

test('read repair leaves every replica agreeing after a final read, over 150 seeds with partitions', () => {
  // Three nodes, so there is no stand-in and no hint: replicas that missed a write (cut off by a
  // partition) stay behind until a read notices. After healing, one client reads every key once.
  sim.assertEverySeed('all replicas agree after a final read', {
    seeds: 150,
    check: (seed) => {
      const r = sim.runCluster<Durable>({
        seed,
        nodes: 3,
        node: learner.createNode,
        durable: learner.initDurable,
        network: { latencyMs: [1, 10] },
        workload: { clients: 3, opsPerClient: 8, keys: KEYS, writeProbability: 0.8, thinkMsMax: 10, timeoutMs: 100 },
        nemesis: { kinds: ['partition'], untilMs: 300 },
        clients: [{ id: 'final', target: 'n1', ops: KEYS.map((key) => ({ f: 'read', key })), timeoutMs: 200, startMs: 800 }],
        stopAtMs: 1500,
        trace: false,
      });
      const problems: string[] = [];
      for (const key of KEYS) {
        const held = Object.entries(r.durable).map(([id, d]) => `${id}=${JSON.stringify(d.store[key]?.value ?? null)}`);
        if (new Set(held.map((h) => h.split('=')[1])).size > 1) problems.push(`after the final read of ${key}: ${held.join(', ')}`);
      }
      const finals = r.history.filter((e) => e.client === 'final' && e.type === 'ok').length;
      if (finals < KEYS.length) problems.push(`only ${finals} of the ${KEYS.length} final reads succeeded on a healed network`);
      return problems;
    },
  });
});

/** Five nodes; two of x's three home replicas are down from 40 ms for a while; writes come only during the outage. */
function outage(seed: number, o: { faults: boolean }) {
  const homes = homesOf('x', FIVE);
  const down = [homes[seed % 3], homes[(seed + 1) % 3]] as string[];
  const up = FIVE.filter((n) => !down.includes(n));
  const backAt = 300 + (seed % 150);
  const writers = up.map((target, i) => ({
    id: `w${i}`,
    target,
    timeoutMs: 120,
    thinkMs: 5,
    ops: Array.from({ length: 6 }, (_, j) => ({
      f: 'write',
      key: KEYS[(i + j) % 2] as string,
      value: `w${i}-${j}`,
      atMs: 60 + j * 35 + i * 3,
    })),
  }));
  return sim.runCluster<Durable>({
    seed,
    nodes: FIVE,
    node: learner.createNode,
    durable: learner.initDurable,
    network: o.faults ? { latencyMs: [1, 10], loss: 0.03 } : { latencyMs: [1, 10] },
    faults: down.flatMap((node) => [
      { atMs: 40, fault: { kind: 'crash' as const, node } },
      { atMs: backAt, fault: { kind: 'restart' as const, node } },
    ]),
    // Stand-ins and coordinators are paused and cut off too; they never crash (a hint lives on a stand-in's disk).
    ...(o.faults ? { nemesis: { kinds: ['pause', 'partition'] as const, nodes: up, fromMs: 50, untilMs: 500, maxDurationMs: 60 } } : {}),
    clients: writers,
    stopAtMs: 2000,
    trace: false,
  });
}

test("writes stay available while two of a key's three home replicas are down (sloppy quorum)", () => {
  sim.assertEverySeed('writes succeed through stand-ins', {
    seeds: 20,
    check: (seed) => {
      const r = outage(seed, { faults: false });
      const writes = sim.pairHistory(r.history).filter((o) => o.f === 'write');
      const ok = writes.filter((o) => o.status === 'ok').length;
      return ok >= 0.9 * writes.length
        ? []
        : [`only ${ok} of ${writes.length} writes succeeded while two home replicas of x were down and two stand-ins were up`];
    },
  });
});

test('hinted handoff brings recovered home replicas up to date without any read, over 150 seeds', () => {
  sim.assertEverySeed('home replicas hold the newest version after handoff', {
    seeds: 150,
    check: (seed) => {
      const r = outage(seed, { faults: true });
      const problems = behindHomes(r.durable, FIVE);
      const held = Object.entries(r.durable).filter(([, d]) => d.hints.length > 0);
      if (held.length > 0)
        problems.push(
          `hints still held 1.5 s after every home replica recovered: ${held.map(([id, d]) => `${id}: ${d.hints.length}`).join(', ')}`,
        );
      const ok = r.history.filter((e) => e.type === 'ok').length;
      if (ok === 0) problems.push('no write succeeded');
      return problems;
    },
  });
});

test('a node keeps hints apart from its own data', () => {
  // A stand-in that stored the write as its own copy would answer reads for keys it is not home
  // for, and keep the value for ever; hints are held for someone else, then handed over.
  const r = outage(1, { faults: false });
  const homesX = homesOf('x', FIVE);
  const homesY = homesOf('y', FIVE);
  for (const [id, d] of Object.entries(r.durable)) {
    if (!homesX.includes(id))
      assert.equal(d.store['x'], undefined, `${id} is not a home replica of x but stores it: ${JSON.stringify(d.store['x'])}`);
    if (!homesY.includes(id))
      assert.equal(d.store['y'], undefined, `${id} is not a home replica of y but stores it: ${JSON.stringify(d.store['y'])}`);
  }
  assert.deepEqual(behindHomes(r.durable, FIVE), []);
});
