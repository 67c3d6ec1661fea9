/**
 * Built-in tests for exercise "fencing-token": the learner's lock service (n1) and storage service
 * (n2) run with three workers written here (n3–n5). Each worker increments a shared counter under
 * a lease: acquire, read, check the lease, prepare the new value for a few ms, write. Runs are
 * seeded, with workers paused (longer than a lease), the services crashing, partitions and message
 * loss. A failure names the first failing seed; set DDIA_SEED to replay just that run.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { sim } from 'ddia-labs';

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding fencing-token.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const learner = require(path.join(exerciseDir, 'fencing-token.ts')) as {
  createLockService: (ctx: sim.NodeContext<unknown>) => sim.NodeHandlers;
  initLockDurable: () => unknown;
  createStorage: (ctx: sim.NodeContext<unknown>) => sim.NodeHandlers;
  initStorageDurable: () => unknown;
};

const LOCK = 'n1';
const STORAGE = 'n2';
const WORKERS = ['n3', 'n4', 'n5'];
const KEY = 'counter';
const RETRY_MS = 5;
/** A worker that hears nothing back for this long (a lost message, a crashed service) starts the operation over. */
const STALL_MS = 30;

/** What the workers observed, for the checks (times are virtual ms: no clock faults here). */
interface Observed {
  /** Every grant a worker received. */
  grants: { worker: string; token: number; atMs: number; sentAtMs: number; leaseMs: number }[];
  /** When a worker let go of a lease (released it or gave it up); the lease is live until then or its expiry. */
  releases: { worker: string; token: number; atMs: number }[];
  /** Every storage request a worker sent, and what came back. */
  requests: {
    worker: string;
    kind: 'read' | 'write';
    token: number;
    sentAtMs: number;
    answer?: 'ok' | 'rejected';
    answeredAtMs?: number;
  }[];
  problems: string[];
}

interface Op {
  client: string;
  opId: number;
  f: string;
  req: number;
  sentAt: number;
  token?: number;
  leaseUntil?: number;
  value?: number;
  /** Index in Observed.requests of its storage request in flight. */
  request?: number;
  /** Its write went out: from then on, starting over could apply the increment twice. */
  wrote?: boolean;
}

