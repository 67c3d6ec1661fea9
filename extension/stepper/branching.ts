/**
 * Branching a run: the same registry scenario and seed, re-run with one more scheduled fault at
 * the stepper's cursor time (added to the options' `injectFaults`, so the branch's own options
 * replay it exactly). The original run's events before that time are unchanged.
 */
import type { TimelineSpec } from '../views/timeline/timelineOutput';
import type { Fault, ScheduledFault } from '../sim/core/faults';
import { describeFault } from '../views/timeline/describeFault';
import { findScenario } from '../sim/scenarios/registry';
import { injectedFaults } from '../sim/scenarios/scenario';
import { timelineSpecOf } from '../sdk/timelineSpec';

/** Why a run cannot be branched, or undefined when it can. */
export function cannotBranch(spec: TimelineSpec): string | undefined {
  if (findScenario(spec.scenario) === undefined)
    return `this run's scenario “${spec.scenario}” is not a registry scenario, so it cannot be re-run with an extra fault`;
  return undefined;
}

export function branchSpec(spec: TimelineSpec, atMs: number, fault: Fault): TimelineSpec {
  const why = cannotBranch(spec);
  if (why !== undefined) throw new Error(why);
  const scenario = findScenario(spec.scenario);
  const base = (typeof spec.options === 'object' && spec.options !== null ? spec.options : {}) as Record<string, unknown>;
  const injectFaults: ScheduledFault[] = [...injectedFaults(base), { atMs, fault }];
  const result = scenario!.run(spec.seed, { ...base, injectFaults });
  return timelineSpecOf(result, `${spec.title ?? spec.scenario} + ${describeFault(fault)} at ${atMs.toFixed(1)} ms`);
}
