/** The seed-sweep helper graded simulation exercises use, and its replay contract with the grader. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { findSeed } from '../../../extension/grading/core/seeds';
import { assertEverySeed, replaySeed, SeedSweepError, sweepSeeds } from '../../../extension/sim/grading/seedSweep';

test('a sweep runs every seed in order and passes when none shows a problem', () => {
  const seen: number[] = [];
  const r = sweepSeeds({ seeds: 5, firstSeed: 10, env: {}, check: (s) => (seen.push(s), []) });
  assert.deepEqual(seen, [10, 11, 12, 13, 14]);
  assert.deepEqual(r, { ran: 5, problems: [] });
});

test('a sweep stops at the first failing seed and reports it', () => {
  const r = sweepSeeds({ seeds: 200, env: {}, check: (s) => (s % 7 === 0 ? [`bad ${s}`] : []) });
  assert.deepEqual(r, { ran: 7, failingSeed: 7, problems: ['bad 7'] });
});

test('DDIA_SEED replays exactly one seed, and a malformed one is a clear error', () => {
  const seen: number[] = [];
  sweepSeeds({ seeds: 200, env: { DDIA_SEED: '123' }, check: (s) => (seen.push(s), []) });
  assert.deepEqual(seen, [123]);
  assert.equal(replaySeed({}), undefined);
  assert.throws(() => replaySeed({ DDIA_SEED: 'abc' }), /DDIA_SEED must be a non-negative integer/);
  assert.throws(() => sweepSeeds({ seeds: 0, env: {}, check: () => [] }), /seeds must be a positive integer/);
});

test('assertEverySeed throws a message the grader finds the seed in, with a replay hint', () => {
  assert.equal(assertEverySeed('no stale reads', { seeds: 3, env: {}, check: () => [] }), 3);
  try {
    assertEverySeed('no stale reads', { seeds: 50, env: {}, check: (s) => (s === 42 ? ['a', 'b', 'c', 'd'] : []) });
    assert.fail('expected a SeedSweepError');
  } catch (e) {
    assert.ok(e instanceof SeedSweepError);
    assert.equal(e.seed, 42);
    assert.equal(findSeed([e.message]), '42');
    assert.match(e.message, /^seed 42: no stale reads failed/);
    assert.match(e.message, /… and 1 more/);
    assert.match(e.message, /DDIA_SEED=42/);
  }
});