/** A worker: each client operation ('incr' or 'read' of the counter) under a fresh lease; one open operation per client. */
function createWorker(ctx: sim.NodeContext<unknown>, seen: Observed): sim.NodeHandlers {
  let nextReq = 0;
  const byReq = new Map<number, Op>();
  const byClient = new Map<string, Op>();
  const letGo = (token: number): void => {
    seen.releases.push({ worker: ctx.id, token, atMs: ctx.now() });
    ctx.send(LOCK, { type: 'release', token });
  };
  const close = (op: Op): void => {
    if (op.token !== undefined) letGo(op.token);
    byReq.delete(op.req);
    if (byClient.get(op.client) === op) byClient.delete(op.client);
  };
  const finish = (op: Op, ok: boolean, value?: unknown): void => {
    if (ok) sim.replyOk(ctx, op.client, op.opId, value);
    else sim.replyError(ctx, op.client, op.opId, 'lease lost');
    close(op);
  };
  const acquire = (op: Op): void => {
    byReq.delete(op.req);
    op.req = ++nextReq;
    op.sentAt = ctx.now();
    byReq.set(op.req, op);
    ctx.send(LOCK, { type: 'acquire', req: op.req });
    ctx.setTimer(`stall:${op.req}`, STALL_MS);
  };
  const toStorage = (op: Op, kind: 'read' | 'write'): void => {
    if (op.token === undefined) return;
    op.request = seen.requests.length;
    if (kind === 'write') op.wrote = true;
    ctx.setTimer(`stall:${op.req}`, STALL_MS);
    seen.requests.push({ worker: ctx.id, kind, token: op.token, sentAtMs: ctx.now() });
    ctx.send(
      STORAGE,
      kind === 'read'
        ? { type: 'read', req: op.req, key: KEY, token: op.token }
        : { type: 'write', req: op.req, key: KEY, value: op.value, token: op.token },
    );
  };
  return {
    onMessage(raw: unknown, from: string) {
      if (sim.isClientRequest(raw)) {
        // The client gave up on its previous operation (it timed out): abandon that one.
        const previous = byClient.get(from);
        if (previous !== undefined) close(previous);
        const op: Op = { client: from, opId: raw.opId, f: raw.f, req: 0, sentAt: 0 };
        byClient.set(from, op);
        return acquire(op);
      }
      const m = raw as { type: string; req: number; token?: number; leaseMs?: number; value?: unknown };
      const op = byReq.get(m.req);
      if (m.type === 'granted') {
        if (typeof m.token !== 'number' || typeof m.leaseMs !== 'number' || !(m.leaseMs > 0 && m.leaseMs <= 100)) {
          seen.problems.push(`a grant must carry a numeric token and a leaseMs in (0, 100]: got ${JSON.stringify(m)}`);
          return;
        }
        seen.grants.push({ worker: ctx.id, token: m.token, atMs: ctx.now(), sentAtMs: op?.sentAt ?? -1, leaseMs: m.leaseMs });
        // A grant for an operation already abandoned: hand it straight back.
        if (op === undefined || op.token !== undefined) return letGo(m.token);
        op.token = m.token;
        // The lease counts from when we asked: the grant may have spent a while on the way.
        op.leaseUntil = op.sentAt + m.leaseMs;
        return toStorage(op, 'read');
      }
      if (op === undefined) return;
      if (m.type === 'busy') {
        ctx.cancelTimer(`stall:${op.req}`);
        return ctx.setTimer(`retry:${op.req}`, RETRY_MS);
      }
      const request = op.request === undefined ? undefined : seen.requests[op.request];
      if (
        request !== undefined &&
        request.answer === undefined &&
        (m.type === 'read-ok' || m.type === 'write-ok' || m.type === 'rejected')
      ) {
        request.answer = m.type === 'rejected' ? 'rejected' : 'ok';
        request.answeredAtMs = ctx.now();
      }
      if (m.type === 'rejected') return finish(op, false);
      if (m.type === 'read-ok') {
        const current = typeof m.value === 'number' ? m.value : 0;
        if (op.f === 'read') return finish(op, true, current);
        // The check DDIA ch. 8 warns about: right now the lease is valid...
        if (ctx.now() >= (op.leaseUntil ?? 0)) return finish(op, false);
        op.value = current + 1;
        ctx.cancelTimer(`stall:${op.req}`);
        // ...but preparing the write takes a moment, and a pause here outlives the lease.
        return ctx.setTimer(`write:${op.req}`, 2 + ctx.random.next() * 18);
      }
      if (m.type === 'write-ok') return finish(op, true, op.value);
    },
    onTimer(name: string) {
      const [what, req] = name.split(':');
      const op = byReq.get(Number(req));
      if (op === undefined) return;
      if (what === 'retry') acquire(op);
      else if (what === 'write') toStorage(op, 'write');
      else if (what === 'stall') {
        // Nothing came back. Before the write went out, start over under a new lease; after it,
        // the increment may have happened, so give up and let the client time out (unknown).
        if (op.wrote === true) return close(op);
        if (op.token !== undefined) letGo(op.token);
        op.token = undefined;
        op.request = undefined;
        acquire(op);
      }
    },
  };
}

