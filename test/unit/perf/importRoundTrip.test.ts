/**
 * Export → import round trips. Every corpus sample profile goes through speedscope JSON and
 * must come back with the same total, frame weights and stacks dump; integer-weighted ones go
 * through folded stacks too (which cannot hold idle time, so only weights are compared). A
 * seeded property test does the same for random profiles with recursion and idle gaps
 * (seed printed in the test name; rerun with the same seed to reproduce).
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { exportFolded } from '../../../extension/perf/import/exportFolded';
import { exportSpeedscope } from '../../../extension/perf/import/exportSpeedscope';
import { importProfile } from '../../../extension/perf/import/importProfile';
import { ProfileBuilder } from '../../../extension/perf/model/builder';
import { dumpStacks } from '../../../extension/perf/model/dump';
import { makeGroup } from '../../../extension/perf/model/group';
import { frameKey, type Profile, type ProfileGroup } from '../../../extension/perf/model/types';
import { frameWeights, totalWeight } from '../../../extension/perf/model/weights';
import { createRandom } from '../../../extension/util/prng';
import { readCorpus, sampleFiles } from './importCorpus';

function weightsByFrame(p: Profile): Map<string, [number, number]> {
  const { self, total } = frameWeights(p);
  const m = new Map<string, [number, number]>();
  p.frames.forEach((f, i) => {
    if (total[i]! > 0) m.set(frameKey(f), [self[i]!, total[i]!]);
  });
  return m;
}

function assertSameWeights(a: Profile, b: Profile): void {
  const tolerance = 1e-9 * Math.max(1, totalWeight(a));
  assert.ok(Math.abs(totalWeight(a) - totalWeight(b)) <= tolerance, `total ${totalWeight(a)} vs ${totalWeight(b)}`);
  const wa = weightsByFrame(a);
  const wb = weightsByFrame(b);
  assert.deepEqual([...wa.keys()].sort(), [...wb.keys()].sort());
  for (const [k, [s, t]] of wa) {
    const [s2, t2] = wb.get(k)!;
    assert.ok(Math.abs(s - s2) <= tolerance && Math.abs(t - t2) <= tolerance, `${k}: ${s}/${t} vs ${s2}/${t2}`);
  }
}

/** Folded stacks keep only names: compare the total, self weight per name, and the dump when it needs no unit and has no idle time. */
function assertSameFolded(p: Profile, q: Profile, ordered: boolean): void {
  assert.equal(totalWeight(q), totalWeight(p));
  const byName = (x: Profile): Map<string, number> => {
    const { self } = frameWeights(x);
    const m = new Map<string, number>();
    x.frames.forEach((f, i) => {
      if (self[i]! > 0) m.set(f.name, (m.get(f.name) ?? 0) + self[i]!);
    });
    return m;
  };
  assert.deepEqual(byName(q), byName(p));
  if (ordered && p.unit === 'none' && !p.samples.includes(-1)) assert.deepEqual(dumpStacks(q), dumpStacks(p));
}

function viaSpeedscope(group: ProfileGroup): ProfileGroup {
  const result = importProfile(JSON.stringify(exportSpeedscope(group)));
  assert.ok(result.kind === 'ok' && result.format === 'speedscope', JSON.stringify(result).slice(0, 300));
  return result.group;
}

describe('export → import round trips over the corpus', () => {
  for (const { file } of sampleFiles()) {
    test(`speedscope JSON: ${path.basename(file)}`, () => {
      const first = importProfile(readCorpus(file), path.basename(file));
      assert.ok(first.kind === 'ok');
      const again = viaSpeedscope(first.group);
      assert.equal(again.name, first.group.name);
      assert.equal(again.activeIndex, first.group.activeIndex);
      first.group.profiles.forEach((p, k) => {
        const q = again.profiles[k]!;
        assert.equal(q.name, p.name);
        assert.equal(q.unit, p.unit);
        assertSameWeights(p, q);
        assert.deepEqual(dumpStacks(q), dumpStacks(p));
      });
    });
    test(`folded: ${path.basename(file)}`, () => {
      const first = importProfile(readCorpus(file), path.basename(file));
      assert.ok(first.kind === 'ok');
      for (const p of first.group.profiles.filter((x) => x.weights.every(Number.isInteger))) {
        const again = importProfile(exportFolded(p));
        assert.ok(again.kind === 'ok' && again.format === 'folded');
        assertSameFolded(p, again.group.profiles[0]!, true);
        const merged = importProfile(exportFolded(p, { merge: true }));
        assert.ok(merged.kind === 'ok');
        assertSameFolded(p, merged.group.profiles[0]!, false);
      }
    });
  }
});

function randomProfile(seed: number, kind: 'sampled' | 'evented'): Profile {
  const rnd = createRandom(seed);
  const names = ['main', 'parse', 'eval', 'gc', 'alloc;x', 'lookup'];
  const builder = new ProfileBuilder({ name: `random ${seed}`, unit: kind === 'sampled' ? 'none' : 'microseconds' });
  if (kind === 'sampled') {
    for (let i = 0, n = rnd.intBetween(1, 40); i < n; i++) {
      const depth = rnd.int(6);
      const stack = Array.from({ length: depth }, () => ({
        name: rnd.pick(names),
        file: rnd.chance(0.5) ? 'a.js' : undefined,
        line: rnd.chance(0.5) ? rnd.intBetween(1, 3) : undefined,
      }));
      builder.appendSample(stack, rnd.intBetween(0, 9));
    }
  } else {
    let at = rnd.int(5);
    const open: number[] = [];
    for (let i = 0, n = rnd.intBetween(1, 60); i < n; i++) {
      if (open.length > 0 && rnd.chance(0.45)) builder.leave(open.pop()!, at);
      else {
        const f = builder.frame({ name: rnd.pick(names) });
        builder.enter(f, at);
        open.push(f);
      }
      at += rnd.int(4);
    }
    while (open.length > 0) builder.leave(open.pop()!, (at += rnd.int(3)));
  }
  return builder.build();
}

describe('export → import round trips of random profiles', () => {
  for (let seed = 1; seed <= 60; seed++) {
    for (const kind of ['sampled', 'evented'] as const) {
      test(`seed ${seed}, ${kind}`, () => {
        const p = randomProfile(seed, kind);
        if (totalWeight(p) === 0) return;
        const q = viaSpeedscope(makeGroup('g', [p])).profiles[0]!;
        assertSameWeights(p, q);
        assert.deepEqual(dumpStacks(q), dumpStacks(p));
        const folded = importProfile(exportFolded(p));
        assert.ok(folded.kind === 'ok', `seed ${seed}`);
        // Folded stacks keep weights (names with ';' are tidied to ':', as FlameGraph does).
        assert.equal(totalWeight(folded.group.profiles[0]!), totalWeight(p));
      });
    }
  }
});
