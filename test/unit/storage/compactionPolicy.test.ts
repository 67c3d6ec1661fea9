/**
 * Compaction policies as pure functions, checked on the I/O-free simulator. Property: across
 * hundreds of seeded random flushes (overwrites and deletes included), after every settled
 * compaction round each key reads back its latest value (no key lost or resurrected), leveled
 * levels below L0 stay sorted and non-overlapping, and the shape stays bounded. Seeds printed.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRandom } from '../../../extension/util/prng';
import { CompactionSimulator } from '../../../extension/storage/lsm/compactionSimulator';
import { createLeveledPolicy } from '../../../extension/storage/lsm/leveledCompaction';
import { createTieredPolicy } from '../../../extension/storage/lsm/tieredCompaction';
import { type CompactionPolicy, isSortedRun } from '../../../extension/storage/lsm/compactionPolicy';

const leveled = (): CompactionPolicy =>
  createLeveledPolicy({ l0CompactionTrigger: 4, baseLevelBytes: 4000, levelSizeMultiplier: 4, maxLevels: 5 });
const tiered = (): CompactionPolicy => createTieredPolicy({ maxTiers: 4 });

function simulate(seed: number, policy: CompactionPolicy): CompactionSimulator {
  const rng = createRandom(seed);
  const sim = new CompactionSimulator(policy, { tableEntries: 40, entryBytes: 100 });
  const model = new Map<string, string>();
  for (let flush = 0; flush < 150; flush++) {
    const writes = new Map<string, string | null>();
    for (let i = 0; i < 30; i++) {
      const k = `k${String(rng.int(600)).padStart(3, '0')}`;
      const v = rng.chance(0.2) ? null : `${flush}.${i}`;
      writes.set(k, v);
    }
    for (const [k, v] of writes) {
      if (v === null) model.delete(k);
      else model.set(k, v);
    }
    sim.flush(writes);
    // Every key every 10 flushes, a random sample in between (keeps the file fast).
    const all = flush % 10 === 9;
    for (let n = 0; n < (all ? 600 : 40); n++) {
      const i = all ? n : rng.int(600);
      const k = `k${String(i).padStart(3, '0')}`;
      assert.equal(sim.get(k), model.get(k), `seed ${seed}, ${policy.style}, flush ${flush}: key ${k}`);
    }
    if (policy.style === 'leveled') {
      sim.state.levels
        .slice(1)
        .forEach((level, l) => assert.ok(isSortedRun(level), `seed ${seed}: L${l + 1} overlaps after flush ${flush}`));
      assert.ok((sim.state.levels[0]?.length ?? 0) < 4, 'L0 left at its trigger');
    } else {
      assert.ok(sim.state.levels.length < 4, `seed ${seed}: ${sim.state.levels.length} tiers left`);
      sim.state.levels.forEach((tier) => assert.ok(isSortedRun(tier)));
    }
  }
  return sim;
}

describe('compaction policies (pure, simulated)', () => {
  for (const seed of [1, 2, 3, 4]) {
    test(`leveled never loses a key and keeps levels sorted and non-overlapping, seed ${seed}`, () => {
      const sim = simulate(seed, leveled());
      assert.ok(sim.steps.length > 10);
    });
    test(`tiered never loses a key and keeps tiers as sorted runs, seed ${seed}`, () => {
      const sim = simulate(seed, tiered());
      assert.ok(sim.steps.length > 10);
    });
  }

  test('pickCompaction is null on an empty shape and a leveled L0 below its trigger', () => {
    assert.equal(leveled().pickCompaction({ levels: [] }), null);
    assert.equal(tiered().pickCompaction({ levels: [] }), null);
    const sim = new CompactionSimulator(leveled(), { tableEntries: 10, entryBytes: 10 });
    sim.flush(new Map([['a', '1']]));
    assert.equal(sim.policy.pickCompaction(sim.state), null);
    assert.equal(sim.state.levels[0]?.length, 1);
  });

  test('leveled: L0 compaction drops tombstones only when nothing older lies below', () => {
    const p = leveled();
    const enc = new TextEncoder();
    const t = (id: number, a: string, b: string) => ({
      id,
      smallest: enc.encode(a),
      largest: enc.encode(b),
      sizeBytes: 10,
      entryCount: 1,
      tombstoneCount: 1,
    });
    const l0 = [t(1, 'a', 'c'), t(2, 'b', 'd'), t(3, 'a', 'b'), t(4, 'c', 'd')];
    const withBelow = p.pickCompaction({ levels: [l0, [], [t(5, 'b', 'b')]] });
    assert.equal(withBelow?.bottom, false);
    const nothingBelow = p.pickCompaction({ levels: [l0, [], [t(5, 'x', 'z')]] });
    assert.equal(nothingBelow?.bottom, true);
    assert.equal(nothingBelow?.outputLevel, 1);
  });
});
