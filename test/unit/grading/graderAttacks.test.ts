/**
 * The grader against learner code that wants the points without the work. Each folder under
 * test/fixtures/grading/attacks/ holds a kv-log.ts that does not implement the exercise (it
 * re-exports attack-base/not-implemented.ts, copied beside it) and, while it loads, tries one way to change the verdict: forging result records on stdout or on the
 * private channel, wrapping stdout, registering tests of its own, patching node:assert, globals or
 * the harness, reading the reference solution, rewriting the installed tests, starting processes
 * that outlive the grade, opening the inspector, closing the channel.
 *
 * Every attack is graded with the real sandboxed runner against the real hash-index-log/kv-log
 * tests (a copy, so a sandbox failure could not damage the repository), and must score 0 with
 * every test failing for a stated reason, leave the installed tests byte for byte as they were,
 * and leave no process behind.
 */
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { scanLabs } from '../../../extension/catalog/labScan';
import { gradeExercise } from '../../../extension/grading/core/gradeExercise';
import type { ExerciseResult } from '../../../extension/grading/core/gradeTypes';
import { createNodeTestRunner } from '../../../extension/grading/nodeTestProcess';
import { FIXTURES, readText, REPO, tempDir, testRuntime } from './graderHarness';

const LAB = 'hash-index-log';
const ATTACKS = path.join(FIXTURES, 'attacks');
const lab = scanLabs(path.join(REPO, 'labs'), REPO).catalog.labs.find((l) => l.id === LAB);
const exercise = lab?.exercises.find((e) => e.id === 'kv-log');

/** An installed copy of the lab: tests/ and reference/ side by side, as in the extension. */
const install = tempDir('attack-install');
fs.cpSync(path.join(REPO, 'labs', LAB, 'tests'), path.join(install, 'tests'), { recursive: true });
fs.cpSync(path.join(REPO, 'labs', LAB, 'reference'), path.join(install, 'reference'), { recursive: true });
const digest = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const installedTests = path.join(install, 'tests', 'kv-log.test.ts');
const testsDigest = digest(installedTests);

function grade(attack: string): Promise<ExerciseResult> {
  assert.ok(exercise, 'hash-index-log/kv-log exists');
  const dir = tempDir(`attack-${attack}`);
  fs.cpSync(path.join(ATTACKS, attack), dir, { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, 'attack-base', 'not-implemented.ts'), path.join(dir, 'not-implemented.ts'));
  return gradeExercise({
    labId: LAB,
    exercise,
    testsDir: path.join(install, 'tests'),
    exerciseDir: dir,
    runner: createNodeTestRunner(testRuntime()),
    timeLimitMs: 10_000,
    readText,
  });
}

const summary = (r: ExerciseResult): string => r.tests.map((t) => `${t.status} ${t.name}: ${t.message.split('\n')[0]}`).join('\n');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An ordinary failure of the wrong KvLog: the assertions ran and saw its wrong answers. */
const ORDINARY = /Expected values to be strictly equal|ENOENT: no such file/;

/** What each attack must end in, beyond 0 points: a reason every failing test states. */
const EXPECTED: Record<string, RegExp> = {
  'forged-stdout': ORDINARY,
  'wrapped-stdout': ORDINARY,
  'forged-channel': /rejected this run: record \d+ on the result channel does not carry the grader's signature/,
  'missing-tests': /rejected this run|crashed \(exit code 0\) before the test reported a result/,
  'duplicate-names': /rejected this run: test '.*' reported more than once/,
  'unknown-names': /rejected this run: it reported a test named 'bonus points', which this test file does not declare/,
  'patched-assert': ORDINARY,
  'patched-globals': ORDINARY,
  'read-reference': /could not load.*(ERR_ACCESS_DENIED|Access to this API has been restricted)/s,
  'write-tests': /could not load.*(ERR_ACCESS_DENIED|Access to this API has been restricted)/s,
  'detached-children': ORDINARY,
  inspector: ORDINARY,
  'close-channel': /crashed \(exit code \d+\) before the test reported a result|never reported/,
};

describe('grading attacks score 0, with a reason, and change nothing', { concurrency: 2 }, () => {
  test('every attack fixture has an expectation', () => {
    assert.deepEqual(fs.readdirSync(ATTACKS).sort(), Object.keys(EXPECTED).sort());
  });

  for (const [attack, reason] of Object.entries(EXPECTED)) {
    test(attack, async () => {
      const r = await grade(attack);
      assert.equal(r.tests.length, 5, summary(r));
      assert.equal(r.points, 0, summary(r));
      for (const t of r.tests) {
        assert.notEqual(t.status, 'pass', `${t.name} passed:\n${summary(r)}`);
        assert.match(t.message, reason, `${t.name}:\n${summary(r)}`);
      }
      assert.equal(digest(installedTests), testsDigest, 'the installed tests are unchanged');
      if (attack === 'detached-children') {
        assert.match(r.output, /SPAWN REFUSED ERR_ACCESS_DENIED/, r.output);
        for (const m of r.output.matchAll(/SPAWNED (\d+) (\d+)/g))
          for (const pid of [m[1], m[2]]) assert.ok(!alive(Number(pid)), `pid ${pid} outlived the grade`);
      }
      if (attack === 'inspector') assert.match(r.output, /INSPECTOR REFUSED ERR_ACCESS_DENIED/, r.output);
      if (attack === 'patched-assert' || attack === 'patched-globals')
        assert.ok(
          r.tests.some((t) => t.errorType === 'AssertionError'),
          `the assertions still ran:\n${summary(r)}`,
        );
    });
  }
});
