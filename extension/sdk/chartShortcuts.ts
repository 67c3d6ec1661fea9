/** `chart.line(…)` etc.: the same builders as `charts`, importable as a namespace. */
import { charts } from './outputs';

export const line = charts.line;
export const scatter = charts.scatter;
export const bar = charts.bar;
export const histogram = charts.histogram;
export const heatmap = charts.heatmap;
export const box = charts.box;
