/**
 * The profile builder: interning, merging, the invariants it enforces, and that what it builds
 * is frozen and survives JSON (the webview receives it through postMessage).
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { ProfileBuilder } from '../../../extension/perf/model/builder';
import { makeGroup } from '../../../extension/perf/model/group';
import { IDLE } from '../../../extension/perf/model/types';
import { stackPath } from '../../../extension/perf/model/weights';

describe('ProfileBuilder, sampled', () => {
  test('equal frames and equal stacks are interned once', () => {
    const b = new ProfileBuilder();
    b.appendSample([{ name: 'a' }, { name: 'b', file: 'x.js', line: 3 }], 1);
    b.appendSample([{ name: 'a' }], 1);
    b.appendSample([{ name: 'a' }, { name: 'b', file: 'x.js', line: 3 }], 2);
    b.appendSample([{ name: 'a' }, { name: 'b', file: 'y.js', line: 3 }], 1);
    const p = b.build();
    assert.deepEqual(
      p.frames.map((f) => [f.name, f.file]),
      [
        ['a', undefined],
        ['b', 'x.js'],
        ['b', 'y.js'],
      ],
    );
    assert.equal(p.stackFrame.length, 3);
    assert.deepEqual(p.samples, [1, 0, 1, 2]);
    assert.deepEqual(stackPath(p, 2), [0, 2]);
  });

  test('consecutive samples with one stack merge; zero weights are dropped but their frames kept', () => {
    const b = new ProfileBuilder();
    b.appendSample(
      ['x', 'y'].map((name) => ({ name })),
      1,
    );
    b.appendSample(
      ['x', 'y'].map((name) => ({ name })),
      2,
    );
    b.appendSample([{ name: 'late' }], 0);
    const p = b.build();
    assert.deepEqual(p.weights, [3]);
    assert.deepEqual(
      p.frames.map((f) => f.name),
      ['x', 'y', 'late'],
    );
  });

  for (const bad of [-1, NaN, Infinity]) {
    test(`weight ${bad} is rejected`, () => {
      assert.throws(() => new ProfileBuilder().appendSample([{ name: 'a' }], bad), /weight/);
    });
  }

  test('unknown stack and frame indices are rejected', () => {
    const b = new ProfileBuilder();
    assert.throws(() => b.appendStackSample(5, 1), /unknown stack index 5/);
    assert.throws(() => b.stack(IDLE, 0), /unknown frame index 0/);
  });

  test('the built profile is frozen, survives JSON unchanged and cannot be built twice', () => {
    const b = new ProfileBuilder({ name: 'p', unit: 'milliseconds' });
    b.appendSample([{ name: 'a', file: 'f.ts', line: 1, col: 2 }], 1.5);
    const p = b.build();
    assert.ok(Object.isFrozen(p) && Object.isFrozen(p.samples) && Object.isFrozen(p.frames[0]));
    assert.throws(() => (p.samples as number[]).push(1));
    assert.deepEqual(JSON.parse(JSON.stringify(p)), p);
    assert.throws(() => b.build(), /twice/);
    assert.throws(() => b.appendSample([{ name: 'a' }], 1), /already built/);
  });
});

describe('ProfileBuilder, evented', () => {
  test('enter/leave become samples, with the time before the first call as idle', () => {
    const b = new ProfileBuilder({ unit: 'microseconds', startValue: 10 });
    b.enter({ name: 'a' }, 12);
    b.enter({ name: 'b' }, 13);
    b.leave({ name: 'b' }, 16);
    b.leave({ name: 'a' }, 20);
    b.enter({ name: 'a' }, 25);
    b.leave({ name: 'a' }, 26);
    const p = b.build();
    assert.equal(p.kind, 'evented');
    assert.deepEqual(p.samples, [IDLE, 0, 1, 0, IDLE, 0]);
    assert.deepEqual(p.weights, [2, 1, 3, 4, 5, 1]);
  });

  test('leaving a frame that is not on top names both frames and the time', () => {
    const b = new ProfileBuilder();
    b.enter({ name: 'A' }, 0);
    b.enter({ name: 'B' }, 1);
    assert.throws(() => b.leave({ name: 'A' }, 4), { message: 'Tried to leave frame "A" while frame "B" was at the top at 4' });
  });

  test('time going backwards, an unclosed call and mixed input are rejected', () => {
    const b = new ProfileBuilder();
    b.enter({ name: 'A' }, 5);
    assert.throws(() => b.enter({ name: 'B' }, 4), /out of order/);
    assert.throws(() => b.appendSample([{ name: 'A' }], 1), /cannot mix evented and sampled/);
    assert.throws(() => b.build(), /non-empty stack/);
  });
});

describe('makeGroup', () => {
  test('an out-of-range active index falls back to the first profile; an empty group is refused', () => {
    const p = new ProfileBuilder().build();
    assert.equal(makeGroup('g', [p, p], 1).activeIndex, 1);
    assert.equal(makeGroup('g', [p], 7).activeIndex, 0);
    assert.throws(() => makeGroup('g', []), /at least one/);
  });
});
