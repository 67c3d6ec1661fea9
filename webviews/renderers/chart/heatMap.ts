/** Heat maps: a grid of cells coloured on a scale from the editor background to the theme's accent. */
import { interpolateRgb, max, min, scaleBand, scaleSequential } from 'd3';
import { createFrame, formatNumber, MARGIN } from './frame';
import { cssVar, seriesColor } from './theme';
import { axisBottom, axisLeft } from 'd3';
import type { ChartSpec } from '../../../extension/views/chart/chartOutput';

export function drawHeatMap(element: HTMLElement, spec: ChartSpec): void {
  const h = spec.heatmap as NonNullable<ChartSpec['heatmap']>;
  const frame = createFrame(
    element,
    spec.title,
    `heat map${spec.title ? ` of ${spec.title}` : ''}, ${h.ys.length} rows by ${h.xs.length} columns`,
  );
  const xs = h.xs.map(String);
  const ys = h.ys.map(String);
  const x = scaleBand<string>().domain(xs).range([0, frame.width]);
  const y = scaleBand<string>().domain(ys).range([frame.height, 0]);
  const flat = h.values.flat();
  const lo = min(flat) ?? 0;
  const hi = max(flat) ?? 1;
  const color = scaleSequential(interpolateRgb(cssVar('--vscode-editor-background', '#ffffff'), seriesColor(0))).domain([
    lo,
    hi === lo ? lo + 1 : hi,
  ]);
  const cells = h.values.flatMap((row, r) => row.map((v, c) => ({ r, c, v })));
  frame.plot
    .append('g')
    .selectAll('rect')
    .data(cells)
    .join('rect')
    .attr('x', (d) => x(xs[d.c] as string) ?? 0)
    .attr('y', (d) => y(ys[d.r] as string) ?? 0)
    .attr('width', Math.max(1, x.bandwidth()))
    .attr('height', Math.max(1, y.bandwidth()))
    .attr('fill', (d) => color(d.v));
  const everyX = Math.max(1, Math.ceil(xs.length / 12));
  const everyY = Math.max(1, Math.ceil(ys.length / 10));
  frame.plot
    .append('g')
    .attr('class', 'ddia-axis')
    .attr('transform', `translate(0,${frame.height})`)
    .call(axisBottom(x).tickValues(xs.filter((_, i) => i % everyX === 0)));
  frame.plot
    .append('g')
    .attr('class', 'ddia-axis')
    .call(axisLeft(y).tickValues(ys.filter((_, i) => i % everyY === 0)));
  void MARGIN;
  frame.setFocusItems(
    cells.map((d) => ({
      x: (x(xs[d.c] as string) ?? 0) + x.bandwidth() / 2,
      y: (y(ys[d.r] as string) ?? 0) + y.bandwidth() / 2,
      label: `x ${xs[d.c]}, y ${ys[d.r]}: ${formatNumber(d.v)}`,
      series: d.r,
    })),
  );
  frame.caption(`colour: ${formatNumber(lo)} (light) to ${formatNumber(hi)} (strong)`);
}
