/**
 * Built-in tests for exercise "catch-up-follower": the learner's Follower runs as n2 and n3 next to
 * a leader written here (n1), under seeded runs with message loss, duplication and reordering,
 * follower crashes, pauses and a partition cutting one follower off the leader. A failure names
 * the first failing seed; set DDIA_SEED to replay just that run.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { sim } from 'ddia-labs';

interface Entry {
  key: string;
  value: unknown;
}
interface LearnerDurable {
  log: Entry[];
}
const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding catch-up-follower.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const learner = require(path.join(exerciseDir, 'catch-up-follower.ts')) as {
  Follower: new (ctx: sim.NodeContext<LearnerDurable>) => sim.NodeHandlers;
  initDurable: () => LearnerDurable;
};

const LEADER = 'n1';
const FOLLOWERS = ['n2', 'n3'];
const BATCH = 16;

/** The leader: appends writes (once per client operation, however often it arrives), pushes each new entry, answers pulls. */
function createLeader(ctx: sim.NodeContext<LearnerDurable>): sim.NodeHandlers {
  const log = ctx.durable.log;
  const appended = new Map<string, number>();
  const entries = (start: number, list: Entry[]) => ({ type: 'entries', start, entries: list, length: log.length });
  return {
    onMessage(raw: unknown, from: string) {
      if (sim.isClientRequest(raw)) {
        const key = raw.key ?? '';
        if (raw.f === 'read') {
          let value: unknown = null;
          for (const e of log) if (e.key === key) value = e.value;
          return sim.replyOk(ctx, from, raw.opId, value);
        }
        append(key, raw.value ?? null);
        return sim.replyOk(ctx, from, raw.opId);
      }
      const m = raw as { type: string; from?: number; client?: string; opId?: number; key?: string; value?: unknown };
      if (m.type === 'pull') {
        const start = Math.max(0, Math.min(m.from ?? 0, log.length));
        ctx.send(from, entries(start, log.slice(start, start + BATCH)));
      } else if (m.type === 'write') {
        const id = `${m.client}/${m.opId}`;
        let position = appended.get(id);
        if (position === undefined) {
          append(m.key ?? '', m.value ?? null);
          position = log.length;
          appended.set(id, position);
        }
        ctx.send(from, { type: 'write-ok', client: m.client, opId: m.opId, position });
      }
    },
  };
  function append(key: string, value: unknown): void {
    log.push({ key, value });
    for (const f of FOLLOWERS) ctx.send(f, entries(log.length - 1, [{ key, value }]));
  }
}

/** Every pull each follower sent, in the order it sent them (the network may deliver them in another). */
type Pulls = Map<string, number[]>;

function cluster(seed: number, o: { faults: boolean; pulls?: Pulls; calm?: boolean }) {
  const pulls = o.pulls;
  const node = (ctx: sim.NodeContext<LearnerDurable>): sim.NodeHandlers => {
    if (ctx.id === LEADER) return createLeader(ctx);
    if (pulls === undefined) return new learner.Follower(ctx);
    const send = (to: string, msg: unknown): void => {
      const m = msg as { type?: string; from?: unknown };
      if (to === LEADER && m?.type === 'pull') pulls.set(ctx.id, [...(pulls.get(ctx.id) ?? []), Number(m.from)]);
      ctx.send(to, msg);
    };
    return new learner.Follower({ ...ctx, send });
  };
  // Per seed: one follower is cut off from the leader for a while, the other crashes and restarts.
  const cut = FOLLOWERS[seed % 2] as string;
  const crashed = FOLLOWERS[(seed + 1) % 2] as string;
  const cutAt = 30 + (seed % 70);
  const crashAt = 40 + ((seed * 13) % 90);
  const faults: sim.ScheduledFault[] = o.faults
    ? [
        { atMs: cutAt, fault: { kind: 'partition', groups: [[LEADER], [cut]] } },
        { atMs: cutAt + 60 + ((seed * 7) % 120), fault: { kind: 'heal' } },
        { atMs: crashAt, fault: { kind: 'crash', node: crashed } },
        { atMs: crashAt + 30 + ((seed * 11) % 100), fault: { kind: 'restart', node: crashed } },
      ]
    : [];
  return sim.runCluster<LearnerDurable>({
    seed,
    nodes: [LEADER, ...FOLLOWERS],
    node,
    durable: (id) => (id === LEADER ? { log: [] } : learner.initDurable()),
    network: o.calm ? { latencyMs: [1, 3] } : { latencyMs: [1, 20], loss: 0.03, duplicate: 0.05, reorder: 0.1, reorderDelayMs: 40 },
    // Followers sit 20 ms from the leader in the calm run, so a read that waits or asks the leader shows.
    links: o.calm
      ? [LEADER, ...FOLLOWERS].flatMap((a) =>
          [LEADER, ...FOLLOWERS]
            .filter((b) => b !== a)
            .map((b) => ({ from: a, to: b, config: { latency: { kind: 'constant' as const, ms: 20 } } })),
        )
      : [],
    faults,
    ...(o.faults ? { nemesis: { kinds: ['pause', 'crash'] as const, nodes: FOLLOWERS, untilMs: 400, maxDurationMs: 60 } } : {}),
    workload: {
      clients: 4,
      opsPerClient: 12,
      keys: ['x', 'y'],
      targets: FOLLOWERS,
      sticky: true,
      thinkMsMax: o.calm ? 100 : 5,
      timeoutMs: 150,
    },
    // Writes straight to the leader, which followers learn of only through the log.
    clients: [
      {
        id: 'direct',
        target: LEADER,
        timeoutMs: 100,
        thinkMs: 25,
        ops: Array.from({ length: 10 }, (_, i) => ({ f: 'write', key: i % 2 ? 'x' : 'y', value: `direct-${i}` })),
      },
    ],
    checks: ['read-your-writes', 'monotonic-reads'],
    stopAtMs: 2000,
    trace: false,
  });
}

