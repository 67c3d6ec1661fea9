/**
 * Flame-graph layout as a pure function of a call tree: which boxes to draw and where, in
 * pixels, for a given width, zoom window and orientation. No DOM, so it is unit-tested and the
 * webview only paints the rectangles it gets.
 *
 * Level of detail: a box narrower than `minWidthPx` is not drawn and neither is anything under
 * it (a child is never wider than its parent), so the number of rectangles is bounded by the
 * canvas width times the depth, however many nodes the profile has. Boxes outside the zoom
 * window are culled the same way.
 */
import type { CallTree } from '../../perf/model/callTree';

export type Orientation = 'flame' | 'icicle';

export interface FlameLayoutOptions {
  /** Drawing width in pixels. */
  readonly widthPx: number;
  readonly rowHeightPx?: number;
  /** 'flame': roots at the bottom; 'icicle': roots at the top. */
  readonly orientation?: Orientation;
  /** Boxes narrower than this (after zoom) are cut with their subtrees. Default 1 px. */
  readonly minWidthPx?: number;
  /** Zoom window on the tree's x axis (value units); default the whole span. */
  readonly viewStart?: number;
  readonly viewEnd?: number;
}

export interface FlameRect {
  /** Index into the call tree's node list. */
  readonly node: number;
  readonly frame: number;
  readonly depth: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly self: number;
  readonly total: number;
}

export interface FlameLayout {
  readonly rects: readonly FlameRect[];
  /** Depth of the deepest node in the tree (not only the drawn ones), so zooming keeps rows. */
  readonly maxDepth: number;
  readonly heightPx: number;
  /** Nodes not drawn because they were too narrow or outside the window (subtrees included). */
  readonly culled: number;
}

/**
 * Per-tree facts the layout needs on every paint, computed once (O(n)) and cached per tree:
 * where each node's subtree ends in the pre-order list, so a culled node's subtree is skipped
 * by one jump instead of being walked, and the deepest depth.
 */
export interface TreeExtent {
  /** One past the last pre-order index of node i's subtree (descendants are i+1 … end-1). */
  readonly subtreeEnd: Int32Array;
  readonly maxDepth: number;
}

const extents = new WeakMap<CallTree, TreeExtent>();

export function treeExtent(tree: CallTree): TreeExtent {
  let e = extents.get(tree);
  if (e) return e;
  const nodes = tree.nodes;
  const n = nodes.length;
  const subtreeEnd = new Int32Array(n);
  let maxDepth = -1;
  // Pre-order: a node's subtree ends where the next node at its depth or shallower begins.
  // Keep the open ancestors on a stack and close them as shallower nodes arrive.
  const open: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = nodes[i]!.depth;
    if (d > maxDepth) maxDepth = d;
    while (open.length > 0 && nodes[open[open.length - 1]!]!.depth >= d) subtreeEnd[open.pop()!] = i;
    open.push(i);
  }
  for (const i of open) subtreeEnd[i] = n;
  e = { subtreeEnd, maxDepth };
  extents.set(tree, e);
  return e;
}

export function layoutFlame(tree: CallTree, options: FlameLayoutOptions): FlameLayout {
  const widthPx = options.widthPx;
  if (!(widthPx > 0)) throw new Error(`layout width must be positive, got ${widthPx}`);
  const rowHeight = options.rowHeightPx ?? 16;
  const minWidth = options.minWidthPx ?? 1;
  const viewStart = options.viewStart ?? 0;
  const viewEnd = options.viewEnd ?? tree.span;
  if (!(viewEnd > viewStart)) throw new Error(`empty zoom window [${viewStart}, ${viewEnd}]`);
  const scale = widthPx / (viewEnd - viewStart);
  const flame = options.orientation === 'flame';

  // Only drawn nodes and the first culled node of each cut subtree are visited: a box that is
  // too narrow or outside the window jumps past its whole subtree (a child is never wider than
  // its parent, nor outside it). Zoomed on a node, that is its ancestors, their siblings and the
  // visible part of its subtree, not the 100,000 nodes of a large profile.
  const { subtreeEnd, maxDepth } = treeExtent(tree);
  const rects: FlameRect[] = [];
  const nodes = tree.nodes;
  const n = nodes.length;
  let i = 0;
  while (i < n) {
    const node = nodes[i]!;
    const start = node.start;
    const end = start + node.total;
    const left = start > viewStart ? start : viewStart;
    const right = end < viewEnd ? end : viewEnd;
    const width = (right - left) * scale;
    if (width < minWidth || right <= left) {
      i = subtreeEnd[i]!;
      continue;
    }
    rects.push({
      node: i,
      frame: node.frame,
      depth: node.depth,
      x: (left - viewStart) * scale,
      y: (flame ? maxDepth - node.depth : node.depth) * rowHeight,
      width,
      self: node.self,
      total: node.total,
    });
    i++;
  }
  // Every node is either drawn or inside a culled subtree.
  return { rects, maxDepth, heightPx: (maxDepth + 1) * rowHeight, culled: n - rects.length };
}

/** The zoom window that makes call-tree node `index` fill the width (click to zoom). */
export function zoomWindow(tree: CallTree, index: number): { viewStart: number; viewEnd: number } {
  const n = tree.nodes[index];
  if (!n) throw new Error(`no call-tree node ${index}`);
  return { viewStart: n.start, viewEnd: n.start + n.total };
}
