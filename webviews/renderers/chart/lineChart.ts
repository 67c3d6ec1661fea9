/** Line and scatter charts: several named series, downsampled to the pixel width when large. */
import { extent, line, scaleLinear, scaleLog } from 'd3';
import { downsampleLine, downsampleScatter, type Point } from '../../../extension/views/chart/downsample';
import { createFrame, drawAxes, formatNumber, type FocusItem } from './frame';
import { captionReferences, drawBaselines, drawMarkers, includeReferences } from './references';
import { seriesColor } from './theme';
import type { ChartSpec } from '../../../extension/views/chart/chartOutput';

export function drawLineOrScatter(element: HTMLElement, spec: ChartSpec): void {
  const series = spec.series ?? [];
  const total = series.reduce((s, x) => s + x.points.length, 0);
  const frame = createFrame(
    element,
    spec.title,
    `${spec.kind} chart${spec.title ? ` of ${spec.title}` : ''} with ${series.length} series and ${total} points`,
  );
  const all = series.flatMap((s) => s.points as readonly Point[]);
  const [x0, x1] = includeReferences(
    extent(all, (p) => p[0]) as [number, number],
    (spec.markers ?? []).map((m) => m.x),
  );
  const [y0, y1] = includeReferences(
    extent(all, (p) => p[1]) as [number, number],
    (spec.baselines ?? []).map((b) => b.y),
  );
  const x = (spec.x?.scale === 'log' ? scaleLog() : scaleLinear())
    .domain([x0 ?? 0, x1 ?? 1])
    .range([0, frame.width])
    .nice();
  const y = (spec.y?.scale === 'log' ? scaleLog() : scaleLinear())
    .domain([Math.min(0, y0 ?? 0) === 0 && (y0 ?? 0) >= 0 && spec.kind === 'line' ? Math.min(0, y0 ?? 0) : (y0 ?? 0), y1 ?? 1])
    .range([frame.height, 0])
    .nice();
  drawAxes(frame, x, y, spec.x, spec.y);
  const references = [...drawBaselines(frame, y, spec.baselines), ...drawMarkers(frame, x, spec.markers)];
  const focus: FocusItem[] = [];
  let drawn = 0;
  series.forEach((s, i) => {
    const color = seriesColor(i);
    const pts = s.points as readonly Point[];
    if (spec.kind === 'line') {
      const reduced = downsampleLine(pts, x.domain()[0] as number, x.domain()[1] as number, Math.ceil(frame.width));
      drawn += reduced.length;
      frame.plot
        .append('path')
        .attr('class', 'ddia-line')
        .attr('fill', 'none')
        .attr('stroke', color)
        .attr('stroke-width', 1.75)
        .attr(
          'd',
          line<Point>()
            .x((p) => x(p[0]))
            .y((p) => y(p[1]))(reduced) ?? '',
        );
      const step = Math.max(1, Math.floor(reduced.length / 400));
      for (let k = 0; k < reduced.length; k += step) {
        const p = reduced[k] as Point;
        focus.push({ x: x(p[0]), y: y(p[1]), label: `${s.name}: x ${formatNumber(p[0])}, y ${formatNumber(p[1])}`, series: i });
      }
    } else {
      const reduced = downsampleScatter(pts, x, y, 5000);
      drawn += reduced.length;
      frame.plot
        .append('g')
        .attr('fill', color)
        .selectAll('circle')
        .data(reduced)
        .join('circle')
        .attr('cx', (p) => x(p[0]))
        .attr('cy', (p) => y(p[1]))
        .attr('r', 2.5);
      const step = Math.max(1, Math.floor(reduced.length / 400));
      for (let k = 0; k < reduced.length; k += step) {
        const p = reduced[k] as Point;
        focus.push({ x: x(p[0]), y: y(p[1]), label: `${s.name}: x ${formatNumber(p[0])}, y ${formatNumber(p[1])}`, series: i });
      }
    }
  });
  focus.sort((a, b) => (a.series ?? 0) - (b.series ?? 0) || a.x - b.x);
  frame.setFocusItems(focus);
  const legend =
    series.length > 1
      ? series
          .map((s, i) => `<span class="ddia-legend-item"><i style="background:${seriesColor(i)}"></i>${escapeHtml(s.name)}</span>`)
          .join('')
      : '';
  if (legend) {
    const div = document.createElement('div');
    div.className = 'ddia-legend';
    div.innerHTML = legend;
    frame.root.insertBefore(div, frame.root.querySelector('svg'));
  }
  frame.caption(
    drawn < total
      ? `${total.toLocaleString('en-US')} points, drawn as ${drawn.toLocaleString('en-US')} (downsampled to the chart's width; the shape is exact)`
      : '',
  );
  if (references.length > 0 && drawn >= total) captionReferences(frame, references);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