test("followers end with exactly the leader's log over 150 seeds of loss, duplication, reordering, crashes and partitions", () => {
  sim.assertEverySeed("followers converge on the leader's log", {
    seeds: 150,
    check: (seed) => {
      const r = cluster(seed, { faults: true });
      const want = r.durable[LEADER]?.log ?? [];
      const problems: string[] = [];
      for (const f of FOLLOWERS) {
        const got = r.durable[f]?.log ?? [];
        const bad = want.findIndex((e, i) => JSON.stringify(got[i]) !== JSON.stringify(e));
        if (got.length !== want.length || bad >= 0) {
          const at = bad >= 0 ? bad : Math.min(got.length, want.length);
          problems.push(
            `${f} ends with ${got.length} entries, the leader with ${want.length}; first difference at offset ${at}: ${JSON.stringify(got[at] ?? null)} vs the leader's ${JSON.stringify(want[at] ?? null)}`,
          );
        }
      }
      return problems;
    },
  });
});

test('a follower resumes from its own offset and never asks for entries it already has', () => {
  sim.assertEverySeed('pull offsets never go backwards', {
    seeds: 150,
    check: (seed) => {
      const pulls: Pulls = new Map();
      const r = cluster(seed, { faults: true, pulls });
      const problems: string[] = [];
      for (const f of FOLLOWERS) {
        const sent = pulls.get(f) ?? [];
        if (sent.length === 0) problems.push(`${f} never pulled from the leader`);
        const back = sent.findIndex((from, i) => i > 0 && from < (sent[i - 1] as number));
        if (back > 0)
          problems.push(
            `${f} pulled from offset ${sent[back - 1]}, then from ${sent[back]}: it lost entries it had (is the log in ctx.durable?) or pulls from a stale offset`,
          );
        if (sent.some((from) => !Number.isInteger(from) || from < 0))
          problems.push(`${f} pulled from a non-offset: ${sent.find((from) => !Number.isInteger(from) || from < 0)}`);
      }
      void r;
      return problems;
    },
  });
});

test('read-your-writes and monotonic reads hold on followers over 150 seeds of faults', () => {
  sim.assertEverySeed('session guarantees on followers', {
    seeds: 150,
    check: (seed) => {
      const r = cluster(seed, { faults: true });
      const problems = r.anomalies.map((a) => `${a.kind}: ${a.message}`);
      const reads = r.history.filter((e) => e.type === 'ok' && e.f === 'read' && e.node !== LEADER).length;
      if (reads < 5) problems.push(`only ${reads} reads on followers completed: reads wait for ever, or nothing is answered`);
      return problems;
    },
  });
});

test('a caught-up follower answers reads from its own copy, without waiting', () => {
  // Clients think up to 100 ms between operations, far longer than replication takes, and sit
  // 1–3 ms from their follower while the leader is 20 ms away: a read answered from the
  // follower's copy takes under 7 ms, one that waits for the leader or asks it at least 40.
  const r = cluster(1, { faults: false, calm: true });
  assert.deepEqual(
    r.anomalies.map((a) => a.message),
    [],
  );
  const ops = sim.pairHistory(r.history).filter((o) => o.f === 'read' && o.status === 'ok' && o.node !== LEADER);
  const fast = ops.filter((o) => o.completeMs - o.invokeMs < 10).length;
  assert.ok(ops.length > 10, `expected follower reads in the workload, got ${ops.length}`);
  assert.ok(
    fast >= 0.8 * ops.length,
    `only ${fast} of ${ops.length} reads were answered within 10 ms although the followers had long caught up`,
  );
});
