/**
 * Named scenarios: each is a pure function of (seed, options) to a run result with its trace,
 * history and the anomalies the checkers found. This is what `ddia-labs sim <scenario>` and the
 * labs call; the same seed and options always give the same trace hash.
 */
import type { TraceColumns } from '../core/traceColumns';
import { type ScheduledFault } from '../core/faults';
import { type HistoryEvent } from '../core/history';
import { type TraceEvent } from '../core/trace';
import { type Anomaly } from '../checkers/anomaly';

export interface ScenarioResult {
  scenario: string;
  seed: number;
  /** The options after defaults were applied (log these to reproduce a run). */
  options: Record<string, unknown>;
  hash: string;
  eventCount: number;
  endMs: number;
  trace: TraceEvent[];
  history: HistoryEvent[];
  anomalies: Anomaly[];
  /** Scenario-specific facts worth printing (e.g. which writes last-write-wins discarded). */
  summary: Record<string, unknown>;
  nodeStates: Record<string, unknown>;
  /** The trace as recorded, when the result came from the simulator (non-enumerable; absent on copies). */
  readonly traceColumns?: TraceColumns | null;
}

/** What values an option may take beyond its type, so a bad value is refused before a run. */
export interface OptionLimit {
  readonly choices?: readonly (string | number | boolean)[];
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

export interface Scenario<O extends object = Record<string, unknown>> {
  name: string;
  description: string;
  defaults: O;
  /** Per-option limits (checked by checkScenarioOptions; the CLI and the stepper rely on it). */
  limits?: { readonly [K in keyof O]?: OptionLimit };
  /** Constraints between options, e.g. w ≤ n; returns the problem in words, or undefined. */
  crossCheck?(options: O): string | undefined;
  run(seed: number, options?: Partial<O>): ScenarioResult;
}

/**
 * Throws a RangeError naming the option, its value and what is allowed when an option is
 * unknown, of the wrong type, or outside its limits. `injectFaults` is checked by injectedFaults.
 */
export function checkScenarioOptions(s: Scenario<object>, partial: object): void {
  const defaults = s.defaults as Record<string, unknown>;
  const limits = (s.limits ?? {}) as Record<string, OptionLimit | undefined>;
  for (const [name, value] of Object.entries(partial)) {
    if (name === 'injectFaults') continue;
    if (!(name in defaults)) throw new RangeError(`${s.name} has no option '${name}'`);
    if (typeof value !== typeof defaults[name])
      throw new RangeError(`option '${name}' must be a ${typeof defaults[name]}, not ${JSON.stringify(value)}`);
    const limit = limits[name];
    if (limit === undefined) continue;
    if (limit.choices !== undefined && !limit.choices.includes(value as string | number | boolean))
      throw new RangeError(
        `option '${name}' must be one of ${limit.choices.map((c) => JSON.stringify(c)).join(', ')}, not ${JSON.stringify(value)}`,
      );
    if (typeof value === 'number') {
      const { min = -Infinity, max = Infinity, integer = false } = limit;
      if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value)))
        throw new RangeError(`option '${name}' must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, not ${value}`);
    }
  }
  const problem = s.crossCheck?.({ ...s.defaults, ...partial });
  if (problem !== undefined) throw new RangeError(problem);
}

/**
 * Faults added to a scenario's own schedule, passed in its options as `injectFaults` (so they are
 * part of the options a run logs and replays). The stepper branches a run this way: the same
 * scenario and seed with one more scheduled fault.
 */
export function injectedFaults(options: object): ScheduledFault[] {
  const raw = (options as { injectFaults?: unknown }).injectFaults;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new TypeError('injectFaults must be an array of { atMs, fault }');
  return raw.map((f: unknown, i) => {
    const sf = f as Partial<ScheduledFault> | null;
    if (typeof sf !== 'object' || sf === null || typeof sf.atMs !== 'number' || !(sf.atMs >= 0) || typeof sf.fault?.kind !== 'string') {
      throw new TypeError(`injectFaults[${i}] must be { atMs: number ≥ 0, fault: { kind, … } }`);
    }
    return { atMs: sf.atMs, fault: sf.fault };
  });
}
