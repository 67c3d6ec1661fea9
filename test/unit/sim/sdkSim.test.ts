/**
 * The learner-facing `sim` SDK: a cluster of the learner's own node classes or factories runs
 * deterministically, durable state survives crashes while volatile state does not, checkers run by
 * name, and bad options are clear errors.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import * as sim from '../../../extension/sdk/sim';

interface Durable {
  values: Record<string, unknown>;
}

/** A one-node-per-key store with no replication: every node keeps its own copy (reads can be stale). */
class LocalStore implements sim.NodeHandlers {
  private volatileWrites = 0;
  constructor(private readonly ctx: sim.NodeContext<Durable>) {}
  onMessage(msg: unknown, from: string): void {
    if (!sim.isClientRequest(msg)) return;
    if (msg.f === 'write') {
      this.ctx.durable.values[msg.key ?? ''] = msg.value;
      this.volatileWrites++;
      sim.replyOk(this.ctx, from, msg.opId);
    } else sim.replyOk(this.ctx, from, msg.opId, this.ctx.durable.values[msg.key ?? ''] ?? null);
  }
  inspect(): unknown {
    return { volatileWrites: this.volatileWrites };
  }
}

const base = {
  seed: 4,
  node: LocalStore,
  durable: (): Durable => ({ values: {} }),
  workload: { clients: 3, opsPerClient: 20, keys: ['x'] },
};

describe('sim SDK: runCluster', () => {
  test('same seed, same hash; the result is a ScenarioResult with history and trace', () => {
    const a = sim.runCluster(base);
    const b = sim.runCluster(base);
    assert.equal(a.hash, b.hash);
    assert.match(a.hash, /^[0-9a-f]{32}$/);
    assert.equal(a.scenario, 'cluster');
    assert.equal(sim.outcomes(a.history).ok, 60);
    assert.notEqual(sim.runCluster({ ...base, seed: 5 }).hash, a.hash);
  });
  test('a node may be a factory function as well as a class', () => {
    const r = sim.runCluster({ ...base, node: (ctx: sim.NodeContext<Durable>) => new LocalStore(ctx) });
    assert.equal(r.hash, sim.runCluster(base).hash);
  });
  test('checks run by name: unreplicated copies give stale reads', () => {
    const r = sim.runCluster({ ...base, checks: ['stale-reads', 'read-your-writes'] });
    assert.ok(r.anomalies.some((a) => a.kind === 'stale-read'));
    assert.throws(() => sim.check(r.history, ['nope' as sim.CheckName]), /unknown check "nope"/);
  });
  test('durable state survives a crash, volatile state does not', () => {
    const r = sim.runCluster({
      ...base,
      nodes: ['a'],
      workload: { clients: 1, opsPerClient: 10, keys: ['x'], writeProbability: 1, thinkMsMax: 1 },
      faults: [
        { atMs: 1000, fault: { kind: 'crash', node: 'a' } },
        { atMs: 1001, fault: { kind: 'restart', node: 'a' } },
      ],
    });
    assert.equal(r.durable['a']?.values['x'], 'c1-9');
    assert.deepEqual(r.nodeStates['a'], { volatileWrites: 0 });
  });
  test('the nemesis draws faults from the seed; sticky workloads keep each client on one node', () => {
    const r = sim.runCluster({ ...base, nemesis: { kinds: ['crash', 'partition'] }, workload: { ...base.workload, sticky: true } });
    assert.ok(r.faults.length > 0);
    assert.deepEqual(r.faults, sim.runCluster({ ...base, nemesis: { kinds: ['crash', 'partition'] } }).faults);
    for (const c of ['c1', 'c2', 'c3']) {
      const targets = new Set(r.history.filter((e) => e.client === c && e.type === 'invoke').map((e) => e.node));
      assert.equal(targets.size, 1, `${c} went to ${[...targets].join(', ')}`);
    }
  });
  test('bad options are clear errors', () => {
    assert.throws(() => sim.runCluster({ ...base, nodes: 0 }), /nodes must be a positive integer/);
    assert.throws(() => sim.runCluster({ ...base, network: { loss: 2 } }), /network.loss is a probability/);
    assert.throws(() => sim.runCluster({ ...base, node: 42 as never }), /node must be a class or a function/);
  });
});