/** A small seeded generator for the scripted pauses (the simulator draws everything else). */
function lcg(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function run(seed: number, o: { faults: boolean }) {
  const seen: Observed = { grants: [], releases: [], requests: [], problems: [] };
  const node = (ctx: sim.NodeContext<unknown>): sim.NodeHandlers => {
    if (ctx.id === LOCK) return learner.createLockService(ctx);
    if (ctx.id === STORAGE) return learner.createStorage(ctx);
    return createWorker(ctx, seen);
  };
  const incrs = (i: number): sim.ClientSpec => ({
    id: `c${i + 1}`,
    target: WORKERS[i] as string,
    timeoutMs: 500,
    thinkMs: 10 + 5 * i,
    startMs: i * 2,
    ops: Array.from({ length: 10 }, () => ({ f: 'incr', key: KEY })),
  });
  // Each seed crashes the lock service once, and pauses workers eight times for longer than a
  // lease (40–150 ms): process pauses, like a stop-the-world garbage collection.
  const crashAt = 30 + ((seed * 17) % 200);
  const draw = lcg(seed);
  const faults: sim.ScheduledFault[] = o.faults
    ? [
        { atMs: crashAt, fault: { kind: 'crash', node: LOCK } },
        { atMs: crashAt + 5 + ((seed * 7) % 40), fault: { kind: 'restart', node: LOCK } },
        ...Array.from({ length: 8 }, (): sim.ScheduledFault => ({
          atMs: 20 + draw() * 480,
          fault: { kind: 'pause', node: WORKERS[Math.floor(draw() * WORKERS.length)] as string, durationMs: 40 + draw() * 110 },
        })),
      ]
    : [];
  const r = sim.runCluster<unknown>({
    seed,
    nodes: [LOCK, STORAGE, ...WORKERS],
    node,
    durable: (id) => (id === LOCK ? learner.initLockDurable() : id === STORAGE ? learner.initStorageDurable() : {}),
    network: o.faults ? { latencyMs: [1, 5], loss: 0.02 } : { latencyMs: [1, 5] },
    faults,
    // And random pauses, crashes (the storage's too) and partitions.
    ...(o.faults
      ? { nemesis: { kinds: ['pause', 'crash', 'partition'] as const, untilMs: 500, maxDurationMs: 150, meanIntervalMs: 50 } }
      : {}),
    clients: [
      ...WORKERS.map((_, i) => incrs(i)),
      // Three tries: a request, or its answer, may be lost on the way.
      { id: 'audit', target: 'n3', timeoutMs: 150, startMs: 1400, ops: [1, 2, 3].map(() => ({ f: 'read', key: KEY })) },
    ],
    stopAtMs: 2000,
    trace: false,
  });
  return { r, seen };
}

/**
 * The audit read of the counter must count every increment acknowledged before the audit began,
 * and no more than every increment begun before it ended (acknowledged, or timed out: maybe done).
 */
function counterProblems(r: sim.ScenarioResult): string[] {
  const ops = sim.pairHistory(r.history);
  const audit = ops.find((o) => o.client === 'audit' && o.status === 'ok');
  if (audit === undefined) return ['none of three audit reads of the counter succeeded: is the lock service or the storage stuck?'];
  const incrs = ops.filter((o) => o.f === 'incr');
  const before = incrs.filter((o) => o.status === 'ok' && o.completeMs < audit.invokeMs).length;
  const atMost = incrs.filter(
    (o) => (o.status === 'ok' || o.status === 'info' || o.status === 'open') && o.invokeMs < audit.completeMs,
  ).length;
  const value = Number(audit.output);
  const problems: string[] = [];
  if (value < before)
    problems.push(
      `${before} increments were acknowledged before the audit read the counter as ${value}: ${before - value} lost, overwritten by a worker whose lease had run out`,
    );
  if (value > atMost) problems.push(`the audit read ${value}, more than the ${atMost} increments begun before it ended`);
  const ok = incrs.filter((o) => o.status === 'ok').length;
  if (ok < 5) problems.push(`only ${ok} of 30 increments succeeded`);
  return problems;
}

test('no increment is lost over 150 seeds of paused workers, crashes and message loss', () => {
  sim.assertEverySeed('every acknowledged increment counted', {
    seeds: 150,
    check: (seed) => {
      const { r, seen } = run(seed, { faults: true });
      return [...seen.problems, ...counterProblems(r)];
    },
  });
});

test('every request carrying a token older than one the storage already served is rejected', () => {
  let stale = 0;
  sim.assertEverySeed('stale tokens are fenced off', {
    seeds: 150,
    check: (seed) => {
      const { seen } = run(seed, { faults: true });
      const problems = [...seen.problems];
      for (const q of seen.requests) {
        // A request with a higher token was answered before this one was even sent: the storage
        // had served that token, so this one is out of date.
        const newer = seen.requests.find((p) => p.token > q.token && p.answer === 'ok' && (p.answeredAtMs ?? Infinity) < q.sentAtMs);
        if (newer === undefined || q.answer === undefined) continue;
        stale++;
        if (q.answer === 'ok')
          problems.push(
            `${q.worker}'s ${q.kind} with token ${q.token} (sent at ${q.sentAtMs.toFixed(1)} ms) was accepted, although the storage had already served ${newer.worker}'s ${newer.kind} with token ${newer.token}`,
          );
      }
      return problems;
    },
  });
  // Without stale requests this test would prove nothing: the pauses must produce some.
  if (process.env['DDIA_SEED'] === undefined)
    assert.ok(stale >= 20, `only ${stale} stale requests in 150 seeds: the runs do not exercise fencing`);
});

test('tokens only grow, even across lock-service crashes', () => {
  sim.assertEverySeed('tokens are unique and increasing', {
    seeds: 150,
    check: (seed) => {
      const { seen } = run(seed, { faults: true });
      const problems = [...seen.problems];
      const byToken = new Map<number, string>();
      for (const g of seen.grants) {
        const twice = byToken.get(g.token);
        if (twice !== undefined && twice !== `${g.worker}@${g.sentAtMs}`)
          problems.push(`token ${g.token} was handed out twice (to ${twice.split('@')[0]} and ${g.worker})`);
        byToken.set(g.token, `${g.worker}@${g.sentAtMs}`);
      }
      // In real time: a lease asked for after another was granted must carry a larger token.
      for (const a of seen.grants)
        for (const b of seen.grants)
          if (b.sentAtMs > a.atMs && b.token <= a.token)
            problems.push(
              `${b.worker} asked at ${b.sentAtMs.toFixed(1)} ms, after ${a.worker} got token ${a.token}, and got the smaller token ${b.token}`,
            );
      if (seen.grants.length === 0) problems.push('no lease was ever granted');
      return problems.slice(0, 5);
    },
  });
});

test('the lock service never grants a lease while another is live, even after its own crash', () => {
  sim.assertEverySeed('one live lease at a time', {
    seeds: 150,
    check: (seed) => {
      const { seen } = run(seed, { faults: true });
      const problems = [...seen.problems];
      const granted = seen.grants.filter((g) => g.sentAtMs >= 0).sort((a, b) => a.token - b.token);
      for (const [i, a] of granted.entries()) {
        // a's lease is live from its request until its expiry, or until a let go of it if earlier.
        const released = seen.releases.find((x) => x.token === a.token && x.worker === a.worker);
        const liveUntil = Math.min(a.sentAtMs + a.leaseMs, released?.atMs ?? Infinity);
        for (const b of granted.slice(i + 1)) {
          // b's request went out after a's lease began, and b was granted before a's lease ended.
          if (b.sentAtMs > a.sentAtMs && b.atMs < liveUntil && b.worker !== a.worker)
            problems.push(
              `${b.worker} got token ${b.token} at ${b.atMs.toFixed(1)} ms while ${a.worker}'s lease (token ${a.token}) was live until ${liveUntil.toFixed(1)} ms`,
            );
        }
      }
      return problems.slice(0, 5);
    },
  });
});

test('without faults, the lock takes turns and every increment succeeds', () => {
  for (const seed of [1, 2, 3]) {
    const { r, seen } = run(seed, { faults: false });
    assert.deepEqual(seen.problems, []);
    const ops = sim.pairHistory(r.history);
    const failed = ops.filter((o) => o.status !== 'ok');
    assert.deepEqual(
      failed.map((o) => `${o.client} ${o.f}: ${o.status}`),
      [],
      `seed ${seed}: every operation should succeed on a network without faults`,
    );
    assert.equal(
      Number(ops.find((o) => o.client === 'audit' && o.status === 'ok')?.output),
      30,
      `seed ${seed}: 30 increments, so the counter should read 30`,
    );
  }
});
