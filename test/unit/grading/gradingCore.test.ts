/**
 * The grader's pure parts without processes: the static test scan, turning reporter records into
 * results, and the rerun-on-hang/crash strategy driven by a scripted process runner.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import type { ExerciseManifest } from '../../../extension/catalog/labManifest';
import { collectRun, type RunContext } from '../../../extension/grading/core/collectRun';
import { gradeExercise } from '../../../extension/grading/core/gradeExercise';
import type { RunEvent } from '../../../extension/grading/core/runEvents';
import { locateInDir } from '../../../extension/grading/core/stackLocation';
import { declaredTests, testsWithoutLiteralNames } from '../../../extension/grading/core/testNames';
import type { TestProcessOutcome, TestProcessRequest } from '../../../extension/grading/core/testProcess';

const CTX: RunContext = { labId: 'lab', exerciseId: 'ex', exerciseDir: '/ws/lab', testFile: 'ex.test.ts', pointsPerTest: 2 };

function outcome(events: RunEvent[], extra: Partial<TestProcessOutcome> = {}): TestProcessOutcome {
  return { events, stdout: '', stderr: '', exitCode: 0, signal: null, timedOut: false, durationMs: 5, ...extra };
}
const pass = (name: string): RunEvent => ({ type: 'test:pass', name, durationMs: 1, diagnostics: [] });

describe('declaredTests', () => {
  test('finds test and it calls with literal names, nested describe names, and their source', () => {
    const src = [
      "import { test, describe } from 'node:test';",
      "// test('commented out', () => {})",
      'const s = \'test("in a string")\';',
      "test('plain', () => { assert.equal(f('x)'), 1); });",
      'describe("group", () => {',
      '  it(`inner`, () => { const re = /\\)/; });',
      '});',
      'test(`computed ${n}`, () => {});',
      "obj.test('a method, not a test', () => {});",
    ].join('\n');
    const found = declaredTests(src);
    assert.deepEqual(
      found.map((t) => [t.name, t.line, t.column]),
      [
        ['plain', 4, 1],
        ['group > inner', 6, 3],
      ],
    );
    assert.equal(found[0]?.code, "test('plain', () => { assert.equal(f('x)'), 1); })");
  });

  test('test calls without a literal name are listed, so the self-checks can refuse them', () => {
    const src = "test('ok', () => {});\nfor (const n of names) test(n, () => {});\ntest(`seed ${s}`, () => {});";
    assert.deepEqual(testsWithoutLiteralNames(src), [
      { line: 2, column: 24 },
      { line: 3, column: 1 },
    ]);
  });

  test('the shipped kv-log tests are all found', () => {
    const text = fs.readFileSync(`${__dirname}/../../../labs/hash-index-log/tests/kv-log.test.ts`, 'utf8');
    assert.equal(declaredTests(text).length, 5);
  });
});

describe('collectRun', () => {
  test('a failing assertion keeps expected/actual, its diagnostics give the seed and a replay hint', () => {
    const events: RunEvent[] = [
      { type: 'ready' },
      { type: 'test:start', name: 'seeded' },
      {
        type: 'test:fail',
        name: 'seeded',
        durationMs: 3,
        diagnostics: ['seed=99'],
        error: {
          name: 'AssertionError',
          message: "'a' !== 'b'",
          expected: 'b',
          actual: 'a',
          operator: 'strictEqual',
          stack: 'AssertionError\n    at Object.<anonymous> (/ext/labs/lab/tests/ex.test.ts:9:3)',
        },
      },
      { type: 'end' },
    ];
    const r = collectRun(outcome(events), CTX);
    assert.equal(r.ended, true);
    assert.equal(r.results.length, 1);
    const t = r.results[0];
    assert.equal(t?.status, 'fail');
    assert.equal(t?.expected, 'b');
    assert.equal(t?.actual, 'a');
    assert.equal(t?.seed, '99');
    assert.match(t?.replayHint ?? '', /grade lab\/ex .*--seed 99/);
    assert.equal(t?.location, undefined, 'the stack never enters the learner folder');
    assert.equal(t?.points, 0);
    assert.equal(t?.maxPoints, 2);
  });

  test('a name that reports twice is a duplicate; skipped tests are not results; a file error is kept', () => {
    const r = collectRun(
      outcome([
        pass('a'),
        pass('b'),
        pass('a'),
        { type: 'test:skip', name: 'c' },
        { type: 'file:error', error: { name: 'SyntaxError', message: 'x' } },
      ]),
      CTX,
    );
    assert.deepEqual(
      r.results.map((t) => [t.name, t.status, t.points]),
      [
        ['a', 'pass', 2],
        ['b', 'pass', 2],
      ],
    );
    assert.deepEqual(r.duplicates, ['a']);
    assert.deepEqual(r.skipped, ['c']);
    assert.equal(r.fileError?.name, 'SyntaxError');
    assert.equal(r.ended, false);
  });

  test('locateInDir picks the first stack frame inside the learner folder, also from file URLs and Windows paths', () => {
    const stack = [
      'Error: x',
      '    at helper (/ext/lib.js:1:1)',
      '    at KvLog.put (file:///ws/lab/kv-log.ts:12:5)',
      '    at /ws/lab/other.ts:1:1',
    ].join('\n');
    assert.deepEqual(locateInDir(stack, '/ws/lab'), { file: '/ws/lab/kv-log.ts', line: 12, column: 5 });
    assert.deepEqual(locateInDir('    at f (C:\\Users\\me\\lab\\a.ts:3:4)', 'c:\\users\\me\\lab'), {
      file: 'C:\\Users\\me\\lab\\a.ts',
      line: 3,
      column: 4,
    });
    assert.equal(locateInDir('    at f (/ws/lab2/a.ts:3:4)', '/ws/lab'), undefined);
  });
});

/** The exercise the scripted-runner tests grade: one point per test. */
const exercise: ExerciseManifest = {
  id: 'ex',
  title: 'Ex',
  starter: ['a.ts'],
  tests: ['ex.test.ts'],
  reference: ['a.ts'],
  points: 1,
  hints: [],
};

