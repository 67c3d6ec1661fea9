/**
 * Self-checks of every exercise of every lab (iterated from the catalog, so new labs are checked
 * as they are added): the reference solution passes every built-in test; the untouched starter
 * fails at least one; and every known-wrong variant in test/fixtures/grading/<exercise-id>-wrong/
 * <variant>/ fails at least one, including each test its header names with `@fails <test name>`.
 * A test suite that cannot fail is a defect, so an exercise without wrong variants fails here.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { scanLabs } from '../../../extension/catalog/labScan';
import type { ExerciseManifest, LabManifest } from '../../../extension/catalog/labManifest';
import { gradeExercise } from '../../../extension/grading/core/gradeExercise';
import type { ExerciseResult } from '../../../extension/grading/core/gradeTypes';
import { createNodeTestRunner } from '../../../extension/grading/nodeTestProcess';
import { FIXTURES, readText, REPO, testRuntime } from './graderHarness';

const LABS = path.join(REPO, 'labs');
const { catalog } = scanLabs(LABS, REPO);

function grade(lab: LabManifest, exercise: ExerciseManifest, exerciseDir: string): Promise<ExerciseResult> {
  return gradeExercise({
    labId: lab.id,
    exercise,
    testsDir: path.join(LABS, lab.id, 'tests'),
    exerciseDir,
    runner: createNodeTestRunner(testRuntime()),
    timeLimitMs: 20_000,
    readText,
  });
}

function summary(r: ExerciseResult): string {
  return r.tests.map((t) => `${t.status} ${t.name}${t.status === 'pass' ? '' : `: ${t.message.split('\n')[0]}`}`).join('\n');
}

const exercises = catalog.labs.flatMap((lab) => lab.exercises.map((exercise) => ({ lab, exercise })));

test('the catalog has at least one exercise to check', () => {
  assert.ok(exercises.length > 0);
});

for (const { lab, exercise } of exercises) {
  describe(`${lab.id}/${exercise.id}`, { concurrency: 2 }, () => {
    test('the reference solution passes every built-in test', async () => {
      const r = await grade(lab, exercise, path.join(LABS, lab.id, 'reference'));
      assert.ok(r.tests.length > 0, 'no tests ran');
      assert.ok(
        r.tests.every((t) => t.status === 'pass'),
        summary(r),
      );
      assert.equal(r.points, r.maxPoints);
    });

    test('the untouched starter fails at least one test', async () => {
      const r = await grade(lab, exercise, path.join(LABS, lab.id, 'starter'));
      assert.ok(r.tests.length > 0, 'no tests ran');
      assert.ok(
        r.tests.some((t) => t.status !== 'pass'),
        `the starter passes everything:\n${summary(r)}`,
      );
    });

    const wrongDir = path.join(FIXTURES, `${exercise.id}-wrong`);
    const variants = fs.existsSync(wrongDir) ? fs.readdirSync(wrongDir).sort() : [];
    test('has known-wrong variants to check the tests against', () => {
      assert.ok(variants.length > 0, `add wrong solutions under ${path.relative(REPO, wrongDir)}/<variant>/`);
    });
    for (const variant of variants) {
      test(`known-wrong variant '${variant}' fails`, async () => {
        const dir = path.join(wrongDir, variant);
        const expected = fs
          .readdirSync(dir)
          .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/@fails (.+)$/gm)].map((m) => (m[1] as string).trim()));
        const r = await grade(lab, exercise, dir);
        const failing = r.tests.filter((t) => t.status !== 'pass').map((t) => t.name);
        assert.ok(failing.length > 0, `the variant passes everything:\n${summary(r)}`);
        for (const name of expected) assert.ok(failing.includes(name), `'${name}' should fail:\n${summary(r)}`);
      });
    }
  });
}
