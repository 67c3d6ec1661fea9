/**
 * Self-checks of every exercise of every lab (iterated from the catalog, so new labs are checked
 * as they are added): the reference solution passes every built-in test; the untouched starter
 * scores 0 (fails every test: a test that passes on an empty stub tests nothing); and every known-wrong variant fails at least one, including each test it
 * names in `fails`. A variant is a mutation of the reference, test/fixtures/grading/<exercise-id>-wrong/
 * <variant>.json = {description, file, edits: [{find, replace}], fails: [test names]}, applied to a
 * fresh copy of reference/ — so variants follow the reference as it changes, and an edit whose
 * `find` no longer matches exactly once fails loudly instead of testing stale code.
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
import { declaredTests, testsWithoutLiteralNames } from '../../../extension/grading/core/testNames';
import { createNodeTestRunner } from '../../../extension/grading/nodeTestProcess';
import { FIXTURES, readText, REPO, tempDir, testRuntime } from './graderHarness';

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

/** A known-wrong solution, as edits to the reference (see the header). */
interface WrongVariant {
  readonly description: string;
  readonly file: string;
  readonly edits: readonly { readonly find: string; readonly replace: string }[];
  readonly fails: readonly string[];
}

const exercises = catalog.labs.flatMap((lab) => lab.exercises.map((exercise) => ({ lab, exercise })));

test('the catalog has at least one exercise to check', () => {
  assert.ok(exercises.length > 0);
});

for (const { lab, exercise } of exercises) {
  describe(`${lab.id}/${exercise.id}`, { concurrency: 2 }, () => {
    test('every built-in test has a literal name, so the grader knows which must report', () => {
      for (const file of exercise.tests) {
        const text = fs.readFileSync(path.join(LABS, lab.id, 'tests', file), 'utf8');
        assert.ok(declaredTests(text).length > 0, `${file} declares no test the grader can find`);
        assert.deepEqual(testsWithoutLiteralNames(text), [], `${file}: test() calls without a literal name`);
      }
    });

    test('the reference solution passes every built-in test', async () => {
      const r = await grade(lab, exercise, path.join(LABS, lab.id, 'reference'));
      assert.ok(r.tests.length > 0, 'no tests ran');
      assert.ok(
        r.tests.every((t) => t.status === 'pass'),
        summary(r),
      );
      assert.equal(r.points, r.maxPoints);
    });

    test('the untouched starter scores 0', async () => {
      const r = await grade(lab, exercise, path.join(LABS, lab.id, 'starter'));
      assert.ok(r.tests.length > 0, 'no tests ran');
      const passing = r.tests.filter((t) => t.status === 'pass').map((t) => t.name);
      assert.deepEqual(passing, [], `the starter passes tests (a stub must fail every test):\n${summary(r)}`);
      assert.equal(r.points, 0, `the starter earns ${r.points}/${r.maxPoints} points:\n${summary(r)}`);
    });

    const wrongDir = path.join(FIXTURES, `${exercise.id}-wrong`);
    const variants = fs.existsSync(wrongDir)
      ? fs
          .readdirSync(wrongDir)
          .filter((f) => f.endsWith('.json'))
          .sort()
      : [];
    test('has known-wrong variants to check the tests against', () => {
      assert.ok(variants.length > 0, `add wrong solutions under ${path.relative(REPO, wrongDir)}/<variant>.json`);
    });
    for (const variantFile of variants) {
      const variant = variantFile.replace(/\.json$/, '');
      test(`known-wrong variant '${variant}' fails`, async () => {
        const mutation = JSON.parse(fs.readFileSync(path.join(wrongDir, variantFile), 'utf8')) as WrongVariant;
        const dir = tempDir(`variant-${variant}`);
        fs.cpSync(path.join(LABS, lab.id, 'reference'), dir, { recursive: true });
        const target = path.join(dir, mutation.file);
        let source = fs.readFileSync(target, 'utf8');
        for (const edit of mutation.edits) {
          assert.equal(source.split(edit.find).length - 1, 1, `'${edit.find}' must occur exactly once in reference/${mutation.file}`);
          source = source.replace(edit.find, edit.replace);
        }
        fs.writeFileSync(target, source);
        const expected = mutation.fails;
        const r = await grade(lab, exercise, dir);
        const failing = r.tests.filter((t) => t.status !== 'pass').map((t) => t.name);
        assert.ok(failing.length > 0, `the variant passes everything:\n${summary(r)}`);
        for (const name of expected) assert.ok(failing.includes(name), `'${name}' should fail:\n${summary(r)}`);
      });
    }
  });
}
