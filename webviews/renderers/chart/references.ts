/**
 * Reference lines drawn over a chart: vertical markers at x values (percentiles on a latency
 * histogram) and horizontal baselines at y values (a saved baseline on a line chart). Dashed,
 * labelled, and listed in the caption so screen readers and keyboard users get them too.
 */
import type { ScaleContinuousNumeric } from 'd3';
import { formatNumber, type Frame } from './frame';
import { seriesColor } from './theme';
import type { Baseline, Marker } from '../../../extension/views/chart/chartOutput';

/** Widens a domain so every reference line is inside the plot. */
export function includeReferences(domain: readonly [number, number], values: readonly number[]): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  return [Math.min(domain[0], ...finite), Math.max(domain[1], ...finite)];
}

export function drawMarkers(frame: Frame, x: ScaleContinuousNumeric<number, number>, markers: readonly Marker[] | undefined): string[] {
  if (!markers?.length) return [];
  const g = frame.plot.append('g').attr('class', 'ddia-markers');
  const color = seriesColor(3);
  markers.forEach((m, i) => {
    const px = x(m.x);
    if (!Number.isFinite(px)) return;
    g.append('line')
      .attr('x1', px)
      .attr('x2', px)
      .attr('y1', 0)
      .attr('y2', frame.height)
      .attr('stroke', color)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '4 3');
    // Labels alternate between two rows so close percentiles (p99, p99.9) do not overlap.
    g.append('text')
      .attr('class', 'ddia-reference-label')
      .attr('x', px + 3)
      .attr('y', 10 + (i % 2) * 12)
      .attr('fill', color)
      .text(m.label);
  });
  return markers.map((m) => `${m.label} ${formatNumber(m.x)}`);
}

export function drawBaselines(
  frame: Frame,
  y: ScaleContinuousNumeric<number, number>,
  baselines: readonly Baseline[] | undefined,
): string[] {
  if (!baselines?.length) return [];
  const g = frame.plot.append('g').attr('class', 'ddia-baselines');
  const color = seriesColor(2);
  for (const b of baselines) {
    const py = y(b.y);
    if (!Number.isFinite(py)) continue;
    g.append('line')
      .attr('x1', 0)
      .attr('x2', frame.width)
      .attr('y1', py)
      .attr('y2', py)
      .attr('stroke', color)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '6 3');
    g.append('text')
      .attr('class', 'ddia-reference-label')
      .attr('x', frame.width - 2)
      .attr('y', py - 3)
      .attr('text-anchor', 'end')
      .attr('fill', color)
      .text(b.label);
  }
  return baselines.map((b) => `${b.label} ${formatNumber(b.y)}`);
}

/** Adds the reference lines to the chart's caption (keeps any caption already there). */
export function captionReferences(frame: Frame, parts: readonly string[]): void {
  if (parts.length === 0) return;
  frame.caption(parts.join(' · '));
}
