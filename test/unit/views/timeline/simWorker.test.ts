/**
 * The stepper's simulation worker, built from source with esbuild and driven through the host's
 * client: a branch run in the worker has the same trace hash and model as `branchSpec` run
 * in-process, a saved trace loads with its anomalies, bad input rejects with the import's message
 * and the worker keeps serving, and requests made together each get their own answer.
 */
import { timelineModelOf } from '../../../../extension/views/timeline/timelineRun';
import * as esbuild from 'esbuild';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SimWorkerClient } from '../../../../extension/stepper/simWorkerClient';
import { importTrace } from '../../../../extension/sim/core/trace';
import type { Fault } from '../../../../extension/sim/core/faults';
import { branchSpec } from '../../../../extension/stepper/branching';
import { timelineSpecOf, timelineSpecOfTrace } from '../../../../extension/sdk/timelineSpec';
import { runScenario } from '../../../../extension/sim/scenarios/registry';

const TRACE = path.join(__dirname, '../../../fixtures/stepper/demo.trace.json');

describe('stepper simulation worker', () => {
  let client: SimWorkerClient;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-sim-worker-test-'));
    const outfile = path.join(dir, 'sim-worker.js');
    await esbuild.build({
      entryPoints: [path.resolve(__dirname, '../../../../extension/stepper/simWorker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      logLevel: 'error',
    });
    client = new SimWorkerClient(outfile);
  });

  after(() => {
    client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const original = timelineSpecOf(runScenario('sloppy-quorum-stale-read', 1), 'sloppy quorum');
  const at = { t: timelineModelOf(original).trace.t[40]! };
  const partition: Fault = { kind: 'partition', groups: [['n1'], ['n2', 'n3', 'n4', 'n5']] };

  test('a branch re-run in the worker has the same hash, events and model as branchSpec in-process', async () => {
    const inProcess = branchSpec(original, at.t, partition);
    const { spec, model } = await client.run({ kind: 'branch', spec: original, atMs: at.t, fault: partition });
    assert.notEqual(spec.hash, original.hash, 'the partition changes the run');
    assert.equal(spec.hash, inProcess.hash);
    assert.equal(spec.title, inProcess.title);
    assert.deepEqual(spec.anomalies, inProcess.anomalies);
    assert.equal(spec.trace, inProcess.trace, 'the same encoded run');
    const local = timelineModelOf(inProcess);
    assert.deepEqual(model.trace.events(), local.trace.events());
    assert.deepEqual(model.spans, local.spans);
    assert.deepEqual(model.ops, local.ops);
    assert.deepEqual([...model.rootOp], [...local.rootOp]);
    assert.deepEqual(model.anomalies, local.anomalies);
  });

  test('a saved trace loads in the worker with the same spec as in-process, and bad text rejects without killing the worker', async () => {
    const text = fs.readFileSync(TRACE, 'utf8');
    const { spec, model } = await client.run({ kind: 'openTrace', text, title: 'demo.trace.json' });
    const local = timelineSpecOfTrace(importTrace(text), 'demo.trace.json');
    assert.equal(spec.hash, local.hash);
    assert.deepEqual(spec.anomalies, local.anomalies);
    assert.equal(model.ops.length, timelineModelOf(local).ops.length);

    const tampered = text.replace(/"hash":\s*"([0-9a-f])/, (_m, c: string) => `"hash": "${c === '0' ? '1' : '0'}`);
    assert.notEqual(tampered, text);
    await assert.rejects(client.run({ kind: 'openTrace', text: tampered, title: 'bad' }), (err: Error) => {
      assert.throws(() => importTrace(tampered), { message: err.message });
      return true;
    });
    await assert.rejects(client.run({ kind: 'openTrace', text: '{ not json', title: 'bad' }), /./);
    const again = await client.run({ kind: 'model', spec: original });
    assert.equal(again.spec.hash, original.hash, 'the worker still serves after an error');
  });

  test('requests made together run one at a time, each answered with its own result', async () => {
    const faults: Fault[] = [partition, { kind: 'crash', node: 'n2' }, { kind: 'heal' }];
    const results = await Promise.all(faults.map((fault) => client.run({ kind: 'branch', spec: original, atMs: at.t, fault })));
    results.forEach((r, i) => assert.equal(r.spec.hash, branchSpec(original, at.t, faults[i]!).hash));
  });

  test('after dispose a request rejects with a clear message', async () => {
    const c = new SimWorkerClient(path.join(dir, 'sim-worker.js'));
    const pending = c.run({ kind: 'branch', spec: original, atMs: at.t, fault: partition });
    c.dispose();
    await assert.rejects(pending, /the stepper was closed/);
    await assert.rejects(c.run({ kind: 'model', spec: original }), /the stepper was closed/);
  });
});
