/**
 * Flame-graph layout without a DOM: box positions for both trees and orientations, zoom, and
 * the level-of-detail cut that bounds the number of boxes on a large generated profile.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { ProfileBuilder } from '../../../../extension/perf/model/builder';
import { mergedCallTree, timeOrderedCallTree, type CallTree } from '../../../../extension/perf/model/callTree';
import { layoutFlame, treeExtent, zoomWindow, type FlameRect } from '../../../../extension/views/flame/flameLayout';
import { type Profile } from '../../../../extension/perf/model/types';
import { createRandom } from '../../../../extension/util/prng';

function folded(lines: string[]): Profile {
  const b = new ProfileBuilder();
  for (const line of lines) {
    const [stack, w] = line.split(' ');
    b.appendSample(stack ? stack.split(';').map((name) => ({ name })) : [], Number(w));
  }
  return b.build();
}

const p = folded(['a;b 30', 'a;c 60', ' 10', 'd 10']);
const label = (q: Profile, frame: number): string => q.frames[frame]!.name;

describe('layoutFlame', () => {
  test('icicle: merged boxes are proportional to total weight, roots on top', () => {
    const l = layoutFlame(mergedCallTree(p), { widthPx: 1000, rowHeightPx: 10, orientation: 'icicle' });
    assert.deepEqual(
      l.rects.map((r) => [label(p, r.frame), r.x, r.width, r.y]),
      [
        ['a', 0, 900, 0],
        ['c', 0, 600, 10],
        ['b', 600, 300, 10],
        ['d', 900, 100, 0],
      ],
    );
    assert.equal(l.heightPx, 20);
  });

  test('flame: the same boxes with roots at the bottom', () => {
    const l = layoutFlame(mergedCallTree(p), { widthPx: 1000, rowHeightPx: 10, orientation: 'flame' });
    assert.deepEqual(
      l.rects.map((r) => [label(p, r.frame), r.y]),
      [
        ['a', 10],
        ['c', 0],
        ['b', 0],
        ['d', 10],
      ],
    );
  });

  test('time-ordered boxes follow time and leave idle gaps empty', () => {
    const l = layoutFlame(timeOrderedCallTree(p), { widthPx: 110 });
    assert.deepEqual(
      l.rects.map((r) => [label(p, r.frame), r.x, r.width]),
      [
        ['a', 0, 90],
        ['b', 0, 30],
        ['c', 30, 60],
        ['d', 100, 10],
      ],
    );
  });

  test('zooming on a node makes it fill the width and culls what lies outside', () => {
    const tree = mergedCallTree(p);
    const c = tree.nodes.findIndex((n) => label(p, n.frame) === 'c');
    const l = layoutFlame(tree, { widthPx: 600, ...zoomWindow(tree, c) });
    assert.deepEqual(
      l.rects.map((r) => [label(p, r.frame), r.x, r.width]),
      [
        ['a', 0, 600],
        ['c', 0, 600],
      ],
    );
    assert.equal(l.culled, 2);
  });

  test('boxes narrower than the minimum width are cut with their whole subtree', () => {
    const q = folded(['big 1000', 'small;deeper;deepest 1']);
    const l = layoutFlame(mergedCallTree(q), { widthPx: 100, minWidthPx: 1 });
    assert.deepEqual(
      l.rects.map((r) => label(q, r.frame)),
      ['big'],
    );
    assert.equal(l.culled, 3);
    assert.equal(l.maxDepth, 2);
  });

  test('bad widths and empty windows are errors', () => {
    assert.throws(() => layoutFlame(mergedCallTree(p), { widthPx: 0 }), /width/);
    assert.throws(() => layoutFlame(mergedCallTree(p), { widthPx: 10, viewStart: 5, viewEnd: 5 }), /empty zoom window/);
  });

  test('a large random profile (seed 7, 4k samples) yields at most width × rows boxes, all within bounds', () => {
    const rnd = createRandom(7);
    const b = new ProfileBuilder();
    const frames = Array.from({ length: 300 }, (_, i) => b.frame({ name: `f${i}` }));
    for (let i = 0; i < 4000; i++) {
      const depth = rnd.intBetween(1, 30);
      b.appendSample(
        Array.from({ length: depth }, (_, d) => frames[(d * 7 + rnd.int(d + 2)) % 300]!),
        rnd.intBetween(1, 3),
      );
    }
    const q = b.build();
    for (const tree of [mergedCallTree(q), timeOrderedCallTree(q)]) {
      const l = layoutFlame(tree, { widthPx: 800, minWidthPx: 2 });
      assert.ok(l.rects.length <= (800 / 2) * (l.maxDepth + 1), `${l.rects.length} boxes`);
      assert.equal(l.rects.length + l.culled, tree.nodes.length);
      for (const r of l.rects) assert.ok(r.x >= 0 && r.x + r.width <= 800 + 1e-6 && r.width >= 2);
    }
  });

  test('treeExtent: each subtree ends where pre-order leaves it', () => {
    const tree = mergedCallTree(p); // a, c, b, d
    const e = treeExtent(tree);
    assert.deepEqual([...e.subtreeEnd], [3, 2, 3, 4]);
    assert.equal(e.maxDepth, 1);
    assert.equal(treeExtent(tree), e, 'computed once per tree');
  });

  test('zoomed layouts (skipping cut subtrees) give the same boxes as checking every node', () => {
    // The reference is the definition: a node is drawn when it and all its ancestors are at
    // least minWidth wide inside the window. It visits all nodes; layoutFlame jumps past cut subtrees.
    const reference = (tree: CallTree, widthPx: number, minWidth: number, v0: number, v1: number, flame: boolean) => {
      const scale = widthPx / (v1 - v0);
      const maxDepth = Math.max(...tree.nodes.map((n) => n.depth));
      const visible = tree.nodes.map((n) => {
        const w = (Math.min(n.start + n.total, v1) - Math.max(n.start, v0)) * scale;
        return w >= minWidth && Math.min(n.start + n.total, v1) > Math.max(n.start, v0);
      });
      const out: FlameRect[] = [];
      tree.nodes.forEach((n, i) => {
        for (let a = i; a >= 0; a = tree.nodes[a]!.parent) if (!visible[a]) return;
        const left = Math.max(n.start, v0);
        const right = Math.min(n.start + n.total, v1);
        out.push({
          node: i,
          frame: n.frame,
          depth: n.depth,
          x: (left - v0) * scale,
          y: (flame ? maxDepth - n.depth : n.depth) * 18,
          width: (right - left) * scale,
          self: n.self,
          total: n.total,
        });
      });
      return out;
    };
    const rnd = createRandom(11);
    const b = new ProfileBuilder();
    const frames = Array.from({ length: 200 }, (_, i) => b.frame({ name: `f${i}` }));
    for (let i = 0; i < 3000; i++) {
      const depth = rnd.intBetween(1, 25);
      b.appendSample(
        Array.from({ length: depth }, (_, d) => frames[(d * 5 + rnd.int(d + 3)) % 200]!),
        rnd.intBetween(1, 4),
      );
    }
    const q = b.build();
    for (const tree of [mergedCallTree(q), timeOrderedCallTree(q)]) {
      // Whole view, then zoomed on nodes spread over the list (shallow and deep ones).
      const windows = [{ viewStart: 0, viewEnd: tree.span }];
      for (let k = 0; k < 40; k++) windows.push(zoomWindow(tree, rnd.int(tree.nodes.length)));
      for (const w of windows) {
        for (const orientation of ['icicle', 'flame'] as const) {
          const got = layoutFlame(tree, { widthPx: 1280, rowHeightPx: 18, minWidthPx: 0.5, orientation, ...w });
          const want = reference(tree, 1280, 0.5, w.viewStart, w.viewEnd, orientation === 'flame');
          assert.deepEqual(got.rects, want);
          assert.equal(got.culled, tree.nodes.length - want.length);
        }
      }
    }
  });
});
