/**
 * Computations over the model: weights (recursion counted once per sample, checked against a
 * brute-force count on seeded random profiles), the merged and time-ordered call trees,
 * sandwich, diff and value formatting.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { ProfileBuilder } from '../../../extension/perf/model/builder';
import { mergedCallTree, timeOrderedCallTree } from '../../../extension/perf/model/callTree';
import { diffProfiles } from '../../../extension/perf/model/diff';
import { dumpStacks } from '../../../extension/perf/model/dump';
import { formatValue } from '../../../extension/perf/model/formatValue';
import { sandwichOf } from '../../../extension/perf/model/sandwich';
import { type Profile, type ValueUnit } from '../../../extension/perf/model/types';
import { frameWeights, idleWeight, stackPath, totalWeight } from '../../../extension/perf/model/weights';
import { createRandom } from '../../../extension/util/prng';

/** A profile from `a;b;c 3` lines; an empty stack (` 2`) is idle time. */
function folded(text: string, unit: ValueUnit = 'none'): Profile {
  const b = new ProfileBuilder({ unit });
  for (const line of text.split('\n').filter(Boolean)) {
    const at = line.lastIndexOf(' ');
    const stack = line.slice(0, at).trim();
    b.appendSample(stack ? stack.split(';').map((name) => ({ name })) : [], Number(line.slice(at + 1)));
  }
  return b.build();
}

const names = (p: Profile, frames: Iterable<number>): string[] => [...frames].map((f) => p.frames[f]!.name);

describe('weights', () => {
  test('a recursive frame counts once per sample in its total, every time in nobody else’s', () => {
    const p = folded('a;b;a;b 2\na 1\na;b;a 4\n 5');
    const { self, total } = frameWeights(p);
    assert.deepEqual([...self], [1 + 4, 2]);
    assert.deepEqual([...total], [7, 6]);
    assert.equal(totalWeight(p), 7);
    assert.equal(idleWeight(p), 5);
  });

  test('frame weights agree with a brute-force count on random profiles (seeds 1..40)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = createRandom(seed);
      const b = new ProfileBuilder();
      const samples: [string[], number][] = [];
      for (let i = 0; i < 30; i++) {
        const stack = Array.from({ length: rnd.int(7) }, () => rnd.pick(['a', 'b', 'c', 'd']));
        const w = rnd.intBetween(1, 5);
        samples.push([stack, w]);
        b.appendSample(
          stack.map((name) => ({ name })),
          w,
        );
      }
      const p = b.build();
      const { self, total } = frameWeights(p);
      p.frames.forEach((f, i) => {
        const selfExpected = samples.filter(([s]) => s.at(-1) === f.name).reduce((a, [, w]) => a + w, 0);
        const totalExpected = samples.filter(([s]) => s.includes(f.name)).reduce((a, [, w]) => a + w, 0);
        assert.equal(self[i], selfExpected, `seed ${seed} ${f.name} self`);
        assert.equal(total[i], totalExpected, `seed ${seed} ${f.name} total`);
      });
    }
  });
});

describe('call trees', () => {
  const p = folded('a;b 1\na;c 5\n 3\na;b 2\nd 1');

  test('merged tree is left-heavy: heavier children first, laid end to end', () => {
    const t = mergedCallTree(p);
    assert.equal(t.span, 9);
    assert.deepEqual(
      t.nodes.map((n) => [p.frames[n.frame]!.name, n.depth, n.start, n.total, n.self]),
      [
        ['a', 0, 0, 8, 0],
        ['c', 1, 0, 5, 5],
        ['b', 1, 5, 3, 3],
        ['d', 0, 8, 1, 1],
      ],
    );
    assert.equal(t.nodes[1]!.parent, 0);
  });

  test('time-ordered tree has one node per call and keeps idle gaps', () => {
    const t = timeOrderedCallTree(p);
    assert.equal(t.span, 12);
    assert.deepEqual(
      t.nodes.map((n) => [p.frames[n.frame]!.name, n.depth, n.start, n.total]),
      [
        ['a', 0, 0, 6],
        ['b', 1, 0, 1],
        ['c', 1, 1, 5],
        ['a', 0, 9, 2],
        ['b', 1, 9, 2],
        ['d', 0, 11, 1],
      ],
    );
  });

  test('the stacks dump prints idle time with an empty stack and formats by unit', () => {
    assert.deepEqual(dumpStacks(folded(' 1500\na;b 2000\na 500', 'microseconds')), [' 1.50ms', 'a;b 2.00ms', 'a 500.00µs']);
  });
});

describe('sandwich', () => {
  const p = folded('main;f;g 2\nmain;h;f 3\nmain;f;f;k 1\nmain 4');
  const f = p.frames.findIndex((x) => x.name === 'f');

  test('callers are inverted stacks weighted by the outermost call, totalling the frame’s total', () => {
    const { callers } = sandwichOf(p, f);
    assert.equal(totalWeight(callers), frameWeights(p).total[f]);
    const lines = callers.samples.map((s, i) => `${names(callers, stackPath(callers, s)).join(';')} ${callers.weights[i]}`);
    assert.deepEqual(lines.sort(), ['f;h;main 3', 'f;main 3']);
  });

  test('callees are the subtrees under the outermost calls', () => {
    const { callees } = sandwichOf(p, f);
    const { self } = frameWeights(callees);
    assert.equal(totalWeight(callees), 6);
    assert.deepEqual(
      callees.frames.map((x, i) => [x.name, self[i]]).filter(([, w]) => (w as number) > 0),
      [
        ['f', 3],
        ['g', 2],
        ['k', 1],
      ],
    );
  });

  test('an unknown frame index is an error', () => assert.throws(() => sandwichOf(p, 99), /unknown frame index 99/));
});

describe('diff', () => {
  test('stacks are matched by frames, not indices, and changes come largest first', () => {
    const before = folded('a;b 5\na;c 2');
    const after = folded('x 1\na;c 6\na;b 5');
    const d = diffProfiles(before, after);
    assert.equal(d.before.totalWeight, 7);
    assert.equal(d.after.totalWeight, 12);
    assert.deepEqual(
      d.changes.map((c) => [c.names.join(';'), c.before, c.after]),
      [
        ['a;c', 2, 6],
        ['x', 0, 1],
      ],
    );
    const a = d.stackFrame.findIndex((f, s) => d.frames[f]!.name === 'a' && d.stackParent[s] === -1);
    assert.deepEqual([d.before.total[a], d.after.total[a]], [7, 11]);
  });

  test('profiles in different units do not diff', () => {
    assert.throws(() => diffProfiles(folded('a 1'), folded('a 1', 'seconds')), /cannot diff/);
  });
});

describe('formatValue', () => {
  const cases: [number, ValueUnit, string][] = [
    [1234567, 'none', '1,234,567'],
    [11570, 'microseconds', '11.57ms'],
    [0.0005, 'seconds', '500.00µs'],
    [2, 'seconds', '2.00s'],
    [125, 'seconds', '2:05'],
    [12, 'nanoseconds', '12.00ns'],
    [-3, 'milliseconds', '-3.00ms'],
    [512, 'bytes', '512 B'],
    [3 * 1024 * 1024, 'bytes', '3.00 MB'],
  ];
  for (const [v, unit, text] of cases) test(`${v} ${unit} → ${text}`, () => assert.equal(formatValue(v, unit), text));
});
