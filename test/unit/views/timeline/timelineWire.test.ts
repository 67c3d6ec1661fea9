/**
 * The stepper's host takes the model the worker built: encoded, structured-cloned (as a worker
 * message is) and decoded with the run's columns, it equals the model built from the same run.
 */
import { columnsFromEvents } from '../../../../extension/sim/core/traceColumns';
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { decodeTimelineModel, encodeTimelineModel } from '../../../../extension/views/timeline/timelineWire';
import { scenarioModel, startNodes } from './fixtures';

for (const name of ['quorum-no-stale-reads', 'sloppy-quorum-stale-read', 'split-brain-without-fencing']) {
  test(`${name}: a model survives the trip to the webview unchanged`, () => {
    const { model } = scenarioModel(name, 3, name === 'quorum-no-stale-reads' ? { faults: true } : {});
    const wire = structuredClone(encodeTimelineModel(model));
    const back = decodeTimelineModel(wire, model.trace);
    assert.deepEqual(back, model);
    for (const op of back.ops) assert.equal(back.opById.get(op.opId), op, 'opById indexes the same objects as ops');
  });
}

test('a wire model that does not cover the run is refused', () => {
  const { result, model } = scenarioModel('sloppy-quorum-stale-read');
  assert.throws(
    () => decodeTimelineModel(encodeTimelineModel(model), columnsFromEvents(startNodes(result), result.trace.slice(0, -1))),
    /covers \d+ events but the run has \d+/,
  );
});
