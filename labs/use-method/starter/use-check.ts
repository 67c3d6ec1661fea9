/**
 * Exercise "use-check" (lab use-method): two small pieces of a USE-method checklist.
 *
 * 1. `cpuUtilization(before, after)`: per-CPU utilization from two snapshots of Linux's
 *    /proc/stat. Each `cpu…` line holds cumulative tick counters, in this order:
 *      user nice system idle iowait irq softirq steal guest guest_nice
 *    Busy time is user + nice + system + irq + softirq + steal. Idle time is idle + iowait
 *    (a CPU waiting for I/O is free to run other work). guest and guest_nice are already
 *    included in user and nice, so adding them again would count that time twice.
 *    Utilization over the interval is busy delta / (busy delta + idle delta), in percent.
 *
 * 2. `useFindings(readings)`: turns one reading per resource into findings, most urgent first.
 *
 * Checked by tests/use-check.test.ts, which ships with DDIA Labs:
 *   - "utilization comes from the difference of two snapshots"
 *   - "every cpu line is reported, and nothing else"
 *   - "busy time includes steal and excludes guest"
 *   - "iowait counts as idle time, and is reported on its own"
 *   - "an interval with no ticks gives 0%, not NaN"
 *   - "a healthy resource has no findings"
 *   - "utilization at or above the threshold is a finding"
 *   - "any saturation or error is a finding"
 *   - "findings are ordered errors, saturation, utilization, unknown"
 *   - "a metric that could not be measured is an unknown finding"
 */

export interface CpuUtilization {
  /** The line's label: `cpu` for the total of all CPUs, `cpu0`, `cpu1`, … for each CPU. */
  readonly cpu: string;
  /** Percent of the interval the CPU was busy, 0–100; 0 when no tick elapsed. */
  readonly utilization: number;
  /** Percent of the interval the CPU was idle while some I/O was outstanding, 0–100. */
  readonly iowait: number;
}

export function cpuUtilization(before: string, after: string): CpuUtilization[] {
  // TODO: parse the cpu lines of both snapshots, subtract, and compute the percentages.
  // (An empty list until then: the lab's cell says "returned nothing yet" rather than stopping.)
  void before;
  void after;
  return [];
}

/** One USE reading of one resource; a metric you could not measure is left out (undefined). */
export interface UseReading {
  readonly resource: string;
  /** Percent busy over the interval, 0–100. */
  readonly utilization?: number;
  /** Work waiting for the resource, e.g. runnable threads beyond the CPU count, pages swapped per second. */
  readonly saturation?: number;
  /** Error events counted over the interval. */
  readonly errors?: number;
}

export type FindingKind = 'errors' | 'saturation' | 'utilization' | 'unknown';

export interface Finding {
  readonly resource: string;
  readonly kind: FindingKind;
  /** For `unknown`: which metric is missing; otherwise the value that triggered the finding. */
  readonly metric: 'utilization' | 'saturation' | 'errors';
  readonly value?: number;
}

/**
 * Findings, in this order: every `errors` finding, then `saturation`, then `utilization`, then
 * `unknown`; within a kind, resources keep their input order.
 *   - errors > 0 is a finding (errors are quick to interpret, so they come first);
 *   - saturation > 0 is a finding (any queueing means work waited);
 *   - utilization >= `utilizationThreshold` (default 70) is a finding: an average over an
 *     interval can hide bursts of 100%, so a high average is already suspicious;
 *   - each missing metric is an `unknown` finding: write it down rather than skip the row.
 */
export function useFindings(readings: readonly UseReading[], utilizationThreshold = 70): Finding[] {
  // TODO: one finding per triggered or missing metric, in the documented order.
  void readings;
  void utilizationThreshold;
  return [];
}
