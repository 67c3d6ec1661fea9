/**
 * Layout of a B-tree's pages, a pure function of the data: depth from the root down, leaves
 * left to right in key order (the order of each parent's children), every internal page
 * centred over its children. Pages the view left out (large trees) are simply absent.
 */
import type { BTreePageView, BTreeSpec } from './storageOutputs';

export const PAGE_WIDTH = 104;
export const PAGE_HEIGHT = 46;
const H_GAP = 12;
const V_GAP = 44;

export interface PageBox {
  readonly page: BTreePageView;
  readonly depth: number;
  readonly x: number;
  readonly y: number;
}

export interface TreeLayout {
  readonly boxes: readonly PageBox[];
  /** Parent → child connections, from the bottom middle of the parent to the top middle of the child. */
  readonly edges: readonly { readonly from: PageBox; readonly to: PageBox }[];
  readonly width: number;
  readonly height: number;
}

export function layoutBTree(spec: BTreeSpec): TreeLayout {
  const byId = new Map(spec.pages.map((p) => [p.id, p]));
  const boxes = new Map<number, PageBox>();
  const edges: { from: PageBox; to: PageBox }[] = [];
  let nextLeafX = 0;
  let maxDepth = 0;
  const seen = new Set<number>();
  // Depth-first, children in order: leaves (and childless internal pages) take the next slot.
  const place = (id: number, depth: number): PageBox | undefined => {
    const page = byId.get(id);
    if (!page || seen.has(id)) return undefined;
    seen.add(id);
    maxDepth = Math.max(maxDepth, depth);
    const kids = page.children.map((c) => place(c, depth + 1)).filter((b): b is PageBox => b !== undefined);
    let x: number;
    if (kids.length === 0) {
      x = nextLeafX;
      nextLeafX += PAGE_WIDTH + H_GAP;
    } else x = ((kids[0] as PageBox).x + (kids[kids.length - 1] as PageBox).x) / 2;
    const box = { page, depth, x, y: depth * (PAGE_HEIGHT + V_GAP) };
    boxes.set(id, box);
    for (const k of kids) edges.push({ from: box, to: k });
    return box;
  };
  place(spec.rootId, 0);
  return {
    boxes: [...boxes.values()],
    edges,
    width: Math.max(PAGE_WIDTH, nextLeafX - H_GAP),
    height: (maxDepth + 1) * PAGE_HEIGHT + maxDepth * V_GAP,
  };
}

/** A short label of a page's keys: "apple … melon" (or the single key, or "empty"). */
export function keySummary(keys: readonly string[], maxChars = 12): string {
  const cut = (k: string): string => (k.length > maxChars ? `${k.slice(0, maxChars - 1)}…` : k);
  if (keys.length === 0) return 'empty';
  if (keys.length === 1) return cut(keys[0] as string);
  return `${cut(keys[0] as string)} … ${cut(keys[keys.length - 1] as string)}`;
}
