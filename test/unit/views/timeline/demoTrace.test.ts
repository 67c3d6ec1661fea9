/**
 * The stepper's saved-trace fixture is current (regenerating it gives the same hash), imports with
 * its hash checked, and every operation's source location points at the `op(...)` line that issued
 * it; a tampered copy is rejected by import.
 */
import { timelineModelOf } from '../../../../extension/views/timeline/timelineRun';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { importTrace, TraceImportError } from '../../../../extension/sim/core/trace';
import { cannotBranch } from '../../../../extension/stepper/branching';
import { locOfEvent } from '../../../../extension/views/timeline/timelineModel';
import { timelineSpecOfTrace } from '../../../../extension/sdk/timelineSpec';
import { makeDemoTrace, opLines } from '../../../fixtures/stepper/makeDemoTrace';

const FILE = path.join(__dirname, '../../../fixtures/stepper/demo.trace.json');

describe('stepper demo trace fixture', () => {
  const text = fs.readFileSync(FILE, 'utf8');

  test('regenerating the fixture gives the same trace hash (run makeDemoTrace.ts if this fails)', () => {
    assert.equal(importTrace(makeDemoTrace()).hash, importTrace(text).hash);
  });

  test('each operation carries the line of its op(...) call, and events resolve to it through cause links', () => {
    const spec = timelineSpecOfTrace(importTrace(text));
    const model = timelineModelOf(spec);
    const lines = opLines();
    assert.deepEqual(
      model.ops.map((o) => o.loc?.line),
      lines,
    );
    const seen = new Set(Array.from({ length: spec.eventCount }, (_, i) => locOfEvent(model, i)?.line).filter((l) => l !== undefined));
    assert.deepEqual(
      [...seen].sort((a, b) => a! - b!),
      lines,
    );
    assert.equal(spec.anomalies.length, 1, 'the stale-read checker finds the stale read');
    assert.match(cannotBranch(spec) ?? '', /not a registry scenario/);
  });

  test('a tampered trace is rejected with a hash mismatch', () => {
    const f = JSON.parse(text) as { events: { t: number }[] };
    f.events[5]!.t += 1;
    assert.throws(
      () => importTrace(JSON.stringify(f)),
      (e: unknown) => e instanceof TraceImportError && /hash mismatch/.test(e.message),
    );
  });
});
