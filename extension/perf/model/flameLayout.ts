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
import { type CallTree } from './callTree';

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

export function layoutFlame(tree: CallTree, options: FlameLayoutOptions): FlameLayout {
  const widthPx = options.widthPx;
  if (!(widthPx > 0)) throw new Error(`layout width must be positive, got ${widthPx}`);
  const rowHeight = options.rowHeightPx ?? 16;
  const minWidth = options.minWidthPx ?? 1;
  const viewStart = options.viewStart ?? 0;
  const viewEnd = options.viewEnd ?? tree.span;
  if (!(viewEnd > viewStart)) throw new Error(`empty zoom window [${viewStart}, ${viewEnd}]`);
  const scale = widthPx / (viewEnd - viewStart);

  let maxDepth = -1;
  for (const n of tree.nodes) if (n.depth > maxDepth) maxDepth = n.depth;
  const rects: FlameRect[] = [];
  let culled = 0;
  let skipBelow = Infinity; // nodes deeper than this are inside a culled subtree
  const nodes = tree.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (!n) continue;
    if (n.depth > skipBelow) {
      culled++;
      continue;
    }
    skipBelow = Infinity;
    const left = Math.max(n.start, viewStart);
    const right = Math.min(n.start + n.total, viewEnd);
    const width = (right - left) * scale;
    if (width < minWidth || right <= left) {
      culled++;
      skipBelow = n.depth;
      continue;
    }
    const row = options.orientation === 'flame' ? maxDepth - n.depth : n.depth;
    rects.push({
      node: i,
      frame: n.frame,
      depth: n.depth,
      x: (left - viewStart) * scale,
      y: row * rowHeight,
      width,
      self: n.self,
      total: n.total,
    });
  }
  return { rects, maxDepth, heightPx: (maxDepth + 1) * rowHeight, culled };
}

/** The zoom window that makes call-tree node `index` fill the width (click to zoom). */
export function zoomWindow(tree: CallTree, index: number): { viewStart: number; viewEnd: number } {
  const n = tree.nodes[index];
  if (!n) throw new Error(`no call-tree node ${index}`);
  return { viewStart: n.start, viewEnd: n.start + n.total };
}