describe('gradeExercise with a scripted runner', () => {
  const source = "test('one', () => {}); test('two (slow)', () => {}); test('three', () => {});";

  test('after a hang, unreported tests rerun one per process; only the hanging one is a timeout', async () => {
    const requests: TestProcessRequest[] = [];
    const r = await gradeExercise({
      labId: 'lab',
      exercise,
      testsDir: '/ext/labs/lab/tests',
      exerciseDir: '/ws/lab',
      timeLimitMs: 2500,
      readText: () => source,
      runner: async (req) => {
        requests.push(req);
        if (req.only === undefined) return outcome([pass('one')], { timedOut: true, exitCode: null, signal: 'SIGKILL' });
        if (req.only === 'two (slow)') return outcome([], { timedOut: true, exitCode: null, signal: 'SIGKILL' });
        return outcome([pass('three'), { type: 'end' }]);
      },
    });
    assert.deepEqual(
      r.tests.map((t) => [t.name, t.status]),
      [
        ['one', 'pass'],
        ['two (slow)', 'timeout'],
        ['three', 'pass'],
      ],
    );
    assert.match(r.tests[1]?.message ?? '', /^timed out after 2.5 s/);
    assert.deepEqual(
      requests.map((q) => q.only),
      [undefined, 'two (slow)', 'three'],
    );
    assert.equal(r.points, 2);
    assert.equal(r.maxPoints, 3);
    assert.equal(requests[0]?.testFile, '/ext/labs/lab/tests/ex.test.ts');
    assert.equal(requests[0]?.exerciseDir, '/ws/lab');
  });

  test('a clean run is not rerun, and tests keep the order of the test file', async () => {
    let calls = 0;
    const r = await gradeExercise({
      labId: 'lab',
      exercise,
      testsDir: '/t',
      exerciseDir: '/ws/lab',
      timeLimitMs: 1000,
      readText: () => source,
      runner: async () => {
        calls++;
        return outcome([pass('three'), pass('one'), pass('two (slow)'), { type: 'end' }]);
      },
    });
    assert.equal(calls, 1);
    assert.deepEqual(
      r.tests.map((t) => t.name),
      ['one', 'two (slow)', 'three'],
    );
  });
});

