/** One row of the USE table: a resource and its utilization, saturation and errors. */
import { type Metric } from './metric';

export type ResourceKind = 'cpu' | 'memory' | 'disk' | 'network' | 'event-loop';

export interface ResourceUse {
  kind: ResourceKind;
  /** "CPUs", "memory", "vda", "eth0", "node event loop". */
  name: string;
  utilization: Metric;
  saturation: Metric;
  errors: Metric;
  /** Supporting numbers for tooltips and sparklines (IOPS, throughput, per-CPU busy %, …). */
  details: Record<string, number>;
}

/** Δ of a cumulative counter, undefined when either side is missing or the counter went back (reset or wrap). */
export function counterDelta(before: number | undefined, after: number | undefined): number | undefined {
  if (before === undefined || after === undefined || after < before) return undefined;
  return after - before;
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
