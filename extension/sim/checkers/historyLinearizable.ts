/**
 * Linearizability of a simulator history of register reads and writes per key: converts the
 * Jepsen-style history into porcupine operations (fail ops dropped: they did not happen; info and
 * open ops pending, so they may take effect any time after their call, or never) and checks it
 * with a per-key register model whose missing key reads as null.
 *
 * A violation names the key, the operation that cannot be placed (first in opIds, its completion
 * time as atMs), the longest linearizable prefix found and the register's value after it. A
 * search that ran out of steps is reported as 'linearizability-unknown', never as a violation.
 */
import { pairHistory, type HistoryEvent } from '../core/history';
import { type Anomaly } from './anomaly';
import { checkLinearizable, describeOperation, type Model, type Operation } from './linearizability';
import { hashString, partitionByKey } from './models';

type In = { f: 'read' | 'write'; key: string; value: unknown; opId: number };
type Out = { value: unknown; unknown: boolean };

/** State: the register's value as JSON ('null' when never written). */
export const registerKvModel: Model<string, In, Out> = {
  init: () => 'null',
  step: (s, i, o) => (i.f === 'write' ? [true, JSON.stringify(i.value ?? null)] : [o.unknown || JSON.stringify(o.value ?? null) === s, s]),
  equal: (a, b) => a === b,
  hash: hashString,
  partition: partitionByKey,
  describe: (s) => s,
  describeOperation: (i, o) =>
    i.f === 'write'
      ? `write ${i.key}=${JSON.stringify(i.value ?? null)}${o.unknown ? ' (outcome unknown)' : ''}`
      : `read ${i.key} → ${o.unknown ? '?' : JSON.stringify(o.value ?? null)}`,
};

export function historyToOperations(history: readonly HistoryEvent[]): Operation<In, Out>[] {
  return pairHistory(history)
    .filter((op) => op.status !== 'fail' && (op.f === 'read' || op.f === 'write'))
    .map((op) => ({
      process: op.process,
      input: { f: op.f as 'read' | 'write', key: op.key ?? '', value: op.input, opId: op.opId },
      call: op.invokeMs,
      output: { value: op.output, unknown: op.status !== 'ok' },
      return: op.completeMs,
    }));
}

export function checkHistoryLinearizable(history: readonly HistoryEvent[], maxSteps = 1_000_000): Anomaly[] {
  const r = checkLinearizable(registerKvModel, historyToOperations(history), { maxSteps });
  if (r.result === 'ok') return [];
  const v = r.violation;
  if (r.result === 'unknown' || v === undefined) {
    const keys = r.gaveUp?.undecided ?? [];
    return [
      {
        kind: 'linearizability-unknown',
        opIds: [],
        atMs: 0,
        ...(keys.length === 1 ? { key: keys[0] as string } : {}),
        message: `linearizability undecided: the search gave up after ${r.steps} steps (keys ${keys.join(', ')}); neither linearizable nor shown not to be`,
      },
    ];
  }
  const b = v.blocked;
  const prefix = v.linearized.map((op) => describeOperation(registerKvModel, op));
  return [
    {
      kind: 'not-linearizable',
      key: v.key,
      opIds: [b.input.opId, ...v.linearized.map((op) => op.input.opId)],
      atMs: Number.isFinite(b.return) ? b.return : b.call,
      message:
        `no linearization of key ${v.key}: after ${prefix.length === 0 ? 'no operations' : prefix.join(', ')} ` +
        `(${v.key} = ${v.stateText}), ${describeOperation(registerKvModel, b)} ` +
        `(process ${b.process}, ${b.call}–${b.return} ms) cannot be placed next`,
    },
  ];
}
