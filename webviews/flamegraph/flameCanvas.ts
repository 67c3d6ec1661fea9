/**
 * Paints one call tree on a canvas and answers "which node is under this point". Layout is the
 * pure `layoutFlame` (level of detail: boxes under half a pixel are cut with their subtrees), so
 * a 100,000-node profile paints only the few thousand boxes that can be seen. Painting is
 * batched into one animation frame however many state changes arrive.
 */
import { type CallTree } from '../../extension/perf/model/callTree';
import { layoutFlame, type FlameLayout, type Orientation } from '../../extension/views/flame/flameLayout';
import { type Frame } from '../../extension/perf/model/types';
import { textColour, type ThemeKind } from '../../extension/views/flame/palette';
import { indexTree, nodeAt, type TreeIndex } from '../../extension/views/flame/treeIndex';

export const ROW_HEIGHT = 18;

export interface CanvasData {
  readonly tree: CallTree;
  readonly frames: readonly Frame[];
  /** Fill colour of a call-tree node. */
  readonly colourOf: (node: number) => string;
}

export class FlameCanvas {
  readonly canvas: HTMLCanvasElement;
  private data: CanvasData | undefined;
  index: TreeIndex | undefined;
  orientation: Orientation = 'icicle';
  viewStart = 0;
  viewEnd = 1;
  selected = -1;
  /** Frames that match the search (1 = match); others are dimmed. */
  highlight: Uint8Array | undefined;
  theme: ThemeKind = 'dark';
  layout: FlameLayout | undefined;
  private pending = 0;
  private charWidth = 7;
  private colourCache: { data: CanvasData; theme: ThemeKind; colours: (string | undefined)[] } | undefined;
  /** Called after each paint (tests and benchmarks wait for it). */
  onPainted: (() => void) | undefined;

  constructor(readonly host: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'fg-canvas';
    host.append(this.canvas);
  }

  setData(data: CanvasData): void {
    this.data = data;
    this.index = indexTree(data.tree);
    this.selected = -1;
    this.resetZoom();
  }

  get tree(): CallTree | undefined {
    return this.data?.tree;
  }

  resetZoom(): void {
    this.viewStart = 0;
    this.viewEnd = Math.max(this.data?.tree.span ?? 1, Number.MIN_VALUE);
    this.schedule();
  }

  zoomTo(node: number): void {
    const n = this.data?.tree.nodes[node];
    if (!n || n.total <= 0) return;
    this.viewStart = n.start;
    this.viewEnd = n.start + n.total;
    this.schedule();
  }

