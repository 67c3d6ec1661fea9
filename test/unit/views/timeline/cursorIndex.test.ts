/**
 * The stepper's cursor index against a naive replay from the first event: at every event of the
 * small scenarios and at a printed-seed sample of a faulty 10k-event run (crashes, pauses,
 * partitions), the indexed state equals the replayed one. Plus anomaly navigation and branching
 * (a scenario re-run with an injected fault).
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRandom } from '../../../../extension/util/prng';
import { runScenario } from '../../../../extension/sim/scenarios/registry';
import { injectedFaults } from '../../../../extension/sim/scenarios/scenario';
import { buildCursorIndex, lastAtOrBefore, naiveCursorState } from '../../../../extension/views/timeline/cursorIndex';
import { SCENARIO_NAMES, scenarioModel } from './fixtures';

describe('stepper cursor index', () => {
  for (const name of SCENARIO_NAMES.filter((n) => n !== 'quorum-no-stale-reads')) {
    test(`${name}: the indexed state equals a replay from the start at every event`, () => {
      const { model } = scenarioModel(name);
      const index = buildCursorIndex(model);
      const step = Math.max(1, Math.floor(model.trace.length / 400));
      for (let i = 0; i < model.trace.length; i += step) assert.deepEqual(index.stateAt(i), naiveCursorState(model, i), `event ${i}`);
    });
  }

  test('quorum-no-stale-reads with the nemesis: sampled cursors agree with the replay (seed printed)', () => {
    const seed = 7;
    const { model } = scenarioModel('quorum-no-stale-reads', seed, { faults: true, clients: 6, opsPerClient: 60 });
    const faults = model.trace.events().filter((e) => e.k === 'fault').length;
    assert.ok(faults > 4, `the run has faults (${faults})`);
    const index = buildCursorIndex(model);
    const rng = createRandom(seed);
    console.log(`      seed ${seed}: ${model.trace.length} events, ${faults} faults`);
    for (let k = 0; k < 300; k++) {
      const i = rng.int(model.trace.length);
      assert.deepEqual(index.stateAt(i), naiveCursorState(model, i), `event ${i} (seed ${seed})`);
    }
    const someDown = model.trace
      .events()
      .some((_, i) => i % 50 === 0 && index.stateAt(i).nodes.some((n) => !n.up || n.paused || n.cutOffFrom.length > 0));
    assert.ok(someDown, 'node states change over the run');
  });

  test('a crash shows the node down until its restart; a partition cuts the groups apart until the heal', () => {
    const { model } = scenarioModel('sloppy-quorum-stale-read');
    const index = buildCursorIndex(model);
    const p = model.trace.events().findIndex((e) => e.k === 'fault' && e.fault.kind === 'partition');
    const h = model.trace.events().findIndex((e) => e.k === 'fault' && e.fault.kind === 'heal');
    assert.ok(p > 0 && h > p);
    const before = index.stateAt(p - 1).nodes.every((n) => n.cutOffFrom.length === 0);
    const during = index.stateAt(p).nodes.every((n) => n.cutOffFrom.length > 0);
    const after = index.stateAt(h).nodes.every((n) => n.cutOffFrom.length === 0);
    assert.deepEqual([before, during, after], [true, true, true]);
  });

  test('next and previous anomaly move strictly forward and back', () => {
    const { model } = scenarioModel('split-brain-without-fencing');
    const index = buildCursorIndex(model);
    const marks = [...new Set(model.anomalies.map((a) => a.eventIdx))];
    assert.ok(marks.length >= 2);
    assert.equal(index.nextAnomaly(-1), marks[0]);
    assert.equal(index.nextAnomaly(marks[0]!), marks[1]);
    assert.equal(index.prevAnomaly(marks[1]!), marks[0]);
    assert.equal(index.prevAnomaly(marks[0]!), undefined);
    assert.equal(index.nextAnomaly(model.trace.length), undefined);
  });

  test('lastAtOrBefore on edge cases', () => {
    const xs = [-1, 3, 3, 9];
    assert.deepEqual(
      [-2, -1, 0, 3, 5, 9, 10].map((x) => lastAtOrBefore(xs, x)),
      [-1, 0, 0, 2, 2, 3, 3],
    );
  });
});

describe('branching by injected faults', () => {
  test('the same scenario and seed with one more fault: a different run, itself deterministic, and the options record it', () => {
    const base = runScenario('quorum-no-stale-reads', 3);
    const inject = [
      {
        atMs: 30,
        fault: {
          kind: 'partition',
          groups: [
            ['n1', 'n2'],
            ['n3', 'n4', 'n5'],
          ],
        },
      },
    ];
    const a = runScenario('quorum-no-stale-reads', 3, { injectFaults: inject });
    const b = runScenario('quorum-no-stale-reads', 3, { injectFaults: inject });
    assert.notEqual(a.hash, base.hash);
    assert.equal(a.hash, b.hash);
    assert.deepEqual(a.options['injectFaults'], inject);
    assert.ok(a.trace.some((e) => e.k === 'fault' && e.fault.kind === 'partition' && e.t === 30));
    // Events before the injected fault are the same as in the original run.
    const cut = a.trace.findIndex((e) => e.t >= 30);
    assert.deepEqual(a.trace.slice(0, cut), base.trace.slice(0, cut));
  });

  test('every registry scenario accepts injected faults', () => {
    for (const name of SCENARIO_NAMES) {
      const r = runScenario(name, 1, { injectFaults: [{ atMs: 1, fault: { kind: 'crash', node: 'n2' } }] });
      assert.ok(
        r.trace.some((e) => e.k === 'fault' && e.fault.kind === 'crash' && e.fault.node === 'n2' && e.t === 1),
        name,
      );
    }
  });

  test('malformed injected faults are rejected with the position named', () => {
    assert.throws(() => injectedFaults({ injectFaults: 'x' }), /must be an array/);
    assert.throws(() => injectedFaults({ injectFaults: [{ atMs: -1, fault: { kind: 'heal' } }] }), /injectFaults\[0\]/);
    assert.deepEqual(injectedFaults({}), []);
  });
});
