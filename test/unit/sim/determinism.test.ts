/**
 * Determinism: a scenario is a pure function of (seed, options). The same seed gives the same
 * trace hash in this process, on a second run, and in a fresh Node process; a different seed
 * gives a different trace. Traces survive export and import, and a tampered file is rejected.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { exportTrace, importTrace, TraceImportError, traceHash } from '../../../extension/sim/core/trace';
import { checkDeterminism, listScenarios, runScenario } from '../../../extension/sim/scenarios/registry';

describe('determinism', () => {
  for (const { name } of listScenarios()) {
    test(`${name}: seed 11 run twice gives one trace hash`, () => {
      const r = checkDeterminism(name, 11);
      assert.ok(r.same, JSON.stringify(r.hashes));
      assert.match(r.hashes[0], /^[0-9a-f]{32}$/);
    });
  }
  test('a different seed gives a different trace', () => {
    assert.notEqual(runScenario('quorum-no-stale-reads', 1).hash, runScenario('quorum-no-stale-reads', 2).hash);
  });
  test('a fresh Node process computes the same hash (seed 5, quorum-no-stale-reads with faults off)', () => {
    const child = path.join(__dirname, 'determinismChild.ts');
    const out = execFileSync(process.execPath, ['--import', 'tsx', child, 'quorum-no-stale-reads', '5'], { encoding: 'utf8' });
    assert.equal(out.trim(), runScenario('quorum-no-stale-reads', 5).hash);
  });
  test('trace export → import round-trips and keeps the hash; tampering is detected', () => {
    const r = runScenario('sloppy-quorum-stale-read', 3);
    const text = exportTrace({ scenario: r.scenario, seed: r.seed, options: r.options, events: r.trace, history: r.history });
    const back = importTrace(text);
    assert.equal(back.hash, r.hash);
    assert.equal(traceHash(back.events), r.hash);
    assert.deepEqual(back.history, JSON.parse(JSON.stringify(r.history)));
    const tampered = text.replace('"old"', '"OLD"');
    assert.throws(() => importTrace(tampered), TraceImportError);
    assert.throws(() => importTrace(text.replace('"version":1', '"version":2')), /unsupported trace version 2/);
  });
});
