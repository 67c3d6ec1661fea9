/**
 * Protocol properties from DDIA ch. 5, each over fixed, printed seeds:
 * async replication loses acknowledged writes on failover for some seed (sync never does);
 * w + r > n without a sloppy quorum gives no stale reads in fault-free runs; a sloppy quorum can
 * return a stale read (a strict one fails the write instead); LWW drops an acknowledged write;
 * version vectors keep concurrent writes as siblings; fencing prevents split-brain data loss.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { runScenario } from '../../../extension/sim/scenarios/registry';

const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

describe('single leader', () => {
  test('async: some seed in 1..30 loses an acknowledged write on failover', () => {
    const losing = SEEDS.filter((s) => runScenario('async-failover-loses-writes', s).anomalies.some((a) => a.kind === 'lost-write'));
    assert.ok(losing.length > 0, 'no seed lost a write');
  });
  test('sync: no seed in 1..30 loses an acknowledged write on failover', () => {
    for (const seed of SEEDS) {
      const r = runScenario('async-failover-loses-writes', seed, { mode: 'sync' });
      assert.deepEqual(r.anomalies, [], `seed ${seed}`);
      assert.ok(
        r.history.some((e) => e.type === 'ok' && e.f === 'write'),
        `seed ${seed}: some write succeeded`,
      );
    }
  });
  test('the restarted old leader catches up with the new leader', () => {
    const r = runScenario('async-failover-loses-writes', 1);
    const states = r.nodeStates as Record<string, { logLength: number; leader: string }>;
    assert.equal(states['n1']?.logLength, states['n2']?.logLength);
    assert.equal(states['n1']?.leader, 'n2');
  });
  test('split brain without fencing loses acknowledged writes; with fencing it does not (seeds 1..10)', () => {
    for (const seed of SEEDS.slice(0, 10)) {
      assert.ok(runScenario('split-brain-without-fencing', seed).anomalies.length > 0, `seed ${seed} without fencing`);
      assert.deepEqual(runScenario('split-brain-without-fencing', seed, { fencing: true }).anomalies, [], `seed ${seed} with fencing`);
    }
  });
});

describe('leaderless', () => {
  test('w + r > n, strict quorum, no faults: no stale reads over seeds 1..30', () => {
    for (const seed of SEEDS) {
      const r = runScenario('quorum-no-stale-reads', seed);
      assert.deepEqual(r.anomalies, [], `seed ${seed}`);
      assert.ok(r.history.filter((e) => e.type === 'ok').length > 80, `seed ${seed}: operations completed`);
    }
  });
  test('w + r ≤ n (w=1, r=1, 3 clients, slow links) shows a stale read for some seed in 1..30', () => {
    const stale = SEEDS.filter(
      (s) => runScenario('quorum-no-stale-reads', s, { w: 1, r: 1, latencyMsMax: 40, clients: 3 }).anomalies.length > 0,
    );
    assert.ok(stale.length > 0);
  });
  test('sloppy quorum: the write is acknowledged and a quorum read returns the stale value; hinted handoff repairs it', () => {
    const r = runScenario('sloppy-quorum-stale-read', 1);
    assert.deepEqual(
      r.anomalies.map((a) => a.kind),
      ['stale-read'],
    );
    const reads = r.history.filter((e) => e.type === 'ok' && e.f === 'read').map((e) => e.value);
    assert.deepEqual(reads, ['old', 'new']);
    assert.ok(r.trace.some((e) => e.k === 'send' && (e.msg as { type?: string }).type === 'handoff'));
  });
  test('strict quorum in the same partition: the write is not acknowledged, so the read is not stale', () => {
    const r = runScenario('sloppy-quorum-stale-read', 1, { sloppy: false });
    assert.deepEqual(r.anomalies, []);
    assert.ok(r.history.some((e) => e.type === 'info' && e.f === 'write'));
  });
  test('with the nemesis on, runs stay within bounds and complete operations', () => {
    const r = runScenario('quorum-no-stale-reads', 3, { faults: true });
    assert.ok((r.summary['faults'] as number) > 0);
    assert.ok(r.history.some((e) => e.type === 'ok'));
  });
});

describe('multi-leader', () => {
  test('last-write-wins silently drops the later acknowledged write and records it', () => {
    const r = runScenario('lww-drops-writes', 1);
    assert.ok(r.anomalies.some((a) => a.kind === 'lost-write' && a.key === 'x'));
    const discarded = r.summary['discarded'] as { key: string; lost: unknown }[];
    assert.ok(discarded.some((d) => d.key === 'x' && d.lost === 'from-n2'));
    const finals = r.history.filter((e) => e.type === 'ok' && e.client === 'reader' && e.key === 'x').map((e) => e.value);
    assert.deepEqual(finals, ['from-n1', 'from-n1', 'from-n1']);
  });
  test('version vectors keep both concurrent writes as siblings on every node, and a later write supersedes them', () => {
    const r = runScenario('version-vectors-keep-siblings', 1);
    const reads = r.summary['reads'] as { client: string; value: unknown }[];
    assert.deepEqual(
      reads.filter((x) => x.client === 'reader').map((x) => x.value),
      Array(3).fill(['from-n1', 'from-n2']),
    );
    assert.deepEqual(
      reads.filter((x) => x.client === 'reader2').map((x) => x.value),
      Array(3).fill(['after-both']),
    );
  });
});
