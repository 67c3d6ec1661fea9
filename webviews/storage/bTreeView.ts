/**
 * Draws a B-tree's pages as a tree: each page a box with its id, kind, key count, first and
 * last key, and a bar showing how full it is (fill factor). Sparse pages — what lazy deletion
 * and splits leave behind — stand out in the warning colour. Pages are focusable: Tab moves
 * through them, and each one's full key list is in its title (hover) and accessible name.
 * Live views (`storage.watch`) redraw on the same element a few times a second: the scroll
 * position and the focused page carry over to the new frame, and a progress line tells how
 * far the workload is.
 */
import type { BTreeSpec } from '../../extension/views/storage/storageOutputs';
import { keySummary, layoutBTree, PAGE_HEIGHT, PAGE_WIDTH } from '../../extension/views/storage/bTreeLayout';
import { drawProgress } from './progressLine';
import { svgEl, svgTitle } from './svg';

/** Below this fill factor a page is drawn as sparse. */
const SPARSE_FILL = 0.4;

export function drawBTree(element: HTMLElement, spec: BTreeSpec): void {
  const layout = layoutBTree(spec);
  // What the previous frame of a live view leaves for this one: scroll offsets and focus.
  const oldScroller = element.querySelector<HTMLElement>('.ddia-btree-scroll');
  const scroll = oldScroller ? { left: oldScroller.scrollLeft, top: oldScroller.scrollTop } : undefined;
  const focused = element.contains(document.activeElement) ? document.activeElement?.getAttribute('data-page-id') : null;
  element.replaceChildren();
  const root = document.createElement('div');
  root.className = 'ddia-storage ddia-btree';
  const leaves = spec.pages.filter((p) => p.kind === 'leaf');
  const meanFill = spec.pages.reduce((n, p) => n + p.fillFactor, 0) / spec.pages.length;
  const head = document.createElement('div');
  head.className = 'ddia-storage-title';
  head.textContent = spec.title ?? 'B-tree pages';
  const summary = document.createElement('div');
  summary.className = 'ddia-storage-note';
  const depth = layout.boxes.reduce((n, b) => Math.max(n, b.depth + 1), 0);
  summary.textContent =
    `${spec.pages.length} pages of ${spec.pageSize} B (${leaves.length} leaves), height ${depth}, mean fill ${(meanFill * 100).toFixed(0)}%` +
    (spec.omittedPages > 0 ? ` — ${spec.omittedPages} more pages not shown` : '');
  const pad = 4;
  const width = layout.width + 2 * pad;
  const height = layout.height + 2 * pad;
  const svg = svgEl('svg', {
    class: 'ddia-btree-svg',
    width,
    height,
    viewBox: `${-pad} ${-pad} ${width} ${height}`,
    role: 'group',
    'aria-label': summary.textContent,
  });
  for (const e of layout.edges) {
    svg.append(
      svgEl('line', {
        class: 'ddia-btree-edge',
        x1: e.from.x + PAGE_WIDTH / 2,
        y1: e.from.y + PAGE_HEIGHT,
        x2: e.to.x + PAGE_WIDTH / 2,
        y2: e.to.y,
      }),
    );
  }
  for (const b of layout.boxes) {
    const p = b.page;
    const fill = Math.max(0, Math.min(1, p.fillFactor));
    const g = svgEl('g', {
      class: `ddia-btree-page is-${p.kind}${fill < SPARSE_FILL ? ' is-sparse' : ''}`,
      tabindex: 0,
      role: 'img',
      'aria-label': `page ${p.id}, ${p.kind}, ${p.keys.length} ${p.kind === 'leaf' ? 'keys' : 'separators'}, ${(fill * 100).toFixed(0)}% full, ${keySummary(p.keys, 40)}`,
      transform: `translate(${b.x},${b.y})`,
      'data-page-id': p.id,
    });
    const keysShown = p.keys.length > 40 ? [...p.keys.slice(0, 20), '…', ...p.keys.slice(-19)] : p.keys;
    g.append(
      svgTitle(
        `page ${p.id} (${p.kind}), ${(fill * 100).toFixed(1)}% full\n${p.kind === 'leaf' ? 'keys' : 'separators'}: ${keysShown.join(', ') || '(none)'}`,
      ),
      svgEl('rect', { class: 'ddia-btree-box', width: PAGE_WIDTH, height: PAGE_HEIGHT, rx: 3 }),
      svgEl('text', { class: 'ddia-btree-head', x: 5, y: 13 }, `#${p.id} ${p.kind === 'leaf' ? 'leaf' : 'inner'} · ${p.keys.length}`),
      svgEl('text', { class: 'ddia-btree-keys', x: 5, y: 27 }, keySummary(p.keys, 7)),
      svgEl('rect', { class: 'ddia-btree-fill-track', x: 5, y: PAGE_HEIGHT - 12, width: PAGE_WIDTH - 10, height: 6, rx: 2 }),
      svgEl('rect', { class: 'ddia-btree-fill', x: 5, y: PAGE_HEIGHT - 12, width: (PAGE_WIDTH - 10) * fill, height: 6, rx: 2 }),
    );
    svg.append(g);
  }
  const scroller = document.createElement('div');
  scroller.className = 'ddia-storage-canvas ddia-btree-scroll';
  scroller.append(svg);
  const progress = document.createElement('div');
  drawProgress(progress, spec.progress);
  root.append(head, summary, progress, scroller);
  element.append(root);
  if (scroll) {
    scroller.scrollLeft = scroll.left;
    scroller.scrollTop = scroll.top;
  }
  if (focused) svg.querySelector<SVGGElement>(`[data-page-id="${focused}"]`)?.focus({ preventScroll: true });
}
