/** Box plots: quartiles, Tukey whiskers (1.5 × IQR) and outliers, computed by the SDK. */
import { scaleBand, scaleLinear } from 'd3';
import { createFrame, drawAxes, formatNumber } from './frame';
import { captionReferences, drawBaselines } from './references';
import { seriesColor } from './theme';
import type { BoxSummary, ChartSpec } from '../../../extension/views/chart/chartOutput';

export function drawBoxPlot(element: HTMLElement, spec: ChartSpec): void {
  const boxes = spec.boxes ?? [];
  const frame = createFrame(element, spec.title, `box plot${spec.title ? ` of ${spec.title}` : ''} with ${boxes.length} groups`);
  const x = scaleBand<string>()
    .domain(boxes.map((b) => b.name))
    .range([0, frame.width])
    .padding(0.35);
  const refs = (spec.baselines ?? []).map((b) => b.y).filter((v) => Number.isFinite(v));
  const lo = Math.min(...boxes.map((b) => Math.min(b.min, ...b.outliers)), ...refs);
  const hi = Math.max(...boxes.map((b) => Math.max(b.max, ...b.outliers)), ...refs);
  const y = scaleLinear().domain([lo, hi]).range([frame.height, 0]).nice();
  drawAxes(frame, x, y, spec.x, spec.y);
  captionReferences(frame, drawBaselines(frame, y, spec.baselines));
  const color = seriesColor(0);
  const g = frame.plot.append('g').attr('stroke', color).attr('fill', 'none');
  for (const b of boxes) {
    const cx = (x(b.name) ?? 0) + x.bandwidth() / 2;
    const w = x.bandwidth();
    g.append('line').attr('x1', cx).attr('x2', cx).attr('y1', y(b.min)).attr('y2', y(b.q1));
    g.append('line').attr('x1', cx).attr('x2', cx).attr('y1', y(b.q3)).attr('y2', y(b.max));
    g.append('line')
      .attr('x1', cx - w / 4)
      .attr('x2', cx + w / 4)
      .attr('y1', y(b.min))
      .attr('y2', y(b.min));
    g.append('line')
      .attr('x1', cx - w / 4)
      .attr('x2', cx + w / 4)
      .attr('y1', y(b.max))
      .attr('y2', y(b.max));
    g.append('rect')
      .attr('x', cx - w / 2)
      .attr('width', w)
      .attr('y', y(b.q3))
      .attr('height', Math.max(1, y(b.q1) - y(b.q3)))
      .attr('fill', color)
      .attr('fill-opacity', 0.2);
    g.append('line')
      .attr('x1', cx - w / 2)
      .attr('x2', cx + w / 2)
      .attr('y1', y(b.median))
      .attr('y2', y(b.median))
      .attr('stroke-width', 2.5);
    for (const o of b.outliers) g.append('circle').attr('cx', cx).attr('cy', y(o)).attr('r', 2.5);
  }
  frame.setFocusItems(boxes.map((b: BoxSummary) => ({ x: (x(b.name) ?? 0) + x.bandwidth() / 2, y: y(b.median), label: describeBox(b) })));
}

function describeBox(b: BoxSummary): string {
  return `${b.name} (n=${b.count}): min ${formatNumber(b.min)}, q1 ${formatNumber(b.q1)}, median ${formatNumber(b.median)}, q3 ${formatNumber(b.q3)}, max ${formatNumber(b.max)}, ${b.outliers.length} outliers`;
}
