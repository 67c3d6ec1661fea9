/**
 * Event-loop delay, event-loop utilization and GC pauses of the current process, for the
 * "node event loop" USE row. monitorEventLoopDelay samples how late a 20 ms timer fires (10 ms, Node's default, costs about twice the CPU)
 * (a histogram in ns); GC pauses come from PerformanceObserver 'gc' entries. `take()`
 * returns the interval since the previous call and resets, so each sample is independent.
 */
import { monitorEventLoopDelay, performance, PerformanceObserver, type EventLoopUtilization } from 'node:perf_hooks';
import { type NodeLoopSample } from '../use/snapshot';

export interface NodeLoopMonitor {
  take(): NodeLoopSample;
  stop(): void;
}

export function startNodeLoopMonitor(resolutionMs = 20): NodeLoopMonitor {
  const delay = monitorEventLoopDelay({ resolution: resolutionMs });
  delay.enable();
  let gcPauseMs = 0;
  let gcCount = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcPauseMs += e.duration;
      gcCount++;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  let lastElu: EventLoopUtilization = performance.eventLoopUtilization();
  return {
    take() {
      const elu = performance.eventLoopUtilization(lastElu);
      lastElu = performance.eventLoopUtilization();
      // The histogram includes the timer resolution itself; subtract it so an idle loop reads ~0.
      const p99 = Math.max(0, delay.percentile(99) / 1e6 - resolutionMs);
      const mean = Number.isNaN(delay.mean) ? 0 : Math.max(0, delay.mean / 1e6 - resolutionMs);
      const sample: NodeLoopSample = { utilization: elu.utilization, delayP99Ms: p99, delayMeanMs: mean, gcPauseMs, gcCount };
      delay.reset();
      gcPauseMs = 0;
      gcCount = 0;
      return sample;
    },
    stop() {
      delay.disable();
      obs.disconnect();
    },
  };
}
