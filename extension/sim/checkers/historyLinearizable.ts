/**
 * Linearizability of a simulator history of register reads and writes per key: converts the
 * Jepsen-style history into porcupine operations (fail ops dropped, info ops left open to the
 * end with an unknown output) and checks it with a per-key register model whose missing key
 * reads as null.
 */
import { pairHistory, type HistoryEvent } from '../core/history';
import { type Anomaly } from './anomaly';
import { checkLinearizable, type Model, type Operation } from './linearizability';
import { partitionByKey } from './models';

type In = { f: 'read' | 'write'; key: string; value: unknown };
type Out = { value: unknown; unknown: boolean };

export const registerKvModel: Model<string, In, Out> = {
  init: () => 'null',
  step: (s, i, o) => (i.f === 'write' ? [true, JSON.stringify(i.value ?? null)] : [o.unknown || JSON.stringify(o.value ?? null) === s, s]),
  equal: (a, b) => a === b,
  partition: partitionByKey,
};

export function historyToOperations(history: readonly HistoryEvent[]): Operation<In, Out>[] {
  return pairHistory(history)
    .filter((op) => op.status !== 'fail' && (op.f === 'read' || op.f === 'write'))
    .map((op) => ({
      process: op.process,
      input: { f: op.f as 'read' | 'write', key: op.key ?? '', value: op.input },
      call: op.invokeMs,
      output: { value: op.output, unknown: op.status !== 'ok' },
      return: op.completeMs,
    }));
}

export function checkHistoryLinearizable(history: readonly HistoryEvent[], maxSteps = 1_000_000): Anomaly[] {
  const r = checkLinearizable(registerKvModel, historyToOperations(history), { maxSteps });
  if (r.result === 'ok') return [];
  return [
    {
      kind: 'not-linearizable',
      opIds: [],
      atMs: 0,
      message: r.result === 'illegal' ? 'no linearization exists for some key' : 'linearizability check gave up (too many steps)',
    },
  ];
}
