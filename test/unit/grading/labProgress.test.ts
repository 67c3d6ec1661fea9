/** What the Labs tree and the Open Lab quick pick say about progress: passed / failed / not run, `n/m exercises passed`. */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { exerciseStatus, labProgressText, type LabProgressSource } from '../../../extension/catalog/labProgress';
import type { ExerciseManifest, LabManifest } from '../../../extension/catalog/labManifest';
import type { ExerciseResult } from '../../../extension/grading/core/gradeTypes';
import { MemoryStore, ProgressBook, ProgressBooks } from '../../../extension/grading/progress';

function run(exerciseId: string, pass: boolean): ExerciseResult {
  const t = {
    name: 't',
    testFile: 'x.test.ts',
    status: pass ? 'pass' : 'fail',
    message: '',
    durationMs: 1,
    points: pass ? 1 : 0,
    maxPoints: 1,
    output: '',
  } as const;
  return { labId: 'lab', exerciseId, title: exerciseId, exerciseDir: '/ws', tests: [t], points: t.points, maxPoints: 1, output: '' };
}

const exercise = (id: string): ExerciseManifest => ({ id }) as unknown as ExerciseManifest;
const lab = (ids: string[]): LabManifest => ({ id: 'lab', exercises: ids.map(exercise) }) as unknown as LabManifest;

function source(): { books: ProgressBooks; workspace: ProgressBook; global: ProgressBook; src: LabProgressSource } {
  const clock = (): Date => new Date('2025-01-01T00:00:00Z');
  const workspace = new ProgressBook(new MemoryStore(), clock);
  const global = new ProgressBook(new MemoryStore(), clock);
  const books = new ProgressBooks([workspace, global]);
  return { books, workspace, global, src: { progress: books, onDidChangeProgress: () => ({ dispose() {} }) } };
}

describe('lab progress as shown in the Labs tree and the quick pick', () => {
  test('not run, then failed, then passed; the lab counts passed exercises', async () => {
    const { books, src } = source();
    const l = lab(['a', 'b']);
    assert.equal(exerciseStatus(src, 'lab', 'a'), 'not-run');
    assert.equal(labProgressText(src, l), '0/2 exercises passed');
    assert.equal(books.anyPassed(), false);
    await books.record(run('a', false));
    assert.equal(exerciseStatus(src, 'lab', 'a'), 'failed');
    await books.record(run('a', true));
    assert.equal(exerciseStatus(src, 'lab', 'a'), 'passed');
    assert.equal(exerciseStatus(src, 'lab', 'b'), 'not-run');
    assert.equal(labProgressText(src, l), '1/2 exercises passed');
    assert.equal(books.anyPassed(), true);
  });

  test('a pass in another workspace (the global book) counts; labs without exercises show nothing', async () => {
    const { global, books, src } = source();
    await global.record(run('a', true));
    assert.equal(exerciseStatus(src, 'lab', 'a'), 'passed');
    assert.equal(labProgressText(src, lab(['a'])), '1/1 exercise passed');
    assert.equal(labProgressText(src, lab([])), undefined);
    assert.equal(books.anyPassed(), true);
    assert.equal(exerciseStatus(undefined, 'lab', 'a'), 'not-run');
  });
});
