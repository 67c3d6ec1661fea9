/**
 * The pure parts of the flame-graph view: search share (each sample counted once however many
 * matches its stack holds), keyboard navigation over the call tree, the colour palette, and the
 * differential tree. Inputs are real corpus files (speedscope's folded samples) and small
 * folded profiles written out in the test where a hand-checkable answer is the point.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { importProfile } from '../../../../extension/perf/import/importProfile';
import { mergedCallTree, timeOrderedCallTree } from '../../../../extension/perf/model/callTree';
import { type Profile } from '../../../../extension/perf/model/types';
import { frameWeights, totalWeight } from '../../../../extension/perf/model/weights';
import { diffTree } from '../../../../extension/views/flame/diffTree';
import { diffColour, frameColour, nameHash } from '../../../../extension/views/flame/palette';
import { compileSearch, searchTree } from '../../../../extension/views/flame/search';
import { ancestry, indexTree, move, nodeAt } from '../../../../extension/views/flame/treeIndex';

const stackcollapse = path.resolve(__dirname, '../../../../shared/corpus/speedscope/sample/profiles/stackcollapse');
const corpusDir = fs.existsSync(stackcollapse) ? stackcollapse : '/work/shared/corpus/speedscope/sample/profiles/stackcollapse';

function folded(text: string, name = 'test.folded'): Profile {
  const r = importProfile(text, name);
  assert.equal(r.kind, 'ok', JSON.stringify(r));
  return (r as { group: { profiles: readonly Profile[] } }).group.profiles[0] as Profile;
}

function corpus(file: string): Profile {
  return folded(fs.readFileSync(path.join(corpusDir, file), 'utf8'), file);
}

const names = (p: Profile, tree: ReturnType<typeof mergedCallTree>, nodes: number[]) =>
  nodes.map((n) => p.frames[tree.nodes[n]!.frame]!.name);

describe('flame view: search', () => {
  test('share counts a sample once when its stack matches twice (recursion)', () => {
    const p = folded('main;a;b;a 5\nmain;c 3\nmain;a 2\n');
    const r = searchTree(p.frames, mergedCallTree(p), /^a$/);
    assert.equal(r.matchedFrames, 1);
    assert.equal(r.matchedWeight, 7);
    assert.equal(r.share, 0.7);
  });

  test('two matching functions on one stack count once; the share is the same in time order', () => {
    const p = folded('main;parseA;parseB 4\nmain;other 6\n');
    for (const tree of [mergedCallTree(p), timeOrderedCallTree(p)]) {
      const r = searchTree(p.frames, tree, /parse/);
      assert.equal(r.matchedFrames, 2);
      assert.equal(r.share, 0.4);
    }
  });

  test('on the corpus, the share of a frame name equals its total over the profile total', () => {
    // recursion.txt has recursive stacks: frameWeights counts each sample once per frame.
    for (const file of ['recursion.txt', 'perf-vertx-stacks-01-collapsed-all.txt']) {
      const p = corpus(file);
      const { total } = frameWeights(p);
      const tree = mergedCallTree(p);
      p.frames.forEach((f, i) => {
        if (i > 40) return;
        const escaped = f.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const matching = p.frames.filter((g) => new RegExp(`^${escaped}$`).test(g.name)).length;
        if (matching !== 1) return;
        const r = searchTree(p.frames, tree, new RegExp(`^${escaped}$`));
        assert.ok(Math.abs(r.share - (total[i] as number) / totalWeight(p)) < 1e-12, `${file}: ${f.name}`);
      });
    }
  });

  test('compileSearch: empty is no search, capitals make it case-sensitive, bad patterns say why', () => {
    assert.equal(compileSearch('  '), undefined);
    const lower = compileSearch('parse');
    assert.ok(lower?.ok && lower.regex.test('PARSE'));
    const upper = compileSearch('Parse');
    assert.ok(upper?.ok && !upper.regex.test('parse'));
    const bad = compileSearch('(');
    assert.ok(bad && !bad.ok && /Unterminated group|unterminated/i.test(bad.error), JSON.stringify(bad));
  });
});

describe('flame view: keyboard navigation', () => {
  const p = folded('main;a;x 5\nmain;a;y 1\nmain;b;z 3\n');
  const tree = mergedCallTree(p);
  const idx = indexTree(tree);
  const find = (name: string) => tree.nodes.findIndex((n) => p.frames[n.frame]!.name === name);

  test('child goes to the heaviest child, parent back up, and the root has no parent', () => {
    const main = find('main');
    assert.equal(names(p, tree, [move(idx, main, 'child')])[0], 'a');
    assert.equal(names(p, tree, [move(idx, find('a'), 'child')])[0], 'x');
    assert.equal(move(idx, find('x'), 'parent'), find('a'));
    assert.equal(move(idx, main, 'parent'), main);
    assert.equal(move(idx, find('x'), 'child'), find('x'));
  });

  test('prev/next walk a row left to right across parents and stop at the ends', () => {
    assert.deepEqual(names(p, tree, [move(idx, find('x'), 'next')]), ['y']);
    assert.deepEqual(names(p, tree, [move(idx, find('y'), 'next')]), ['z']);
    assert.equal(move(idx, find('z'), 'next'), find('z'));
    assert.equal(move(idx, find('x'), 'prev'), find('x'));
    assert.deepEqual(names(p, tree, [move(idx, find('b'), 'prev')]), ['a']);
  });

  test('nodeAt finds the box under an x value by depth; ancestry gives breadcrumbs', () => {
    assert.deepEqual(names(p, tree, [nodeAt(idx, 2, 0), nodeAt(idx, 2, 5.5), nodeAt(idx, 2, 6)]), ['x', 'y', 'z']);
    assert.equal(nodeAt(idx, 2, 9), -1);
    assert.equal(nodeAt(idx, 7, 0), -1);
    assert.deepEqual(names(p, tree, ancestry(tree, find('z'))), ['main', 'b', 'z']);
  });

  test('on a 10k-node corpus tree, next from the first node of each row visits the whole row', () => {
    const big = corpus('perf-vertx-stacks-01-collapsed-all.txt');
    const t = mergedCallTree(big);
    const i = indexTree(t);
    i.byDepth.forEach((row) => {
      let at = row[0]!;
      let steps = 1;
      for (let next = move(i, at, 'next'); next !== at; at = next, next = move(i, at, 'next')) steps++;
      assert.equal(steps, row.length);
    });
  });
});

describe('flame view: palette', () => {
  test('a name always gets the same colour; hues stay out of the diff reds and blues', () => {
    assert.equal(frameColour('parseStatement', 'dark'), frameColour('parseStatement', 'dark'));
    assert.notEqual(frameColour('parseStatement', 'dark'), frameColour('parseStatement', 'light'));
    const hues = new Set<number>();
    for (const name of corpus('perf-vertx-stacks-01-collapsed-all.txt').frames.map((f) => f.name)) {
      const hue = Number(/hsl\((\d+)/.exec(frameColour(name, 'light'))![1]);
      assert.ok(hue >= 20 && hue < 180, `${name}: hue ${hue}`);
      hues.add(hue);
    }
    assert.ok(hues.size > 100, `names spread over many hues (${hues.size})`);
    assert.equal(nameHash(''), 0x811c9dc5);
  });

  test('diff colours: red for growth, blue for shrinkage, grey when unchanged', () => {
    assert.match(diffColour(0.1, 0.1, 'light'), /^hsl\(0,/);
    assert.match(diffColour(-0.1, 0.1, 'dark'), /^hsl\(215,/);
    assert.match(diffColour(0, 0.1, 'light'), /0%, 82%/);
    assert.match(diffColour(0.1, 0, 'light'), /0%, 82%/);
  });
});

describe('flame view: differential tree', () => {
  test('after shape on the union stacks, deltas are share changes, vanished stacks counted', () => {
    const before = folded('main;a 5\nmain;b 5\n', 'before.folded');
    const after = folded('main;a 3\nmain;c 1\n', 'after.folded');
    const d = diffTree(before, after);
    const tree = mergedCallTree(d.profile);
    const share = (name: string) => {
      const n = tree.nodes.find((x) => d.profile.frames[x.frame]!.name === name);
      return n ? d.delta[n.stack]! : undefined;
    };
    assert.equal(tree.span, 4);
    assert.ok(Math.abs(share('a')! - (0.75 - 0.5)) < 1e-12);
    assert.ok(Math.abs(share('c')! - 0.25) < 1e-12);
    assert.equal(share('b'), undefined, 'b has no weight after, so it is not drawn');
    assert.equal(d.vanished, 1);
    assert.ok(Math.abs(d.maxAbsDelta - 0.5) < 1e-12, 'b lost its whole 50% share');
  });
});
