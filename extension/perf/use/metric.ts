/**
 * One USE cell: a measured value with a state and the evidence behind it, or an explicit
 * "not available here" with the reason (a platform without the source, a counter that reset,
 * a virtual NIC with no link speed). Dashboards show the reason instead of an empty cell.
 */
export type UseState = 'ok' | 'warn' | 'bad';

export type Metric = { value: number; unit: string; state: UseState; evidence: string } | { notAvailable: string };

export function notAvailable(reason: string): Metric {
  return { notAvailable: `not available here: ${reason}` };
}

/** State from two rising thresholds: value ≥ bad → bad, ≥ warn → warn, else ok. */
export function stateFor(value: number, warn: number, bad: number): UseState {
  return value >= bad ? 'bad' : value >= warn ? 'warn' : 'ok';
}

export function worst(...states: UseState[]): UseState {
  return states.includes('bad') ? 'bad' : states.includes('warn') ? 'warn' : 'ok';
}

export function isAvailable(m: Metric): m is Extract<Metric, { value: number }> {
  return 'value' in m;
}

/** Like stateFor but strict: value > bad → bad, > warn → warn (for counts where "at the limit" is fine). */
export function stateAbove(value: number, warn: number, bad: number): UseState {
  return value > bad ? 'bad' : value > warn ? 'warn' : 'ok';
}
