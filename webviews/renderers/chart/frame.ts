/**
 * What every chart shares: a titled, focusable figure with an SVG plot area, axes, a tooltip,
 * and keyboard navigation (←/→ move between data items, ↑/↓ between series, Home/End jump; the
 * focused item is announced through an aria-live region).
 */
import { axisBottom, axisLeft, select, type ScaleBand, type ScaleContinuousNumeric, type Selection } from 'd3';
import type { Axis } from '../../../extension/views/chart/chartOutput';

export const MARGIN = { top: 12, right: 20, bottom: 44, left: 64 };

export interface FocusItem {
  readonly x: number;
  readonly y: number;
  readonly label: string;
  readonly series?: number;
}

export interface Frame {
  readonly root: HTMLElement;
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly plot: Selection<SVGGElement, unknown, null, undefined>;
  readonly width: number;
  readonly height: number;
  showTooltip(item: FocusItem): void;
  hideTooltip(): void;
  setFocusItems(items: readonly FocusItem[]): void;
  caption(text: string): void;
}

export function createFrame(element: HTMLElement, title: string | undefined, ariaLabel: string): Frame {
  element.replaceChildren();
  const root = document.createElement('figure');
  root.className = 'ddia-chart';
  root.tabIndex = 0;
  root.setAttribute('role', 'img');
  root.setAttribute('aria-label', ariaLabel);
  if (title) {
    const h = document.createElement('figcaption');
    h.className = 'ddia-chart-title';
    h.textContent = title;
    root.append(h);
  }
  element.append(root);
  const width = Math.max(320, Math.min(900, element.clientWidth || 640));
  const height = 280;
  const svg = select(root)
    .append('svg')
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`) as unknown as Selection<SVGSVGElement, unknown, null, undefined>;
  const plot = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  const tooltip = document.createElement('div');
  tooltip.className = 'ddia-tooltip';
  tooltip.hidden = true;
  const live = document.createElement('div');
  live.className = 'ddia-sr-only';
  live.setAttribute('aria-live', 'polite');
  root.append(tooltip, live);
  const cap = document.createElement('div');
  cap.className = 'ddia-chart-caption';
  root.append(cap);

  let items: readonly FocusItem[] = [];
  let focused = -1;
  const marker = plot.append('circle').attr('class', 'ddia-focus-marker').attr('r', 5).style('display', 'none');
  const frame: Frame = {
    root,
    svg,
    plot,
    width: width - MARGIN.left - MARGIN.right,
    height: height - MARGIN.top - MARGIN.bottom,
    showTooltip(item) {
      tooltip.hidden = false;
      tooltip.textContent = item.label;
      tooltip.style.left = `${Math.min(item.x + MARGIN.left + 12, width - 160)}px`;
      tooltip.style.top = `${Math.max(0, item.y + MARGIN.top - 8) + (title ? 24 : 0)}px`;
      marker.style('display', null).attr('cx', item.x).attr('cy', item.y);
    },
    hideTooltip() {
      tooltip.hidden = true;
      marker.style('display', 'none');
    },
    setFocusItems(list) {
      items = list;
    },
    caption(text) {
      cap.textContent = text;
    },
  };
  const focusAt = (i: number): void => {
    if (items.length === 0) return;
    focused = Math.max(0, Math.min(items.length - 1, i));
    const item = items[focused] as FocusItem;
    frame.showTooltip(item);
    live.textContent = item.label;
  };
  root.addEventListener('keydown', (e) => {
    if (items.length === 0) return;
    const current = items[focused];
    switch (e.key) {
      case 'ArrowRight':
        focusAt(focused + 1);
        break;
      case 'ArrowLeft':
        focusAt(focused < 0 ? 0 : focused - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(items.length - 1);
        break;
      case 'ArrowUp':
      case 'ArrowDown': {
        // Jump to the nearest item (by x) of the next or previous series.
        const series = (current?.series ?? 0) + (e.key === 'ArrowDown' ? 1 : -1);
        let best = -1;
        items.forEach((it, idx) => {
          if (
            it.series === series &&
            (best === -1 || Math.abs(it.x - (current?.x ?? 0)) < Math.abs((items[best] as FocusItem).x - (current?.x ?? 0)))
          )
            best = idx;
        });
        if (best !== -1) focusAt(best);
        break;
      }
      case 'Escape':
        frame.hideTooltip();
        break;
      default:
        return;
    }
    e.preventDefault();
  });
  root.addEventListener('blur', () => frame.hideTooltip());
  svg.on('mousemove', (event: MouseEvent) => {
    if (items.length === 0) return;
    const [mx, my] = [event.offsetX - MARGIN.left, event.offsetY - MARGIN.top];
    let best = 0;
    let bestD = Infinity;
    // Items are few after downsampling (at most a few thousand), so a linear scan is fine.
    for (let i = 0; i < items.length; i++) {
      const it = items[i] as FocusItem;
      const d = (it.x - mx) ** 2 + (it.y - my) ** 2 / 16;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    focused = best;
    frame.showTooltip(items[best] as FocusItem);
  });
  svg.on('mouseleave', () => frame.hideTooltip());
  return frame;
}

export function axisTitle(a: Axis | undefined): string {
  if (!a?.label) return a?.unit ?? '';
  return a.unit ? `${a.label} (${a.unit})` : a.label;
}

export function drawAxes(
  frame: Frame,
  x: ScaleContinuousNumeric<number, number> | ScaleBand<string>,
  y: ScaleContinuousNumeric<number, number>,
  xAxis: Axis | undefined,
  yAxis: Axis | undefined,
): void {
  const gx = frame.plot.append('g').attr('class', 'ddia-axis').attr('transform', `translate(0,${frame.height})`);
  if ('bandwidth' in x) gx.call(axisBottom(x));
  else gx.call(axisBottom(x).ticks(Math.max(2, Math.floor(frame.width / 80))));
  frame.plot.append('g').attr('class', 'ddia-axis').call(axisLeft(y).ticks(6));
  frame.plot
    .append('text')
    .attr('class', 'ddia-axis-title')
    .attr('x', frame.width / 2)
    .attr('y', frame.height + 36)
    .attr('text-anchor', 'middle')
    .text(axisTitle(xAxis));
  frame.plot
    .append('text')
    .attr('class', 'ddia-axis-title')
    .attr('transform', `translate(${-48},${frame.height / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(axisTitle(yAxis));
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  const abs = Math.abs(n);
  return abs >= 1000 || abs < 0.01 ? n.toExponential(3) : n.toPrecision(4);
}
