/**
 * The simulator records its trace into columns (TraceColumns) and builds the event objects and
 * the hash on first read. A result must still look like plain data to everything that copies it:
 * JSON, structured clone (the sim worker posts results), spreads, deep equality.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { traceHash } from '../../../extension/sim/core/trace';
import { columnsFromEvents } from '../../../extension/sim/core/traceColumns';
import { benchLikeResult } from './goldenWorkload';
import { runSimulation } from '../../../extension/sim/core/simulator';
import { pingProgram } from './pingProgram';

describe('trace columns', () => {
  test('a result copies as plain data: JSON, structured clone and spread carry trace and hash; the columns stay out', () => {
    const r = benchLikeResult(1);
    assert.deepEqual(Object.keys(r), ['seed', 'trace', 'history', 'hash', 'endMs', 'eventCount', 'nodeStates', 'durable']);
    assert.equal(r.trace, r.trace, 'built once, then kept');
    const json = JSON.parse(JSON.stringify(r)) as typeof r;
    assert.equal(json.hash, r.hash);
    assert.equal(json.trace.length, r.trace.length);
    assert.equal(traceHash(json.trace), r.hash);
    const clone = structuredClone(r);
    assert.equal(clone.hash, r.hash);
    assert.deepStrictEqual(clone.trace, r.trace);
    assert.equal('traceColumns' in clone, false);
    assert.equal({ ...r }.hash, r.hash);
    assert.equal(r.traceColumns?.length, r.trace.length);
  });

  test('the hash can be read before the trace, and a result can be given a different trace', () => {
    const a = benchLikeResult(2);
    const b = benchLikeResult(2);
    assert.equal(a.hash, traceHash(b.trace));
    b.trace = [];
    assert.deepEqual(b.trace, []);
  });

  test('without a trace: no events, no hash, no columns', () => {
    const r = runSimulation({ seed: 1, nodes: ['a', 'b'], program: pingProgram(), stopAtMs: 50, trace: false });
    assert.ok(r.eventCount > 0);
    assert.deepEqual(r.trace, []);
    assert.equal(r.hash, '');
    assert.equal(r.traceColumns, null);
  });

  test('columnsFromEvents(events).events() gives the events back; bad events are refused', () => {
    const r = benchLikeResult(3);
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
    assert.deepStrictEqual(columnsFromEvents(nodes, r.trace).events(), r.trace);
    assert.throws(() => columnsFromEvents(['a', 'a'], []), /listed twice/);
    assert.throws(() => columnsFromEvents([], [{ i: 0, t: 0, k: 'deliver', cause: 4, from: 'a', to: 'b', msgId: 0 }]), /earlier event/);
    assert.throws(
      () => columnsFromEvents([], [{ i: 0, t: 0, k: 'drop', cause: -1, from: 'a', to: 'b', msgId: 0, reason: 'x' as 'loss' }]),
      /drop reason/,
    );
  });
});