  schedule(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.paint();
    });
  }

  /** Paints now (used for the first paint, so its time is measurable). */
  paint(): void {
    const data = this.data;
    const width = Math.max(1, this.host.clientWidth);
    if (!data || data.tree.span <= 0) {
      this.layout = undefined;
      this.canvas.width = 0;
      this.onPainted?.();
      return;
    }
    const layout = layoutFlame(data.tree, {
      widthPx: width,
      rowHeightPx: ROW_HEIGHT,
      orientation: this.orientation,
      minWidthPx: 0.5,
      viewStart: this.viewStart,
      viewEnd: this.viewEnd,
    });
    this.layout = layout;
    const dpr = window.devicePixelRatio || 1;
    const height = layout.heightPx;
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const style = getComputedStyle(this.host);
    ctx.font = `12px ${style.getPropertyValue('--vscode-editor-font-family') || 'monospace'}`;
    this.charWidth = ctx.measureText('abcdefghijklmnopqrstuvwxyz').width / 26 || 7;
    this.paintBoxes(ctx, data, layout);
    ctx.globalAlpha = 1;
    const sel = this.rectOf(this.selected);
    if (sel) {
      ctx.strokeStyle = style.getPropertyValue('--vscode-focusBorder') || '#0078d4';
      ctx.lineWidth = 2;
      ctx.strokeRect(sel.x + 1, sel.y + 1, Math.max(sel.width - 2, 1), ROW_HEIGHT - 3);
    }
    this.onPainted?.();
  }

  /**
   * Boxes, then labels. Setting fillStyle parses a colour string and each fillText is a
   * software raster call, so boxes are grouped by colour (one fillStyle per colour, not per box)
   * and labels are drawn in one pass with one fillStyle. Boxes never overlap (each is 0.5 px
   * narrower than its slot and rows are distinct), so the order of drawing does not change them.
   */
  private paintBoxes(ctx: CanvasRenderingContext2D, data: CanvasData, layout: FlameLayout): void {
    const rects = layout.rects;
    const highlight = this.highlight;
    const colours = this.nodeColours(data);
    // Group rect indices by colour, dimmed (search misses) apart from the rest.
    const groups = new Map<string, number[]>();
    const dimGroups = new Map<string, number[]>();
    for (let i = 0; i < rects.length; i++) {
      const r = rects[i]!;
      const node = r.node;
      let colour = colours[node];
      if (colour === undefined) colours[node] = colour = data.colourOf(node);
      const into = highlight !== undefined && !highlight[r.frame] ? dimGroups : groups;
      const list = into.get(colour);
      if (list) list.push(i);
      else into.set(colour, [i]);
    }
    const h = ROW_HEIGHT - 1;
    for (const [alpha, byColour] of [
      [1, groups],
      [0.3, dimGroups],
    ] as const) {
      if (byColour.size === 0) continue;
      ctx.globalAlpha = alpha;
      for (const [colour, list] of byColour) {
        ctx.fillStyle = colour;
        for (const i of list) {
          const r = rects[i]!;
          ctx.fillRect(r.x, r.y, Math.max(r.width - 0.5, 0.5), h);
        }
      }
    }
    // Labels: only boxes wider than 28 px get one, cut to the characters that fit.
    ctx.textBaseline = 'middle';
    ctx.fillStyle = textColour(this.theme);
    const frames = data.frames;
    const charWidth = this.charWidth;
    for (const dimmed of [false, true]) {
      if (dimmed && dimGroups.size === 0) break;
      ctx.globalAlpha = dimmed ? 0.3 : 1;
      for (let i = 0; i < rects.length; i++) {
        const r = rects[i]!;
        if (r.width <= 28 || (highlight !== undefined && !highlight[r.frame]) !== dimmed) continue;
        const name = frames[r.frame]?.name ?? '';
        const fit = Math.floor((r.width - 8) / charWidth);
        if (fit < 2) continue; // at most a lone "…"
        const label = name.length <= fit ? name : `${name.slice(0, Math.max(0, fit - 1))}…`;
        if (label.length > 1) ctx.fillText(label, r.x + 4, r.y + ROW_HEIGHT / 2);
      }
    }
  }

  /** Fill colour per call-tree node, computed once per tree and theme (a name hash and a Map look-up otherwise). */
  private nodeColours(data: CanvasData): (string | undefined)[] {
    if (this.colourCache?.data !== data || this.colourCache.theme !== this.theme) {
      this.colourCache = { data, theme: this.theme, colours: new Array<string | undefined>(data.tree.nodes.length) };
    }
    return this.colourCache.colours;
  }

  /** The drawn box of a node, if it is drawn. */
  rectOf(node: number): { x: number; y: number; width: number } | undefined {
    const n = this.data?.tree.nodes[node];
    const layout = this.layout;
    if (!n || !layout) return undefined;
    const width = this.host.clientWidth;
    const scale = width / (this.viewEnd - this.viewStart);
    const left = Math.max(n.start, this.viewStart);
    const right = Math.min(n.start + n.total, this.viewEnd);
    if (right <= left) return undefined;
    const row = this.orientation === 'flame' ? layout.maxDepth - n.depth : n.depth;
    return { x: (left - this.viewStart) * scale, y: row * ROW_HEIGHT, width: (right - left) * scale };
  }

  /** The node under canvas-relative CSS pixel (x, y), or -1. */
  nodeAtPoint(x: number, y: number): number {
    const layout = this.layout;
    if (!layout || !this.index) return -1;
    const row = Math.floor(y / ROW_HEIGHT);
    const depth = this.orientation === 'flame' ? layout.maxDepth - row : row;
    const value = this.viewStart + (x / Math.max(1, this.host.clientWidth)) * (this.viewEnd - this.viewStart);
    return nodeAt(this.index, depth, value);
  }
}
