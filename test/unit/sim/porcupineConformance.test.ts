/**
 * Conformance of the linearizability checker with porcupine's own verdicts: every Jepsen etcd
 * history and every kv history in the corpus is parsed and checked, and the computed verdict is
 * compared with the verdict porcupine's tests assert (from porcupine-derived/expected.json). The
 * verdict is never derived from a file's name: the checker computes it from the history.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { checkLinearizable, operationsFromEvents } from '../../../extension/sim/checkers/linearizability';
import { etcdModel, kvMapModel, kvModel, registerModel, type RegisterInput } from '../../../extension/sim/checkers/models';
import { CORPUS, parseEtcdLog, parseKvLog, readCorpus, readExpected } from './porcupineCorpus';

const expected = readExpected();

describe('porcupine corpus: Jepsen etcd histories', () => {
  test('every etcd history gets porcupine’s verdict', () => {
    let checked = 0;
    for (const e of expected.etcd) {
      if (typeof e.linearizable !== 'boolean') continue; // etcd_095 is empty: porcupine has no test for it
      const ops = parseEtcdLog(readCorpus(e.file));
      assert.equal(ops.length, e.ops, `${e.file}: operation count`);
      const r = checkLinearizable(etcdModel, ops);
      assert.equal(r.result, e.linearizable ? 'ok' : 'illegal', e.file);
      checked++;
    }
    assert.equal(checked, 102);
  });
});

describe('porcupine corpus: kv histories', () => {
  for (const e of expected.kv) {
    if (!e.partitioned_model && e.skipped_in_short_mode) continue; // porcupine skips these in -short too
    test(`${e.file} with the ${e.partitioned_model ? 'per-key' : 'whole-map'} model is ${e.linearizable ? '' : 'not '}linearizable`, () => {
      const ops = parseKvLog(readCorpus(e.file));
      const r = e.partitioned_model ? checkLinearizable(kvModel, ops) : checkLinearizable(kvMapModel, ops);
      assert.equal(r.result, e.linearizable ? 'ok' : 'illegal');
    });
  }
});

describe('porcupine corpus: register examples', () => {
  type Ex = {
    test: string;
    linearizable: boolean;
    ops?: { client: number; op: 'put' | 'get'; value?: number; output?: number; call: number; return: number }[];
  };
  type EvEx = {
    test: string;
    linearizable: boolean;
    events: { client: number; kind: 'call' | 'return'; id: number; op?: 'put' | 'get'; value?: number; output?: number }[];
  };
  const file = JSON.parse(fs.readFileSync(path.join(CORPUS, 'porcupine-derived', 'register-examples.json'), 'utf8')) as {
    operation_histories: Ex[];
    event_histories: EvEx[];
  };
  for (const ex of file.operation_histories) {
    test(`${ex.test}`, () => {
      const ops = (ex.ops ?? []).map((o) => ({
        process: o.client,
        input: (o.op === 'put' ? { op: 'put', value: o.value ?? 0 } : { op: 'get' }) as RegisterInput,
        call: o.call,
        output: o.output,
        return: o.return,
      }));
      assert.equal(checkLinearizable(registerModel, ops).result, ex.linearizable ? 'ok' : 'illegal');
    });
  }
  for (const ex of file.event_histories) {
    test(`${ex.test}`, () => {
      const ops = operationsFromEvents<RegisterInput, number | undefined>(
        ex.events.map((e) =>
          e.kind === 'call'
            ? { process: e.client, kind: 'call', id: e.id, input: e.op === 'put' ? { op: 'put', value: e.value ?? 0 } : { op: 'get' } }
            : { process: e.client, kind: 'return', id: e.id, output: e.output },
        ),
      );
      assert.equal(checkLinearizable(registerModel, ops).result, ex.linearizable ? 'ok' : 'illegal');
    });
  }
});