describe("the verdict is the grader's: every declared test reports exactly once", () => {
  const source = "test('one', () => {}); test('two', () => {}); test('three', () => {});";
  const grade = (runner: (req: TestProcessRequest) => Promise<TestProcessOutcome>, text = source) =>
    gradeExercise({ labId: 'lab', exercise, testsDir: '/t', exerciseDir: '/ws/lab', timeLimitMs: 1000, readText: () => text, runner });
  const statuses = (r: Awaited<ReturnType<typeof grade>>): string[][] => r.tests.map((t) => [t.name, t.status]);

  test('a declared test that never reported fails, though the run ended: missing tests are not dropped', async () => {
    const r = await grade(async () => outcome([pass('one'), { type: 'end' }]));
    assert.deepEqual(statuses(r), [
      ['one', 'pass'],
      ['two', 'fail'],
      ['three', 'fail'],
    ]);
    assert.match(r.tests[1]?.message ?? '', /never reported a result/);
    assert.equal(r.points, 1);
    assert.equal(r.maxPoints, 3);
  });

  test('a test that reports twice voids the run', async () => {
    const r = await grade(async () => outcome([pass('one'), pass('two'), pass('three'), pass('one'), { type: 'end' }]));
    assert.ok(r.tests.every((t) => t.status === 'fail' && /reported more than once/.test(t.message)));
    assert.equal(r.points, 0);
  });

  test('a name the file does not declare voids the run', async () => {
    const r = await grade(async () => outcome([pass('one'), pass('two'), pass('three'), pass('bonus'), { type: 'end' }]));
    assert.ok(r.tests.every((t) => t.status === 'fail' && /named 'bonus', which this test file does not declare/.test(t.message)));
    assert.equal(r.points, 0);
  });

  test('a record that failed verification voids the run, whatever verified before it', async () => {
    const r = await grade(async () =>
      outcome([pass('one'), pass('two'), pass('three'), { type: 'end' }], {
        channelProblem: "record 6 on the result channel does not carry the grader's signature",
      }),
    );
    assert.ok(r.tests.every((t) => t.status === 'fail' && /rejected this run: record 6/.test(t.message)));
    assert.equal(r.points, 0);
  });

  test('a test file that did not load fails every declared test as a crash, with the location in the learner file', async () => {
    const r = await grade(async () =>
      outcome([
        {
          type: 'file:error',
          error: { name: 'SyntaxError', message: 'Unexpected token', stack: 'SyntaxError: Unexpected token\n    at /ws/lab/a.ts:3:17' },
        },
      ]),
    );
    assert.ok(r.tests.every((t) => t.status === 'crash' && /could not load/.test(t.message)));
    assert.deepEqual(r.tests[0]?.location, { file: '/ws/lab/a.ts', line: 3, column: 17 });
  });

  test('a skipped test is neither run nor counted', async () => {
    const r = await grade(async () => outcome([pass('one'), { type: 'test:skip', name: 'two' }, pass('three'), { type: 'end' }]));
    assert.deepEqual(statuses(r), [
      ['one', 'pass'],
      ['three', 'pass'],
    ]);
    assert.equal(r.maxPoints, 2);
  });

  test('a test file without statically named tests cannot be graded, and says why', async () => {
    let ran = false;
    const r = await grade(async () => {
      ran = true;
      return outcome([]);
    }, 'for (const n of names) test(n, () => {});');
    assert.equal(ran, false);
    assert.equal(r.tests.length, 1);
    assert.match(r.tests[0]?.message ?? '', /no tests found/);
    assert.equal(r.points, 0);
  });
});
