/**
 * The grader against real child processes on small fixture exercises (test/fixtures/grading/
 * calc): a correct solution, a wrong one (assertion diff, a throw located in the learner's
 * file, a seed with its replay hint), one that loops forever in one test, one that exits the
 * process in one test, and one that does not parse. Every case goes through the shipped runner
 * bundle, so TypeScript loading, the reporter and the kill-on-timeout path are all real.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { ExerciseManifest } from '../../../extension/catalog/labManifest';
import { gradeExercise } from '../../../extension/grading/core/gradeExercise';
import type { ExerciseResult, TestResult } from '../../../extension/grading/core/gradeTypes';
import { createNodeTestRunner } from '../../../extension/grading/nodeTestProcess';
import { FIXTURES, readText, tempDir, testRuntime } from './graderHarness';

const CALC = path.join(FIXTURES, 'calc');
const EXERCISE: ExerciseManifest = {
  id: 'calc',
  title: 'Calculator',
  starter: ['calc.ts'],
  tests: ['calc.test.ts'],
  reference: ['calc.ts'],
  points: 2,
  hints: [],
};

function grade(exerciseDir: string, timeLimitMs = 8000, env: Record<string, string> = {}): Promise<ExerciseResult> {
  return gradeExercise({
    labId: 'fixture-lab',
    exercise: EXERCISE,
    testsDir: path.join(CALC, 'tests'),
    exerciseDir,
    runner: createNodeTestRunner(testRuntime()),
    timeLimitMs,
    readText,
    env,
  });
}

function byName(result: ExerciseResult, name: string): TestResult {
  const t = result.tests.find((x) => x.name === name);
  assert.ok(t, `no result for '${name}' in ${JSON.stringify(result.tests.map((x) => x.name))}`);
  return t;
}

describe('grader on fixture exercises', { concurrency: 2 }, () => {
  test('a correct solution passes every test and earns every point', async () => {
    const r = await grade(path.join(CALC, 'pass'));
    assert.deepEqual(
      r.tests.map((t) => [t.name, t.status]),
      [
        ['add adds', 'pass'],
        ['multiply multiplies', 'pass'],
        ['sum of seeded random values', 'pass'],
      ],
    );
    assert.equal(r.points, 6);
    assert.equal(r.maxPoints, 6);
  });

  test('a wrong solution fails with expected/actual, a location in its own file, and a seed to replay', async () => {
    const dir = path.join(CALC, 'fail');
    const r = await grade(dir);
    assert.equal(byName(r, 'add adds').status, 'pass');
    const mult = byName(r, 'multiply multiplies');
    assert.equal(mult.status, 'fail');
    assert.match(mult.expected ?? '', /product: 42/);
    assert.match(mult.actual ?? '', /product: 43/);
    assert.equal(mult.errorType, 'AssertionError');
    const sum = byName(r, 'sum of seeded random values');
    assert.equal(sum.status, 'fail');
    assert.match(sum.message, /^RangeError: too many values/);
    // `new RangeError` is at line 11, column 32 of fail/calc.ts; the transpiled JavaScript differs,
    // so this holds only if the inline source map carries the TypeScript position through.
    assert.deepEqual(sum.location, { file: path.join(dir, 'calc.ts'), line: 11, column: 32 });
    assert.equal(sum.seed, '7');
    assert.match(sum.replayHint ?? '', /ddia-labs grade fixture-lab\/calc .*--seed 7/);
    assert.equal(r.points, 2);
    assert.equal(r.maxPoints, 6);
  });

  test('a replayed seed reaches the test through DDIA_SEED', async () => {
    const r = await grade(path.join(CALC, 'fail'), 8000, { DDIA_SEED: '1234' });
    assert.equal(byName(r, 'sum of seeded random values').seed, '1234');
  });

  test('an infinite loop in one test ends as a timeout, and the other tests still pass', async () => {
    // The limit leaves room for a slow, loaded machine to start Node for the tests that do finish.
    const r = await grade(path.join(CALC, 'loop'), 5000);
    const mult = byName(r, 'multiply multiplies');
    assert.equal(mult.status, 'timeout');
    assert.match(mult.message, /^timed out after 5 s/);
    assert.equal(byName(r, 'add adds').status, 'pass');
    assert.equal(byName(r, 'sum of seeded random values').status, 'pass');
    assert.equal(r.points, 4);
  });

  test('a process exit in one test ends as a crash with the exit code and stderr, the others still pass', async () => {
    const r = await grade(path.join(CALC, 'crash'));
    const mult = byName(r, 'multiply multiplies');
    assert.equal(mult.status, 'crash');
    assert.match(mult.message, /exit code 3/);
    assert.match(mult.message, /giving up on multiplication/);
    assert.equal(byName(r, 'add adds').status, 'pass');
    assert.equal(byName(r, 'sum of seeded random values').status, 'pass');
  });

  test('a file that does not parse crashes every test with the syntax error and its line', async () => {
    const dir = tempDir('broken');
    fs.copyFileSync(path.join(CALC, 'broken', 'calc.ts.txt'), path.join(dir, 'calc.ts'));
    const r = await grade(dir);
    assert.equal(r.tests.length, 3);
    for (const t of r.tests) {
      assert.equal(t.status, 'crash', t.name);
      assert.match(t.message, /SyntaxError: Unexpected token/);
      assert.equal(t.location?.file, path.join(dir, 'calc.ts'));
      assert.equal(t.location?.line, 3);
    }
    assert.equal(r.points, 0);
  });
});
