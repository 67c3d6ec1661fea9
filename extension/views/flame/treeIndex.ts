/**
 * Navigation structure over a call tree's pre-order node list: children, and for each depth the
 * nodes in x order, so keyboard navigation and hit testing are O(log n) per step. Pure; built
 * once per tree.
 */
import { type CallTree } from '../../perf/model/callTree';

export interface TreeIndex {
  readonly tree: CallTree;
  /** Node indices per depth, in increasing `start` (pre-order visits a depth left to right). */
  readonly byDepth: readonly Int32Array[];
  /** Position of each node in its depth's list. */
  readonly posInDepth: Int32Array;
  /** First child in pre-order (the heaviest in a merged tree), -1 for a leaf. */
  readonly firstChild: Int32Array;
}

export function indexTree(tree: CallTree): TreeIndex {
  const n = tree.nodes.length;
  const counts: number[] = [];
  const firstChild = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const node = tree.nodes[i]!;
    counts[node.depth] = (counts[node.depth] ?? 0) + 1;
    if (node.parent >= 0 && firstChild[node.parent] === -1) firstChild[node.parent] = i;
  }
  const byDepth = counts.map((c) => new Int32Array(c ?? 0));
  const fill = new Int32Array(byDepth.length);
  const posInDepth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = tree.nodes[i]!.depth;
    posInDepth[i] = fill[d]!;
    byDepth[d]![fill[d]!++] = i;
  }
  return { tree, byDepth, posInDepth, firstChild };
}

export type Move = 'parent' | 'child' | 'prev' | 'next';

/**
 * The node a key press moves to, or the same node when there is nowhere to go. `prev`/`next`
 * go to the neighbour at the same depth even across parents, which is what the eye expects
 * when the boxes sit side by side.
 */
export function move(index: TreeIndex, node: number, to: Move): number {
  const n = index.tree.nodes[node];
  if (!n) return node;
  switch (to) {
    case 'parent':
      return n.parent >= 0 ? n.parent : node;
    case 'child': {
      const c = index.firstChild[node]!;
      return c >= 0 ? c : node;
    }
    case 'prev':
    case 'next': {
      const row = index.byDepth[n.depth]!;
      const p = index.posInDepth[node]! + (to === 'prev' ? -1 : 1);
      return p >= 0 && p < row.length ? row[p]! : node;
    }
  }
}

/** The node at depth `depth` covering x-axis value `x`, or -1 (binary search in the row). */
export function nodeAt(index: TreeIndex, depth: number, x: number): number {
  const row = index.byDepth[depth];
  if (!row) return -1;
  let lo = 0;
  let hi = row.length - 1;
  const nodes = index.tree.nodes;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = nodes[row[mid]!]!;
    if (x < m.start) hi = mid - 1;
    else if (x >= m.start + m.total) lo = mid + 1;
    else return row[mid]!;
  }
  return -1;
}

/** Root-to-node path of node indices (the breadcrumbs of a zoomed node). */
export function ancestry(tree: CallTree, node: number): number[] {
  const path: number[] = [];
  for (let i = node; i >= 0; i = tree.nodes[i]!.parent) path.push(i);
  return path.reverse();
}
