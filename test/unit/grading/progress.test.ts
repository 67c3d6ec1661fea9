/** Progress: passes are remembered (and never taken back by a later failing edit), hints advance one at a time. */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { ExerciseResult, TestResult } from '../../../extension/grading/core/gradeTypes';
import { MemoryStore, PROGRESS_KEY, ProgressBook, ProgressBooks } from '../../../extension/grading/progress';

function result(statuses: TestResult['status'][]): ExerciseResult {
  const tests = statuses.map((status, i) => ({
    name: `t${i}`,
    testFile: 'x.test.ts',
    status,
    message: '',
    durationMs: 1,
    points: status === 'pass' ? 1 : 0,
    maxPoints: 1,
    output: '',
  }));
  return {
    labId: 'lab',
    exerciseId: 'ex',
    title: 'Ex',
    exerciseDir: '/ws',
    tests,
    points: tests.reduce((s, t) => s + t.points, 0),
    maxPoints: tests.length,
    output: '',
  };
}

describe('ProgressBook', () => {
  test('a full pass is recorded with its time, and a later failing run keeps the pass but updates points', async () => {
    let now = new Date('2025-01-02T03:04:05Z');
    const store = new MemoryStore();
    const book = new ProgressBook(store, () => now);
    await book.record(result(['pass', 'fail']));
    assert.deepEqual([book.get('lab', 'ex').passed, book.get('lab', 'ex').points], [false, 1]);
    await book.record(result(['pass', 'pass']));
    assert.equal(book.get('lab', 'ex').passedAt, '2025-01-02T03:04:05.000Z');
    now = new Date('2025-02-01T00:00:00Z');
    await book.record(result(['fail', 'timeout']));
    const p = book.get('lab', 'ex');
    assert.deepEqual(
      [p.passed, p.points, p.bestPoints, p.passedAt, p.lastRunAt],
      [true, 0, 2, '2025-01-02T03:04:05.000Z', '2025-02-01T00:00:00.000Z'],
    );
    assert.ok(store.get(PROGRESS_KEY));
    assert.equal(book.countPassed('lab', ['ex', 'other']), 1);
  });

  test('a partial run (some tests only) never grants a pass', async () => {
    const book = new ProgressBook(new MemoryStore(), () => new Date(0));
    await book.record(result(['pass']), false);
    assert.equal(book.get('lab', 'ex').passed, false);
  });

  test('hints are handed out one at a time, then run out, and can start over', async () => {
    const book = new ProgressBook(new MemoryStore(), () => new Date(0));
    const hints = ['first', 'second'];
    assert.deepEqual(await book.nextHint('lab', 'ex', hints), { hint: 'first', index: 0 });
    assert.deepEqual(await book.nextHint('lab', 'ex', hints), { hint: 'second', index: 1 });
    assert.equal(await book.nextHint('lab', 'ex', hints), undefined);
    await book.resetHints('lab', 'ex');
    assert.equal((await book.nextHint('lab', 'ex', hints))?.hint, 'first');
  });

  test('ProgressBooks records into workspace and global books; passedAnywhere sees either', async () => {
    const workspace = new ProgressBook(new MemoryStore(), () => new Date(0));
    const global = new ProgressBook(new MemoryStore(), () => new Date(0));
    const books = new ProgressBooks([workspace, global]);
    await books.record(result(['pass']));
    assert.equal(global.get('lab', 'ex').passed, true);
    const fresh = new ProgressBooks([new ProgressBook(new MemoryStore(), () => new Date(0)), global]);
    assert.equal(fresh.get('lab', 'ex').passed, false);
    assert.equal(fresh.passedAnywhere('lab', 'ex'), true);
  });
});
