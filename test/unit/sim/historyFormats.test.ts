/**
 * The history formats and models behind `ddia-labs check`: the EDN subset reader (values and
 * errors with positions), Jepsen event pairing (:fail dropped, :info pending), porcupine's logs
 * read into the generic models with porcupine's verdict on every corpus file, and the Knossos
 * models (cas-register with an initial value, multi-register, mutex) on small histories.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { EdnMap, Keyword, printEdn, readEdnAll } from '../../../extension/sim/checkers/edn';
import { detectFormat, parseHistory } from '../../../extension/sim/checkers/historyFormats';
import { HistoryError, jepsenModel, type ModelName } from '../../../extension/sim/checkers/jepsenModels';
import { checkLinearizable } from '../../../extension/sim/checkers/linearizability';
import { CORPUS, readCorpus, readExpected } from './porcupineCorpus';

describe('EDN reader', () => {
  test('maps, vectors, lists, keywords, numbers, strings, nil, booleans, commas and comments', () => {
    const [m, v] = readEdnAll('{:process 0, :type :invoke, :f :cas, :value [1 -2]} ; a comment\n[nil true false "a\\"b\\n" 1.5 (3 4) 12N]');
    assert.ok(m instanceof EdnMap);
    assert.equal(m.get('process'), 0);
    assert.deepEqual(m.get('type'), new Keyword('invoke'));
    assert.deepEqual(m.get('value'), [1, -2]);
    assert.deepEqual(v, [null, true, false, 'a"b\n', 1.5, [3, 4], 12]);
    assert.equal(printEdn(m), '{:process 0, :type :invoke, :f :cas, :value [1 -2]}');
  });
  test('errors name what is wrong and where', () => {
    assert.throws(() => readEdnAll('{:a 1\n :b'), /map needs an even number of forms|unclosed map/);
    assert.throws(() => readEdnAll('[1 2'), /unclosed vector at line 1, column 1/);
    assert.throws(() => readEdnAll('\n  #{1 2}'), /sets \(#\{…\}\) are not supported in histories at line 2, column 3/);
    assert.throws(() => readEdnAll('"abc'), /unterminated string/);
    assert.throws(() => readEdnAll('[1 foo]'), /unsupported form 'foo'/);
    assert.throws(() => readEdnAll(']'), /unexpected '\]'/);
    assert.throws(() => readEdnAll('99999999999999999999'), /too large/);
  });
});

function check(text: string, model?: ModelName, init: Parameters<typeof jepsenModel>[1] = null): string {
  const h = parseHistory(text);
  return checkLinearizable(jepsenModel(model ?? h.model, init), h.operations).result;
}

describe('Jepsen EDN histories', () => {
  const lines = (...events: string[]) => events.join('\n');
  test('a cas from the initial value is legal only with that initial value (Knossos cas-register)', () => {
    const h = lines(
      '{:process 0, :type :invoke, :f :cas, :value [0 1]}',
      '{:process 0, :type :ok, :f :cas, :value [0 1]}',
      '{:process 1, :type :invoke, :f :read, :value nil}',
      '{:process 1, :type :ok, :f :read, :value 1}',
    );
    assert.equal(check(h, 'cas-register', 0), 'ok');
    assert.equal(check(h, 'cas-register', null), 'illegal');
  });
  test(':fail operations did not happen; :info ones may have; a vector of events reads the same', () => {
    const failed =
      '[{:process 0, :type :invoke, :f :write, :value 5} {:process 0, :type :fail, :f :write, :value 5} {:process 1, :type :invoke, :f :read, :value nil} {:process 1, :type :ok, :f :read, :value 5}]';
    assert.equal(check(failed), 'illegal');
    assert.equal(parseHistory(failed).failed, 1);
    assert.equal(check(failed.replace(':type :fail', ':type :info')), 'ok');
  });
  test('an :ok read of nil read nothing known (Knossos); the nemesis is skipped', () => {
    const h = lines(
      '{:process :nemesis, :type :info, :f :start, :value nil}',
      '{:process 0, :type :invoke, :f :write, :value 3}',
      '{:process 0, :type :ok, :f :write, :value 3}',
      '{:process 1, :type :invoke, :f :read, :value nil}',
      '{:process 1, :type :ok, :f :read, :value nil}',
    );
    assert.equal(check(h), 'ok');
  });
  test('bad events are errors naming the event', () => {
    assert.throws(() => parseHistory('{:process 0, :type :done, :f :read}'), /event 1: :type must be/);
    assert.throws(() => parseHistory('{:process 0, :type :ok, :f :read, :value 1}'), /without an open invocation/);
    assert.throws(() => parseHistory('{:process 0, :type :invoke, :f :read}\n{:process 0, :type :invoke, :f :read}'), /still open/);
    assert.throws(() => parseHistory('[1 2]'), HistoryError);
    assert.throws(() => check('{:process 0, :type :invoke, :f :frob, :value 1}', 'register'), /knows :read, :write, not :frob/);
  });
  test('multi-register transactions: a read inside a txn must see the txn order', () => {
    const ok = lines(
      '{:process 0, :type :invoke, :f :txn, :value [[:write :x 1] [:write :y 2]]}',
      '{:process 0, :type :ok, :f :txn, :value [[:write :x 1] [:write :y 2]]}',
      '{:process 1, :type :invoke, :f :txn, :value [[:read :x nil] [:read :y nil]]}',
      '{:process 1, :type :ok, :f :txn, :value [[:read :x 1] [:read :y 2]]}',
    );
    assert.equal(check(ok), 'ok');
    assert.equal(check(ok.replace('[:read :y 2]]}', '[:read :y nil]]}')), 'ok');
    assert.equal(check(ok.replace('[[:read :x 1] [:read :y 2]]}', '[[:read :x 1] [:read :y 7]]}')), 'illegal');
  });
  test('mutex: two holders at once are not linearizable; a timed-out acquire may not have happened', () => {
    const two = lines(
      '{:process 0, :type :invoke, :f :acquire, :value nil}',
      '{:process 0, :type :ok, :f :acquire, :value nil}',
      '{:process 1, :type :invoke, :f :acquire, :value nil}',
      '{:process 1, :type :ok, :f :acquire, :value nil}',
    );
    assert.equal(check(two), 'illegal');
    assert.equal(check(two.replace(/:type :ok, :f :acquire, :value nil}$/, ':type :info, :f :acquire, :value nil}')), 'ok');
  });
});

describe('JSON histories', () => {
  test('operations with call/return, pending (return null) and failed ones', () => {
    const doc = (read: number, extra = '') =>
      `{"operations": [{"process": 0, "f": "write", "key": "x", "value": 1, "call": 0, "return": 2}, ${extra}{"process": 1, "f": "read", "key": "x", "output": ${read}, "call": 3, "return": 4}]}`;
    assert.equal(detectFormat(doc(1)), 'json');
    assert.equal(check(doc(1)), 'ok');
    assert.equal(check(doc(2)), 'illegal');
    assert.equal(check(doc(2, '{"process": 2, "f": "write", "key": "x", "value": 2, "call": 1, "return": null}, ')), 'ok');
    assert.equal(
      check(doc(2, '{"process": 2, "f": "write", "key": "x", "value": 2, "call": 1, "return": 2, "status": "fail"}, ')),
      'illegal',
    );
    assert.throws(
      () => parseHistory('{"operations": [{"process": 0, "f": "read", "call": 5, "return": 1}]}'),
      /returns \(1\) before its call/,
    );
  });
});

describe('porcupine corpus through the generic formats and models', () => {
  const expected = readExpected();
  test('every etcd log (auto-detected, cas-register) gets porcupine’s verdict', () => {
    for (const e of expected.etcd) {
      if (typeof e.linearizable !== 'boolean') continue;
      const text = readCorpus(e.file);
      assert.equal(detectFormat(text), 'porcupine-etcd');
      const h = parseHistory(text);
      assert.equal(h.operations.length, e.ops, e.file);
      assert.equal(checkLinearizable(jepsenModel(h.model), h.operations).result, e.linearizable ? 'ok' : 'illegal', e.file);
    }
  });
  test('every kv log (auto-detected, kv per key) gets porcupine’s verdict', () => {
    for (const e of expected.kv.filter((k) => k.partitioned_model)) {
      const text = readCorpus(e.file);
      assert.equal(detectFormat(text), 'porcupine-kv');
      const h = parseHistory(text);
      assert.equal(h.model, 'kv');
      assert.equal(checkLinearizable(jepsenModel('kv'), h.operations).result, e.linearizable ? 'ok' : 'illegal', e.file);
    }
  });
  test('the empty etcd log is an error, not a verdict', () => {
    const empty = path.join(CORPUS, 'porcupine', 'test_data', 'jepsen', 'etcd_095.log');
    assert.throws(() => parseHistory(fs.readFileSync(empty, 'utf8'), 'porcupine-etcd'), /the file is empty/);
    assert.throws(() => parseHistory('INFO nothing to see', 'porcupine-etcd'), /no Jepsen log lines/);
  });
});
