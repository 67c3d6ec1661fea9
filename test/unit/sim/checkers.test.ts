/**
 * Checkers on small hand-written histories: each anomaly is flagged when present and not flagged
 * in the closest history without it.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { type HistoryEvent } from '../../../extension/sim/core/history';
import { checkHistoryLinearizable } from '../../../extension/sim/checkers/historyLinearizable';
import { checkConsistentPrefix, checkMonotonicReads, checkReadYourWrites } from '../../../extension/sim/checkers/sessionGuarantees';
import { checkLostWrites, checkStaleReads } from '../../../extension/sim/checkers/staleReads';

let nextId = 0;
/** One operation: [client, f, key, value, invokeMs, completeMs, status]. */
function op(
  client: string,
  f: 'read' | 'write',
  key: string,
  value: unknown,
  from: number,
  to: number,
  status: 'ok' | 'info' = 'ok',
): HistoryEvent[] {
  const opId = nextId++;
  const base = { opId, process: client.charCodeAt(0), client, f, key };
  return [
    { ...base, type: 'invoke', value: f === 'write' ? value : null, timeMs: from },
    { ...base, type: status, value, timeMs: to },
  ];
}
const h = (...ops: HistoryEvent[][]): HistoryEvent[] => ops.flat().sort((a, b) => a.timeMs - b.timeMs);
const kinds = (a: { kind: string }[]) => a.map((x) => x.kind);

describe('stale reads and lost writes', () => {
  test('a read that misses a write acknowledged before it began is stale', () => {
    const hist = h(op('a', 'write', 'x', 1, 0, 1), op('a', 'write', 'x', 2, 2, 3), op('b', 'read', 'x', 1, 4, 5));
    assert.deepEqual(kinds(checkStaleReads(hist)), ['stale-read']);
  });
  test('a read concurrent with the newer write may return the older value', () => {
    const hist = h(op('a', 'write', 'x', 1, 0, 1), op('a', 'write', 'x', 2, 2, 6), op('b', 'read', 'x', 1, 4, 5));
    assert.deepEqual(checkStaleReads(hist), []);
  });
  test('a read of a value nobody wrote is reported', () => {
    assert.deepEqual(kinds(checkStaleReads(h(op('b', 'read', 'x', 9, 0, 1)))), ['unknown-value']);
  });
  test('an acknowledged write missing from final reads is lost; one overwritten by a later write is not', () => {
    const lost = h(op('a', 'write', 'x', 1, 0, 1), op('b', 'read', 'x', null, 5, 6));
    assert.deepEqual(kinds(checkLostWrites(lost)), ['lost-write']);
    const overwritten = h(op('a', 'write', 'x', 1, 0, 1), op('a', 'write', 'x', 2, 2, 3), op('b', 'read', 'x', 2, 5, 6));
    assert.deepEqual(checkLostWrites(overwritten), []);
  });
  test('a timed-out (info) write never makes a read stale', () => {
    const hist = h(op('a', 'write', 'x', 1, 0, 1, 'info'), op('b', 'read', 'x', null, 5, 6));
    assert.deepEqual(checkStaleReads(hist), []);
  });
});

describe('session guarantees', () => {
  test('read-your-writes: own write then an older value is flagged; another client’s stale read is not', () => {
    const base = [op('a', 'write', 'x', 1, 0, 1), op('a', 'write', 'x', 2, 2, 3)];
    assert.deepEqual(kinds(checkReadYourWrites(h(...base, op('a', 'read', 'x', 1, 4, 5)))), ['read-your-writes']);
    assert.deepEqual(checkReadYourWrites(h(...base, op('b', 'read', 'x', 1, 4, 5))), []);
  });
  test('monotonic reads: new then old is flagged, old then new is fine', () => {
    const w = [op('a', 'write', 'x', 1, 0, 1), op('a', 'write', 'x', 2, 2, 3)];
    assert.deepEqual(kinds(checkMonotonicReads(h(...w, op('b', 'read', 'x', 2, 4, 5), op('b', 'read', 'x', 1, 6, 7)))), [
      'monotonic-reads',
    ]);
    assert.deepEqual(checkMonotonicReads(h(...w, op('b', 'read', 'x', 1, 4, 5), op('b', 'read', 'x', 2, 6, 7))), []);
  });
  test('consistent prefix: seeing the answer and then missing the question is flagged', () => {
    const w = [op('q', 'write', 'question', 'Q', 0, 1), op('q', 'write', 'answer', 'A', 2, 3)];
    assert.deepEqual(kinds(checkConsistentPrefix(h(...w, op('o', 'read', 'answer', 'A', 4, 5), op('o', 'read', 'question', null, 6, 7)))), [
      'consistent-prefix',
    ]);
    assert.deepEqual(checkConsistentPrefix(h(...w, op('o', 'read', 'answer', 'A', 4, 5), op('o', 'read', 'question', 'Q', 6, 7))), []);
  });
});

describe('linearizability of simulator histories', () => {
  test('a stale read after an acknowledged write is not linearizable; a concurrent one is', () => {
    assert.equal(checkHistoryLinearizable(h(op('a', 'write', 'x', 1, 0, 1), op('b', 'read', 'x', null, 2, 3))).length, 1);
    assert.deepEqual(checkHistoryLinearizable(h(op('a', 'write', 'x', 1, 0, 4), op('b', 'read', 'x', null, 2, 3))), []);
  });
  test('a violation names the key, the op that cannot be placed, the prefix and the state', () => {
    const w = op('a', 'write', 'x', 1, 0, 1);
    const r = op('b', 'read', 'x', null, 2, 3);
    const [anomaly] = checkHistoryLinearizable(h(w, r, op('c', 'write', 'y', 5, 0, 1)));
    assert.ok(anomaly);
    assert.equal(anomaly.kind, 'not-linearizable');
    assert.equal(anomaly.key, 'x');
    assert.deepEqual(anomaly.opIds, [r[0]?.opId, w[0]?.opId]);
    assert.equal(anomaly.atMs, 3);
    assert.match(anomaly.message, /after write x=1 \(x = 1\), read x → null \(process 98, 2–3 ms\) cannot be placed next/);
  });
  test('a search that runs out of steps is undecided, not a violation', () => {
    const puts = Array.from({ length: 14 }, (_, i) => op(String.fromCharCode(97 + i), 'write', 'x', i, i, 100 + i));
    const [anomaly] = checkHistoryLinearizable(h(...puts, op('z', 'read', 'x', 99, 200, 201)), 500);
    assert.equal(anomaly?.kind, 'linearizability-unknown');
    assert.equal(anomaly?.key, 'x');
  });
  test('a failed write did not happen: a read cannot see it', () => {
    const failed = op('a', 'write', 'x', 1, 0, 1);
    (failed[1] as HistoryEvent).type = 'fail';
    assert.equal(checkHistoryLinearizable(h(failed, op('b', 'read', 'x', 1, 2, 3)))[0]?.kind, 'not-linearizable');
  });
  test('an info write may take effect after the read that saw it began', () => {
    assert.deepEqual(checkHistoryLinearizable(h(op('a', 'write', 'x', 1, 0, 1, 'info'), op('b', 'read', 'x', 1, 9, 10))), []);
  });
});
