/**
 * The simulator core: each fault kind has its observable effect, the network model's loss,
 * duplication and latency settings act, and every bound stops a run with a typed error.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { SimBoundError } from '../../../extension/sim/core/bounds';
import { EventQueue } from '../../../extension/sim/core/eventQueue';
import { drawNemesis } from '../../../extension/sim/core/faults';
import { runSimulation, type SimOptions } from '../../../extension/sim/core/simulator';
import { deriveRandom } from '../../../extension/sim/core/streams';
import { pingProgram, type PingDurable } from './pingProgram';

const SEED = 42;
function run(extra: Partial<SimOptions<PingDurable>> = {}) {
  return runSimulation<PingDurable>({
    seed: SEED,
    nodes: ['a', 'b', 'c'],
    program: pingProgram(),
    stopAtMs: 200,
    network: { latency: { kind: 'constant', ms: 2 } },
    ...extra,
  });
}
const fromTo = (r: ReturnType<typeof run>, from: string, to: string) => (r.durable[to]?.received ?? []).filter((m) => m.from === from);

describe('simulator: event queue', () => {
  test('equal times pop in insertion order, earlier times first', () => {
    const q = new EventQueue(10, () => ({ atMs: 0, events: 0 }));
    for (const [at, tag] of [
      [5, 'x'],
      [1, 'y'],
      [5, 'z'],
      [1, 'w'],
    ] as const)
      q.push(at, 0, 0, 0, 0, 0, tag, -1);
    assert.deepEqual(
      [1, 2, 3, 4].map(() => (q.pop() ? q.topPayload : undefined)),
      ['y', 'w', 'x', 'z'],
    );
    assert.equal(q.pop(), false);
  });
  test('a random interleaving of pushes and pops matches a sorted reference, across growth and slot reuse', () => {
    const rng = deriveRandom(7, 'queue-test');
    const q = new EventQueue(10_000, () => ({ atMs: 0, events: 0 }), 1);
    const ref: { at: number; seq: number }[] = [];
    let seq = 0;
    let now = 0;
    for (let step = 0; step < 4000; step++) {
      if (ref.length === 0 || rng.chance(0.55)) {
        // Coarse times make equal-time ties common, so the sequence tie-break is exercised.
        const at = now + rng.int(5);
        q.push(at, 0, 0, 0, seq, 0, null, -1);
        ref.push({ at, seq: seq++ });
      } else {
        ref.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const want = ref.shift();
        assert.ok(q.pop());
        assert.equal(q.topId, want?.seq);
        now = q.topAt;
      }
      assert.equal(q.size, ref.length);
    }
  });
  test('pushing past the bound throws SimBoundError("queue")', () => {
    const q = new EventQueue(3, () => ({ atMs: 9, events: 4 }));
    for (let i = 0; i < 3; i++) q.push(i, 0, 0, 0, 0, 0, null, -1);
    assert.throws(
      () => q.push(5, 0, 0, 0, 0, 0, null, -1),
      (e: unknown) => e instanceof SimBoundError && e.bound === 'queue' && e.limit === 3,
    );
  });
});

describe('simulator: faults', () => {
  test('fault-free: every ping arrives once, in order, 2 ms after sending', () => {
    const r = run();
    const got = fromTo(r, 'a', 'b');
    assert.equal(got.length, 19);
    assert.deepEqual(
      got.map((m) => m.seq),
      Array.from({ length: 19 }, (_, i) => i + 1),
    );
    assert.ok(Math.abs((got[0]?.atLocalMs ?? 0) - 12) < 1e-9);
  });
  test('crash drops messages to the node, loses volatile state, keeps durable state; restart calls onRecover', () => {
    const p = pingProgram();
    const r = runSimulation<PingDurable>({
      seed: SEED,
      nodes: ['a', 'b'],
      program: p,
      stopAtMs: 200,
      network: { latency: { kind: 'constant', ms: 2 } },
      faults: [
        { atMs: 55, fault: { kind: 'crash', node: 'b' } },
        { atMs: 105, fault: { kind: 'restart', node: 'b' } },
      ],
    });
    const seqs = fromTo(r, 'a', 'b').map((m) => m.seq);
    assert.ok(!seqs.includes(6) && !seqs.includes(10) && seqs.includes(5) && seqs.includes(11), String(seqs));
    assert.equal(r.durable['b']?.boots, 2);
    assert.ok((p.volatile.get('b') ?? 0) < seqs.length, 'the volatile counter restarted after the crash');
    assert.ok(r.trace.some((e) => e.k === 'drop' && e.reason === 'down'));
  });
  test('pause delays delivery until the node resumes, then delivers in arrival order', () => {
    const r = run({ faults: [{ atMs: 50, fault: { kind: 'pause', node: 'b', durationMs: 60 } }] });
    const got = fromTo(r, 'a', 'b');
    const late = got.filter((m) => Math.abs(m.atLocalMs - 110) < 1e-9).map((m) => m.seq);
    assert.deepEqual(late, [5, 6, 7, 8, 9, 10]);
    assert.equal(got.length, 19, 'a pause loses nothing');
  });
  test('clock offset and drift change local time and local timer periods', () => {
    const r = run({
      faults: [
        { atMs: 0, fault: { kind: 'clock-offset', node: 'b', deltaMs: 1000 } },
        { atMs: 0, fault: { kind: 'clock-drift', node: 'a', drift: 1 } },
      ],
    });
    assert.ok((fromTo(r, 'a', 'b')[0]?.atLocalMs ?? 0) > 1000);
    // a's clock runs twice as fast from t=0, so after its first timer (armed at boot, before the
    // drift, for 10 virtual ms) it fires every 5 virtual ms: at 10, 15, …, 195.
    assert.equal(fromTo(r, 'a', 'c').length, 38);
  });
  test('a symmetric partition cuts both directions until healed', () => {
    const r = run({
      faults: [
        { atMs: 50, fault: { kind: 'partition', groups: [['a'], ['b', 'c']] } },
        { atMs: 150, fault: { kind: 'heal' } },
      ],
    });
    const ab = fromTo(r, 'a', 'b').map((m) => m.seq);
    const ba = fromTo(r, 'b', 'a').map((m) => m.seq);
    for (const s of [ab, ba]) assert.ok(s.includes(4) && !s.includes(10) && s.includes(16), String(s));
    assert.equal(fromTo(r, 'b', 'c').length, 19);
  });
  test('an asymmetric partition cuts one direction only', () => {
    const r = run({ faults: [{ atMs: 0, fault: { kind: 'block', from: 'a', to: 'b' } }] });
    assert.equal(fromTo(r, 'a', 'b').length, 0);
    assert.equal(fromTo(r, 'b', 'a').length, 19);
  });
  test('loss and duplication follow the link configuration', () => {
    const r = run({
      links: [
        { from: 'a', to: 'b', config: { lossProbability: 0.5 } },
        { from: 'a', to: 'c', config: { duplicateProbability: 1 } },
      ],
      stopAtMs: 2000,
    });
    const lost = fromTo(r, 'a', 'b').length;
    assert.ok(lost > 60 && lost < 140, `about half of 199 arrive, got ${lost}`);
    assert.equal(fromTo(r, 'a', 'c').length, 2 * 199);
    assert.equal(fromTo(r, 'b', 'c').length, 199);
  });
  test('changing one link’s loss does not change other links’ latencies', () => {
    const base = run({ network: { latency: { kind: 'exponential', minMs: 1, meanMs: 3 } } });
    const lossy = run({
      network: { latency: { kind: 'exponential', minMs: 1, meanMs: 3 } },
      links: [{ from: 'a', to: 'b', config: { lossProbability: 0.3 } }],
    });
    assert.deepEqual(fromTo(lossy, 'b', 'c'), fromTo(base, 'b', 'c'));
  });
  test('latency distributions: uniform and pareto stay within their ranges; reordering reorders', () => {
    const latencies = (r: ReturnType<typeof run>): number[] => {
      const sent = new Map<number, number>();
      const out: number[] = [];
      for (const e of r.trace) {
        if (e.k === 'send') sent.set(e.msgId, e.t);
        if (e.k === 'deliver') out.push(e.t - (sent.get(e.msgId) ?? NaN));
      }
      return out;
    };
    const u = latencies(run({ network: { latency: { kind: 'uniform', minMs: 1, maxMs: 3 } } }));
    assert.ok(u.every((l) => l >= 1 && l <= 3) && new Set(u).size > 10);
    const p = latencies(run({ network: { latency: { kind: 'pareto', scaleMs: 1, shape: 1.5, maxMs: 40 } }, stopAtMs: 2000 }));
    assert.ok(p.every((l) => l >= 1 && l <= 40) && p.some((l) => l > 10), 'pareto has a long tail');
    const re = run({ network: { latency: { kind: 'constant', ms: 1 }, reorderProbability: 0.5, reorderDelayMsMax: 30 }, stopAtMs: 1000 });
    const seqs = fromTo(re, 'a', 'b').map((m) => m.seq);
    assert.ok(
      seqs.some((s, i) => i > 0 && s < (seqs[i - 1] ?? 0)),
      'some message overtook another',
    );
  });
  test('the nemesis is drawn from its seed and repairs everything by its end', () => {
    const o = {
      nodes: ['a', 'b', 'c'],
      startMs: 0,
      endMs: 500,
      meanIntervalMs: 30,
      faultDurationMsMax: 60,
      kinds: ['crash', 'pause', 'partition', 'asymmetric', 'clock'] as const,
    };
    const s1 = drawNemesis(deriveRandom(7, 'nemesis'), o);
    assert.deepEqual(drawNemesis(deriveRandom(7, 'nemesis'), o), s1);
    assert.notDeepEqual(drawNemesis(deriveRandom(8, 'nemesis'), o), s1);
    const crashes = s1.filter((f) => f.fault.kind === 'crash').length;
    assert.equal(crashes, s1.filter((f) => f.fault.kind === 'restart').length);
    assert.deepEqual(s1[s1.length - 1]?.fault, { kind: 'heal' });
    const r = run({ faults: s1, stopAtMs: 800 });
    assert.ok(r.trace.filter((e) => e.k === 'fault').length === s1.length);
  });
});

describe('simulator: bounds', () => {
  test('the event bound stops a run with SimBoundError("events")', () => {
    assert.throws(
      () => run({ bounds: { maxEvents: 50 } }),
      (e: unknown) => e instanceof SimBoundError && e.bound === 'events' && e.limit === 50,
    );
  });
  test('the time bound stops a never-ending run', () => {
    assert.throws(
      () => run({ stopAtMs: undefined, bounds: { maxTimeMs: 1000 } }),
      (e: unknown) => e instanceof SimBoundError && e.bound === 'time',
    );
  });
  test('the queue bound stops a message flood', () => {
    assert.throws(
      () => run({ network: { latency: { kind: 'constant', ms: 500 } }, bounds: { maxQueueSize: 20 } }),
      (e: unknown) => e instanceof SimBoundError && e.bound === 'queue',
    );
  });
});
