/** Bar charts (one value per category) and histograms (bins from the SDK). */
import { max, scaleBand, scaleLinear } from 'd3';
import { createFrame, drawAxes, formatNumber } from './frame';
import { captionReferences, drawBaselines, drawMarkers, includeReferences } from './references';
import { seriesColor } from './theme';
import type { ChartSpec } from '../../../extension/views/chart/chartOutput';

export function drawBars(element: HTMLElement, spec: ChartSpec): void {
  const bars = spec.bars ?? [];
  const frame = createFrame(element, spec.title, `bar chart${spec.title ? ` of ${spec.title}` : ''} with ${bars.length} bars`);
  const x = scaleBand<string>()
    .domain(bars.map((b) => b.label))
    .range([0, frame.width])
    .padding(0.2);
  const y = scaleLinear()
    .domain(
      includeReferences(
        [Math.min(0, ...bars.map((b) => b.value)), max(bars, (b) => b.value) ?? 1],
        (spec.baselines ?? []).map((b) => b.y),
      ),
    )
    .range([frame.height, 0])
    .nice();
  drawAxes(frame, x, y, spec.x, spec.y);
  frame.plot
    .append('g')
    .attr('fill', seriesColor(0))
    .selectAll('rect')
    .data(bars)
    .join('rect')
    .attr('x', (b) => x(b.label) ?? 0)
    .attr('width', x.bandwidth())
    .attr('y', (b) => y(Math.max(0, b.value)))
    .attr('height', (b) => Math.abs(y(b.value) - y(0)));
  captionReferences(frame, drawBaselines(frame, y, spec.baselines));
  frame.setFocusItems(
    bars.map((b) => ({ x: (x(b.label) ?? 0) + x.bandwidth() / 2, y: y(b.value), label: `${b.label}: ${formatNumber(b.value)}` })),
  );
}

export function drawHistogram(element: HTMLElement, spec: ChartSpec): void {
  const bins = spec.bins ?? [];
  const total = bins.reduce((s, b) => s + b.count, 0);
  const frame = createFrame(
    element,
    spec.title,
    `histogram${spec.title ? ` of ${spec.title}` : ''} with ${bins.length} bins and ${total} values`,
  );
  const x = scaleLinear()
    .domain(
      includeReferences(
        [bins[0]?.x0 ?? 0, bins[bins.length - 1]?.x1 ?? 1],
        (spec.markers ?? []).map((m) => m.x),
      ),
    )
    .range([0, frame.width]);
  const y = scaleLinear()
    .domain([0, max(bins, (b) => b.count) ?? 1])
    .range([frame.height, 0])
    .nice();
  drawAxes(frame, x, y, spec.x, spec.y ?? { label: 'count' });
  frame.plot
    .append('g')
    .attr('fill', seriesColor(0))
    .selectAll('rect')
    .data(bins)
    .join('rect')
    .attr('x', (b) => x(b.x0) + 0.5)
    .attr('width', (b) => Math.max(0.5, x(b.x1) - x(b.x0) - 1))
    .attr('y', (b) => y(b.count))
    .attr('height', (b) => frame.height - y(b.count));
  captionReferences(frame, drawMarkers(frame, x, spec.markers));
  frame.setFocusItems(
    bins.map((b) => ({
      x: (x(b.x0) + x(b.x1)) / 2,
      y: y(b.count),
      label: `[${formatNumber(b.x0)}, ${formatNumber(b.x1)}): ${b.count} (${total ? ((100 * b.count) / total).toFixed(1) : 0}%)`,
    })),
  );
}
