/**
 * The lab's own Node event loop as a USE resource: utilization is event-loop utilization (the
 * fraction of time the loop was running JavaScript or native callbacks rather than waiting;
 * 70% warn, 90% bad), saturation is the 99th percentile of event-loop delay (how late timers
 * fire; 50 ms warn, 200 ms bad) with GC pauses as evidence, and errors are not defined for it.
 */
import { notAvailable, stateFor, type Metric } from './metric';
import { pct, type ResourceUse } from './resource';
import { type NodeLoopSample } from './snapshot';

export function useEventLoop(s: NodeLoopSample | undefined, elapsedSec: number): ResourceUse {
  const none = notAvailable('event-loop monitoring not running');
  if (!s) return { kind: 'event-loop', name: 'node event loop', utilization: none, saturation: none, errors: none, details: {} };
  const utilization: Metric = {
    value: s.utilization,
    unit: 'fraction',
    state: stateFor(s.utilization, 0.7, 0.9),
    evidence: `loop busy ${pct(s.utilization)}`,
  };
  const saturation: Metric = {
    value: s.delayP99Ms,
    unit: 'ms (p99 delay)',
    state: stateFor(s.delayP99Ms, 50, 200),
    evidence: `delay p99 ${s.delayP99Ms.toFixed(1)} ms, mean ${s.delayMeanMs.toFixed(1)} ms; ${s.gcCount} GCs pausing ${s.gcPauseMs.toFixed(1)} ms in ${elapsedSec.toFixed(1)} s`,
  };
  return {
    kind: 'event-loop',
    name: 'node event loop',
    utilization,
    saturation,
    errors: notAvailable('an event loop has no error counter'),
    details: { 'gc pause ms': s.gcPauseMs, 'gc count': s.gcCount, 'delay mean ms': s.delayMeanMs },
  };
}
