/**
 * The timeline model of every registry scenario: lanes, message spans, operations, and quorums
 * derived from cause links alone. Quorum acknowledgements are checked against their definition by
 * walking each one's cause chain back to the operation's invocation, and against each protocol's
 * parameters (n=3, w=2, r=2 leaderless quorums have exactly two; an asynchronous leader has none).
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { type TraceEvent } from '../../../../extension/sim/core/trace';
import { causeChain, locOfEvent } from '../../../../extension/views/timeline/timelineModel';
import { SCENARIO_NAMES, scenarioModel } from './fixtures';

describe('timeline model', () => {
  for (const name of SCENARIO_NAMES) {
    test(`${name}: every message becomes spans that start at its send and end at its delivery or drop`, () => {
      const { result, model } = scenarioModel(name);
      const sends = result.trace.filter((e) => e.k === 'send').length;
      const dups = result.trace.filter((e) => e.k === 'duplicate').length;
      const ends = result.trace.filter((e) => e.k === 'deliver' || e.k === 'drop').length;
      assert.ok(model.spans.length >= ends && model.spans.length <= sends + dups);
      for (let k = 1; k < model.spans.length; k++)
        assert.ok(model.spans[k - 1]!.sendIdx <= model.spans[k]!.sendIdx, 'spans sorted by send');
      for (const sp of model.spans) {
        const send = result.trace[sp.sendIdx]!;
        assert.equal(send.k, 'send');
        if (sp.endIdx >= 0) {
          const end = result.trace[sp.endIdx] as TraceEvent & { msgId: number };
          assert.equal(end.msgId, sp.msgId);
          assert.ok(sp.endMs >= sp.sendMs);
          assert.ok(sp.endMs - sp.sendMs <= model.maxSpanMs);
        }
      }
      const laneIds = model.lanes.map((l) => l.id);
      for (const h of result.history) assert.ok(laneIds.includes(h.client), `client ${h.client} has a lane`);
      assert.equal(model.ops.length, result.history.filter((h) => h.type === 'invoke').length);
    });

    test(`${name}: each quorum acknowledgement is a reply to the coordinator in the operation's causal tree, before its answer`, () => {
      const { result, model } = scenarioModel(name);
      for (const op of model.ops) {
        for (const i of op.quorumAcks) {
          const d = result.trace[i]!;
          assert.equal(d.k, 'deliver');
          assert.equal((d as { to: string }).to, op.coordinator);
          assert.ok(i < op.completeIdx);
          const chain = causeChain(model.trace, i, 1000);
          assert.equal(chain.at(-1), op.invokeIdx, 'the chain leads back to the invocation');
          assert.ok(model.spans[model.spanAt[i]!]!.quorum, 'its span is marked');
        }
      }
    });
  }

  test('leaderless n=3 w=2 r=2: every successful operation has exactly two acknowledgements; some later acks are excluded', () => {
    const { result, model } = scenarioModel('quorum-no-stale-reads');
    const ok = model.ops.filter((o) => o.status === 'ok');
    assert.ok(ok.length > 50);
    for (const op of ok) assert.equal(op.quorumAcks.length, 2, `op ${op.opId} (${op.f})`);
    const late = model.ops.some((op) =>
      result.trace.some((e, i) => e.k === 'deliver' && e.to === op.coordinator && model.rootOp[i] === op.opId && i > op.completeIdx),
    );
    assert.ok(late, 'some replies arrive after the answer and are not part of the quorum');
  });

  test('asynchronous single leader: writes are answered with no acknowledgements', () => {
    const { model } = scenarioModel('async-failover-loses-writes');
    const writes = model.ops.filter((o) => o.f === 'write' && o.status === 'ok');
    assert.ok(writes.length > 0);
    for (const op of writes) assert.deepEqual(op.quorumAcks, []);
  });

  test('sloppy quorum: the stale read carries the checker’s message and is an anomaly mark', () => {
    const { result, model } = scenarioModel('sloppy-quorum-stale-read');
    assert.equal(result.anomalies.length, 1);
    const a = result.anomalies[0]!;
    const op = model.opById.get(a.opIds[0]!)!;
    assert.deepEqual(op.anomalies, [a.message]);
    assert.equal(op.f, 'read');
    assert.equal(model.anomalies[0]!.eventIdx, op.completeIdx);
  });

  test('the root operation of an event and its source location follow cause links', () => {
    const { result, model } = scenarioModel('sloppy-quorum-stale-read');
    for (let i = 0; i < result.trace.length; i++) {
      const e = result.trace[i]!;
      const chain = causeChain(model.trace, i, 10_000);
      const root = result.trace[chain.at(-1)!]!;
      const expected = root.k === 'history' && root.event.type === 'invoke' ? root.event.opId : e.k === 'history' ? e.event.opId : -1;
      assert.equal(model.rootOp[i], expected, `event ${i}`);
      assert.equal(locOfEvent(model, i), undefined, 'registry scenarios carry no source locations');
    }
  });
});
