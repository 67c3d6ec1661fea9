/**
 * What grading produces: one result per built-in test, grouped per exercise, with points.
 * Plain data: the CLI writes it as text, results.json and JUnit XML; the Testing view maps it to
 * run.passed/failed/errored; progress keeps a summary of it.
 */

/**
 * `fail`: the test ran and an assertion (or the learner's code) failed.
 * `timeout`: the process running it was killed at the time limit, e.g. an infinite loop.
 * `crash`: the process ended abnormally (exit, fatal error, module that would not load).
 */
export type TestStatus = 'pass' | 'fail' | 'timeout' | 'crash';

export interface SourceLocation {
  /** Absolute path. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface TestResult {
  /** The test's name; nested tests are `parent > child`. */
  readonly name: string;
  /** The built-in test file, relative to the lab's `tests/` folder. */
  readonly testFile: string;
  readonly status: TestStatus;
  /** Why it did not pass, in one paragraph; empty for a pass. */
  readonly message: string;
  /** The thrown error's type, e.g. `AssertionError` or `TypeError`, for a `fail`. */
  readonly errorType?: string;
  /** Display text of the compared values when an assertion compared two values. */
  readonly expected?: string;
  readonly actual?: string;
  /** Where the failure happened in the learner's files, when the stack points into them. */
  readonly location?: SourceLocation;
  /** Where the test is declared in the built-in test file. */
  readonly testLocation?: SourceLocation;
  readonly durationMs: number;
  readonly points: number;
  readonly maxPoints: number;
  /** What the test process printed, when it can be attributed to this test alone. */
  readonly output: string;
  /** The seed a randomized test reported, and how to rerun exactly that case. */
  readonly seed?: string;
  readonly replayHint?: string;
}

export interface ExerciseResult {
  readonly labId: string;
  readonly exerciseId: string;
  readonly title: string;
  /** The learner's folder the tests ran against. */
  readonly exerciseDir: string;
  readonly tests: readonly TestResult[];
  readonly points: number;
  readonly maxPoints: number;
  /** Everything the test processes printed that is not attributed to a single test. */
  readonly output: string;
}

export interface GradeReport {
  readonly exercises: readonly ExerciseResult[];
  readonly points: number;
  readonly maxPoints: number;
  readonly passed: number;
  readonly total: number;
}

export function summarize(exercises: readonly ExerciseResult[]): GradeReport {
  let points = 0;
  let maxPoints = 0;
  let passed = 0;
  let total = 0;
  for (const e of exercises) {
    points += e.points;
    maxPoints += e.maxPoints;
    total += e.tests.length;
    passed += e.tests.filter((t) => t.status === 'pass').length;
  }
  return { exercises, points, maxPoints, passed, total };
}

export function allPassed(report: GradeReport): boolean {
  return report.total > 0 && report.passed === report.total;
}
