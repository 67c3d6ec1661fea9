/**
 * The checker's search itself: verdicts stay three ('ok', 'illegal', 'unknown') and never blur;
 * one partition whose search explodes cannot hide an illegal one; a violation is explained with
 * the longest prefix, the operation that cannot come next and the state; pending operations may
 * take effect late or never; the state hash is an optimisation only (same verdicts without it).
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { checkLinearizable, type Model, type Operation } from '../../../extension/sim/checkers/linearizability';
import { etcdModel, kvModel, registerModel, type KvInput, type KvOutput, type RegisterInput } from '../../../extension/sim/checkers/models';
import { parseEtcdLog, readCorpus, readExpected } from './porcupineCorpus';

type KvOp = Operation<KvInput, KvOutput>;
const put = (key: string, value: string, call: number, ret: number, process = 0): KvOp => ({
  process,
  input: { op: 'put', key, value },
  call,
  output: { value: '' },
  return: ret,
});
const get = (key: string, value: string, call: number, ret: number, process = 1): KvOp => ({
  process,
  input: { op: 'get', key, value: '' },
  call,
  output: { value },
  return: ret,
});

/** Key "a": n concurrent puts then a read of a value never written (hard); key "b": a plainly illegal read. */
function hardThenEasy(n: number): KvOp[] {
  const ops: KvOp[] = [];
  for (let i = 0; i < n; i++) ops.push(put('a', `v${i}`, i, 100 + i, i));
  ops.push(get('a', 'never written', 200, 201, n));
  ops.push(put('b', '1', 0, 1, n + 1), get('b', '2', 2, 3, n + 1));
  return ops;
}

describe('partitions', () => {
  test('a partition whose search explodes does not hide an easy illegal one', () => {
    const r = checkLinearizable(kvModel, hardThenEasy(18));
    assert.equal(r.result, 'illegal');
    assert.equal(r.violation?.key, 'b');
    assert.ok(r.steps < 100_000, `took ${r.steps} steps`);
  });
  test('the first illegal partition in key order wins when several are easy', () => {
    const r = checkLinearizable(kvModel, [put('x', '1', 0, 1), get('x', '2', 2, 3), put('c', '1', 0, 1), get('c', '9', 2, 3)]);
    assert.equal(r.violation?.key, 'c');
  });
});

describe('unknown is its own verdict', () => {
  test('a step budget that runs out gives unknown with the undecided partitions', () => {
    const ops = hardThenEasy(14).filter((op) => op.input.key === 'a');
    const r = checkLinearizable(kvModel, ops, { maxSteps: 1000 });
    assert.equal(r.result, 'unknown');
    assert.deepEqual(r.gaveUp, { reason: 'steps', undecided: ['a'] });
    assert.equal(r.violation, undefined);
    assert.equal(checkLinearizable(kvModel, ops).result, 'illegal');
  });
  test('an injected clock past the deadline gives unknown (time), without reading the real clock', () => {
    let ticks = 0;
    const ops = hardThenEasy(16).filter((op) => op.input.key === 'a');
    const r = checkLinearizable(kvModel, ops, { deadline: 3, now: () => ticks++ });
    assert.equal(r.result, 'unknown');
    assert.equal(r.gaveUp?.reason, 'time');
    assert.equal(ticks, 4);
  });
});

describe('explanations', () => {
  test('a stale read: the prefix, the read that cannot be placed and the state', () => {
    // put(1) [0,1]; put(2) [2,3]; get → 1 [4,5]: after put 1, put 2 the register holds 2.
    const ops: Operation<RegisterInput, number | undefined>[] = [
      { process: 0, input: { op: 'put', value: 1 }, call: 0, output: undefined, return: 1 },
      { process: 0, input: { op: 'put', value: 2 }, call: 2, output: undefined, return: 3 },
      { process: 1, input: { op: 'get' }, call: 4, output: 1, return: 5 },
    ];
    const r = checkLinearizable(registerModel, ops);
    assert.equal(r.result, 'illegal');
    const v = r.violation;
    assert.ok(v);
    assert.deepEqual(v.linearized, [ops[0], ops[1]]);
    assert.equal(v.blocked, ops[2]);
    assert.equal(v.state, 2);
    assert.equal(v.stateText, '2');
    assert.equal(v.blockedIllegalHere, true);
    assert.equal(v.key, '');
  });
  test('every corpus violation’s prefix replays legally in order, and its blocked op is not in it', () => {
    for (const e of readExpected()
      .etcd.filter((x) => x.linearizable === false)
      .slice(0, 20)) {
      const r = checkLinearizable(etcdModel, parseEtcdLog(readCorpus(e.file)));
      const v = r.violation;
      assert.ok(v, e.file);
      let s = etcdModel.init();
      for (const op of v.linearized) {
        const [ok, next] = etcdModel.step(s, op.input, op.output);
        assert.ok(ok, `${e.file}: prefix replays`);
        s = next;
      }
      assert.equal(s, v.state);
      assert.ok(!v.linearized.includes(v.blocked));
      // Every prefix op was called before the blocked op returned (it precedes it in real time or overlaps).
      for (const op of v.linearized) assert.ok(op.call <= v.blocked.return);
    }
  });
});

describe('pending operations', () => {
  const mutex: Model<boolean, 'acquire' | 'release', null> = {
    init: () => false,
    step: (s, i) => (i === 'acquire' ? [!s, true] : [s, false]),
    equal: (a, b) => a === b,
  };
  test('a pending operation may never take effect', () => {
    // Client 0 holds the lock to the end; client 1's acquire timed out: it cannot have succeeded.
    const ops: Operation<'acquire' | 'release', null>[] = [
      { process: 0, input: 'acquire', call: 0, output: null, return: 1 },
      { process: 1, input: 'acquire', call: 2, output: null, return: Infinity },
    ];
    assert.equal(checkLinearizable(mutex, ops).result, 'ok');
  });
  test('a pending operation may take effect after later operations began', () => {
    const ops: Operation<RegisterInput, number | undefined>[] = [
      { process: 0, input: { op: 'put', value: 7 }, call: 0, output: undefined, return: Infinity },
      { process: 1, input: { op: 'get' }, call: 5, output: 0, return: 6 },
      { process: 1, input: { op: 'get' }, call: 7, output: 7, return: 8 },
    ];
    assert.equal(checkLinearizable(registerModel, ops).result, 'ok');
  });
});

describe('the state hash only speeds the search up', () => {
  test('etcd corpus verdicts and explanations are the same without model.hash', () => {
    const { hash: _hash, ...noHash } = etcdModel;
    for (const e of readExpected()
      .etcd.filter((x) => typeof x.linearizable === 'boolean')
      .slice(0, 30)) {
      const ops = parseEtcdLog(readCorpus(e.file));
      const a = checkLinearizable(etcdModel, ops);
      const b = checkLinearizable(noHash, ops);
      assert.equal(b.result, a.result, e.file);
      assert.equal(b.violation?.linearized.length, a.violation?.linearized.length, e.file);
    }
  });
});
