/**
 * Timeline outputs, version 2 (the run as its compact encoding) and version 1 (an object per
 * event, from saved notebooks): both read into the same model; damaged ones are refused in words.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { timelineSpecOf } from '../../../../extension/sdk/timelineSpec';
import { runScenario } from '../../../../extension/sim/scenarios/registry';
import { TraceDecodeError } from '../../../../extension/views/timeline/encoding/traceCodec';
import { timelineOutput, type TimelineSpecV1 } from '../../../../extension/views/timeline/timelineOutput';
import { decodeTimeline, readTimelineOutput, timelineModelOf } from '../../../../extension/views/timeline/timelineRun';
import { modelOf, startNodes } from './fixtures';

describe('timeline output version 2', () => {
  const result = runScenario('sloppy-quorum-stale-read', 1);
  const spec = timelineSpecOf(result, 'sloppy');

  test('carries the run encoded, and its model equals the model built from the event objects', () => {
    assert.equal(spec.version, 2);
    assert.equal(spec.eventCount, result.trace.length);
    assert.ok(timelineOutput.check(JSON.parse(JSON.stringify(spec))).ok);
    const d = decodeTimeline(spec);
    assert.deepEqual(d.columns.events(), result.trace);
    assert.deepEqual(d.history, result.history);
    const fromSpec = timelineModelOf(spec);
    const fromObjects = modelOf(result);
    assert.deepEqual(fromSpec.spans, fromObjects.spans);
    assert.deepEqual(fromSpec.ops, fromObjects.ops);
    assert.deepEqual(fromSpec.anomalies, fromObjects.anomalies);
    assert.deepEqual([...fromSpec.rootOp], [...fromObjects.rootOp]);
  });

  test('a simulator result is encoded from its columns; a plain copy of it from its objects, to the same bytes', () => {
    const copy = JSON.parse(JSON.stringify(result)) as typeof result;
    assert.equal(copy.traceColumns, undefined, 'a copy has no columns');
    assert.equal(timelineSpecOf(copy, 'sloppy').trace, spec.trace);
  });

  test('a version-1 output (saved notebooks) is read and converted to the same run', () => {
    const v1: TimelineSpecV1 = {
      version: 1,
      title: 'sloppy',
      scenario: spec.scenario,
      seed: spec.seed,
      options: spec.options,
      hash: spec.hash,
      nodes: startNodes(result),
      events: result.trace,
      history: result.history,
      anomalies: result.anomalies,
    };
    const read = readTimelineOutput(JSON.parse(JSON.stringify(v1)));
    assert.ok(read.ok, read.ok ? '' : read.problem);
    assert.deepEqual(read.value, JSON.parse(JSON.stringify(spec)));
    const bad = readTimelineOutput({ ...v1, events: [{ i: 1, t: 0, k: 'start', node: 'n1' }] });
    assert.deepEqual(bad, { ok: false, problem: 'event 0 is numbered 1' });
  });

  test('damaged outputs are refused, saying what is wrong', () => {
    const plain = JSON.parse(JSON.stringify(spec)) as typeof spec;
    const notB64 = readTimelineOutput({ ...plain, trace: 'not base64!' });
    assert.equal(notB64.ok, false);
    assert.match(notB64.ok ? '' : notB64.problem, /trace.*not base64/);
    assert.match((readTimelineOutput({ ...plain, version: 3 }) as { problem: string }).problem, /unsupported timeline version 3/);
    // Flip one byte in the middle of the encoding: the CRC catches it.
    const bytes = Buffer.from(plain.trace, 'base64');
    const mid = bytes.length >> 1;
    bytes.writeUInt8(bytes.readUInt8(mid) ^ 0x55, mid);
    const damaged = { ...plain, trace: bytes.toString('base64') };
    assert.ok(readTimelineOutput(damaged).ok, 'the contract checks the form; the decoder checks the bytes');
    assert.throws(
      () => decodeTimeline(damaged),
      (e: Error) => e instanceof TraceDecodeError && /CRC-32/.test(e.message),
    );
    assert.throws(() => decodeTimeline({ ...plain, eventCount: plain.eventCount + 1 }), /says it has \d+ events but its trace holds \d+/);
  });
});
