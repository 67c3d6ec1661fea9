/**
 * `ddia-labs check`: exit 0/1/2/3 for linearizable / not / unknown / unreadable, the text
 * explanation of a violation (key, prefix, the operation that cannot be placed, the state), the
 * JSON form, every input format on porcupine's corpus, and usage errors.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { CORPUS } from '../sim/porcupineCorpus';
import { runCliCaptured } from './captureCli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-check-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}
const check = (...argv: string[]) => runCliCaptured(['check', ...argv], dir);
const corpus = (rel: string) => path.join(CORPUS, 'porcupine', 'test_data', rel);

const STALE = [
  '{:process 0, :type :invoke, :f :write, :value 1}',
  '{:process 0, :type :ok, :f :write, :value 1}',
  '{:process 0, :type :invoke, :f :write, :value 2}',
  '{:process 0, :type :ok, :f :write, :value 2}',
  '{:process 1, :type :invoke, :f :read, :value nil}',
  '{:process 1, :type :ok, :f :read, :value 1}',
].join('\n');

describe('ddia-labs check', () => {
  test('a linearizable history exits 0', async () => {
    const r = await check(corpus('jepsen/etcd_002.log'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /porcupine-etcd\), model cas-register/);
    assert.match(r.out, /verdict: LINEARIZABLE/);
  });

  test('a stale read exits 1 with the prefix, the read that cannot be placed and the state', async () => {
    const r = await check(file('stale.edn', STALE));
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /verdict: NOT LINEARIZABLE/);
    assert.match(
      r.out,
      /prefix found \(2 operations, in order\):\n\s+1\. process 0, call 0, return 1: write 1\n\s+2\. process 0, call 2, return 3: write 2\n/,
    );
    assert.match(r.out, /state after the prefix: 2\n/);
    assert.match(r.out, /cannot be placed next: process 1, call 4, return 5: read → 1\n/);
  });

  test('a kv violation names its key; --json carries the same explanation', async () => {
    const r = await check(corpus('kv/c01-bad.txt'), '--json');
    assert.equal(r.code, 1, r.err);
    const j = JSON.parse(r.out) as {
      verdict: string;
      format: string;
      model: string;
      violation: {
        key: string;
        linearized: { process: number; op: string }[];
        blocked: { call: number; return: number | null; op: string };
        state: string;
      };
    };
    assert.equal(j.verdict, 'not linearizable');
    assert.equal(j.format, 'porcupine-kv');
    assert.equal(j.model, 'kv');
    assert.match(j.violation.key, /^\d+$/);
    assert.match(j.violation.blocked.op, /^get \d+ → "/);
    assert.ok(j.violation.blocked.call < (j.violation.blocked.return ?? Infinity));
    const text = await check(corpus('kv/c01-bad.txt'));
    assert.match(text.out, new RegExp(`key: ${j.violation.key}\\n`));
    assert.match(text.out, new RegExp(`state after the prefix: ${j.violation.state.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
  });

  test('c50-bad is decided (not linearizable) although one of its keys is hard', async () => {
    const r = await check(corpus('kv/c50-bad.txt'), '--json');
    assert.equal(r.code, 1, r.err);
  });

  test('--init and --model: a CAS from 0 needs the register to start at 0', async () => {
    const h = file('cas.edn', '[{:process 0, :type :invoke, :f :cas, :value [0 1]}\n {:process 0, :type :ok, :f :cas, :value [0 1]}]');
    assert.equal((await check(h, '--model', 'cas-register', '--init', '0')).code, 0);
    const r = await check(h, '--model', 'cas-register');
    assert.equal(r.code, 1);
    assert.match(r.out, /state after the prefix: nil\n/);
    assert.match(r.out, /it is illegal in that state/);
  });

  test('a search cut short by --timeout exits 2 (unknown), not 1', async () => {
    const events: string[] = [];
    for (let p = 0; p < 22; p++) events.push(`{:process ${p}, :type :invoke, :f :write, :value ${p}}`);
    for (let p = 0; p < 22; p++) events.push(`{:process ${p}, :type :ok, :f :write, :value ${p}}`);
    events.push('{:process 99, :type :invoke, :f :read, :value nil}', '{:process 99, :type :ok, :f :read, :value 1000}');
    const r = await check(file('hard.edn', events.join('\n')), '--timeout', '1');
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.out, /verdict: UNKNOWN/);
    assert.match(r.out, /gave up: the time limit ran out/);
  });

  test('JSON operations and Jepsen events in JSON', async () => {
    const ops = file(
      'ops.json',
      JSON.stringify({
        operations: [
          { process: 0, f: 'write', value: 1, call: 0, return: 1 },
          { process: 1, f: 'read', output: 1, call: 2, return: 3 },
        ],
      }),
    );
    assert.equal((await check(ops)).code, 0);
    const events = file(
      'events.json',
      JSON.stringify([
        { process: 0, type: 'invoke', f: 'acquire' },
        { process: 0, type: 'ok', f: 'acquire' },
        { process: 1, type: 'invoke', f: 'acquire' },
        { process: 1, type: 'ok', f: 'acquire' },
      ]),
    );
    const r = await check(events, '--format', 'json');
    assert.equal(r.code, 1);
    assert.match(r.out, /model mutex/);
    assert.match(r.out, /state after the prefix: held/);
  });

  test('unreadable input exits 3 with the reason', async () => {
    assert.equal((await check(path.join(dir, 'missing.edn'))).code, 3);
    const bad = await check(file('bad.edn', '{:process 0, :type :invoke, :f :read, :value [1 2}'));
    assert.equal(bad.code, 3);
    assert.match(bad.err, /cannot read .*bad\.edn: EDN: unexpected '\}' at line 1, column 50/);
    const wrongModel = await check(file('w.edn', STALE), '--model', 'mutex');
    assert.equal(wrongModel.code, 3);
    assert.match(wrongModel.err, /the mutex model knows :acquire, :release, not :write/);
    assert.equal((await check(corpus('jepsen/etcd_095.log'))).code, 3);
    assert.equal((await check(dir)).code, 3);
  });

  test('usage errors exit 2 with the usage line; --help prints the formats and models', async () => {
    const r = await check('x.edn', '--model', 'queue');
    assert.equal(r.code, 2);
    assert.match(r.err, /'--model' is one of register, cas-register, kv, multi-register, mutex, not 'queue'/);
    assert.equal((await check()).code, 2);
    assert.equal((await check('x', '--format', 'yaml')).code, 2);
    assert.equal((await check('x', '--init', '[1')).code, 2);
    const help = await check('--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /porcupine-etcd/);
    assert.match(help.out, /0 linearizable, 1 not linearizable, 2 unknown/);
    const main = await runCliCaptured(['--help'], dir);
    assert.match(main.out, /check\s+check a history for linearizability/);
  });
});
