/**
 * The stepper's webview takes the model the worker built: encoded, posted as JSON (as VS Code
 * posts webview messages) and decoded, it equals the model built from the same run, field by field.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { decodeTimelineModel, encodeTimelineModel } from '../../../../extension/views/timeline/timelineWire';
import { scenarioModel } from './fixtures';

for (const name of ['quorum-no-stale-reads', 'sloppy-quorum-stale-read', 'split-brain-without-fencing']) {
  test(`${name}: a model survives the trip to the webview unchanged`, () => {
    const { result, model } = scenarioModel(name, 3, name === 'quorum-no-stale-reads' ? { faults: true } : {});
    const wire = JSON.parse(JSON.stringify(encodeTimelineModel(model))) as ReturnType<typeof encodeTimelineModel>;
    const back = decodeTimelineModel(wire, result.trace);
    assert.deepEqual(back, model);
    for (const op of back.ops) assert.equal(back.opById.get(op.opId), op, 'opById indexes the same objects as ops');
  });
}

test('a wire model that does not cover the run is refused', () => {
  const { result, model } = scenarioModel('sloppy-quorum-stale-read');
  assert.throws(() => decodeTimelineModel(encodeTimelineModel(model), result.trace.slice(1)), /covers \d+ events but the run has \d+/);
});
