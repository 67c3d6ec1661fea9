/**
 * Grades one exercise: runs each of its built-in test files against the learner's folder through
 * the injected process runner, and assigns points.
 *
 * The verdict is computed here, never taken from the child: the tests an exercise has are the
 * ones its test file declares (a static scan, testNames.ts), and each must report exactly once on
 * the verified result channel. A declared test that never reported fails; a run in which a test
 * reported twice, a name the file does not declare reported, or a record failed verification is
 * void, and every test of it fails with the reason.
 *
 * A test file first runs whole, in one process. If that process hangs (killed at the time limit)
 * or dies before reporting every test, the tests it did not report are rerun one per process
 * (the harness's `only`), so one infinite loop costs that test its points and not the whole
 * file's; a test whose own process hangs or dies is reported as `timeout` or `crash`.
 */
import * as path from 'node:path';
import type { ExerciseManifest } from '../../catalog/labManifest';
import { collectRun, failure, type CollectedRun, type RunContext } from './collectRun';
import type { ExerciseResult, TestResult, TestStatus } from './gradeTypes';
import { locateInDir } from './stackLocation';
import { declaredTests } from './testNames';
import type { TestProcessOutcome, TestProcessRunner } from './testProcess';

export interface GradeExerciseInput {
  readonly labId: string;
  readonly exercise: ExerciseManifest;
  /** The lab's built-in test folder, `<install>/labs/<lab-id>/tests`. */
  readonly testsDir: string;
  /** The learner's lab folder, `<workspace>/ddia-labs/<lab-id>`. */
  readonly exerciseDir: string;
  readonly runner: TestProcessRunner;
  readonly timeLimitMs: number;
  /** Reads a built-in test file's text (for the static scan); undefined when unreadable. */
  readonly readText: (file: string) => string | undefined;
  readonly env?: Readonly<Record<string, string>>;
  /** How many isolated reruns may run at once. */
  readonly concurrency?: number;
  /** Cancels the run: running processes are killed and no further ones start. */
  readonly signal?: AbortSignal;
}

export async function gradeExercise(input: GradeExerciseInput): Promise<ExerciseResult> {
  const tests: TestResult[] = [];
  const outputs: string[] = [];
  for (const testFile of input.exercise.tests) {
    const r = await gradeTestFile(input, testFile);
    tests.push(...r.tests);
    if (r.output.trim()) outputs.push(r.output);
  }
  return {
    labId: input.labId,
    exerciseId: input.exercise.id,
    title: input.exercise.title,
    exerciseDir: input.exerciseDir,
    tests,
    points: tests.reduce((s, t) => s + t.points, 0),
    maxPoints: tests.reduce((s, t) => s + t.maxPoints, 0),
    output: outputs.join('\n'),
  };
}

async function gradeTestFile(input: GradeExerciseInput, testFile: string): Promise<{ tests: TestResult[]; output: string }> {
  const absolute = path.join(input.testsDir, testFile);
  const declared = declaredTests(input.readText(absolute) ?? '');
  const names = declared.map((d) => d.name);
  const ctx: RunContext = {
    labId: input.labId,
    exerciseId: input.exercise.id,
    exerciseDir: input.exerciseDir,
    testFile,
    pointsPerTest: input.exercise.points,
    testLocations: new Map(declared.map((d) => [d.name, { file: absolute, line: d.line, column: d.column }])),
  };
  if (names.length === 0) {
    // The verdict is "every declared test passed", so a file whose tests cannot be found statically
    // cannot be graded at all (build-time validation keeps shipped labs from getting here).
    return {
      tests: [failed(testFile, testFile, ctx, `no tests found in ${absolute}: built-in tests must be test('literal name', …) calls`)],
      output: '',
    };
  }
  const request = {
    testFile: absolute,
    exerciseDir: input.exerciseDir,
    timeLimitMs: input.timeLimitMs,
    env: input.env ?? {},
    ...(input.signal ? { signal: input.signal } : {}),
  };
  const whole = await input.runner(request);
  const first = collectRun(whole, ctx);
  const voided = voidReason(whole, first, new Set(names));
  if (voided) return { tests: names.map((n) => failed(n, testFile, ctx, voided)), output: first.output };
  if (first.fileError) {
    const f = failure(first.fileError, ctx);
    const message = `the tests could not load, so none ran: ${f.message}`;
    // A module that would not load is a crash (see TestStatus), whatever the error was.
    return {
      tests: names.map((n) => ({ ...failed(n, testFile, ctx, message), ...f, status: 'crash' as const, message })),
      output: first.output,
    };
  }

  const byName = new Map(first.results.map((r) => [r.name, r]));
  const skipped = new Set(first.skipped);
  const missing = names.filter((n) => !byName.has(n) && !skipped.has(n));
  if (missing.length > 0 && first.ended && !whole.timedOut) {
    for (const n of missing)
      byName.set(n, failed(n, testFile, ctx, 'the test never reported a result, although its test file ran to the end'));
  } else if (missing.length > 0) {
    // The process hung or died before these reported: rerun each alone, so one infinite loop costs
    // that test its points and not the whole file's.
    const isolated = await mapLimited(missing, input.concurrency ?? 2, async (name) => {
      if (input.signal?.aborted) return abnormal(name, testFile, whole, ctx, input, '');
      const outcome = await input.runner({ ...request, only: name });
      const run = collectRun(outcome, ctx);
      const reason = voidReason(outcome, run, new Set([name]));
      if (reason) return failed(name, testFile, ctx, reason);
      if (run.fileError) return { ...failed(name, testFile, ctx, ''), ...failure(run.fileError, ctx), status: 'crash' as const };
      const own = run.results.find((r) => r.name === name);
      if (own) return { ...own, output: joinOutput(run.output, own.output) };
      return abnormal(name, testFile, outcome, ctx, input, run.output);
    });
    for (const r of isolated) byName.set(r.name, r);
  }
  return { tests: names.filter((n) => !skipped.has(n)).map((n) => byName.get(n) as TestResult), output: first.output };
}

/**
 * Why a run's results cannot be trusted, if they cannot: a record that failed verification (the
 * learner's code wrote to the private channel), a test that reported twice, or a name the test
 * file does not declare (the learner's code registered a test of its own).
 */
function voidReason(outcome: TestProcessOutcome, run: CollectedRun, expected: ReadonlySet<string>): string | undefined {
  const voidNote = 'so none of its results count';
  if (outcome.channelProblem)
    return `the grader rejected this run: ${outcome.channelProblem} (something other than the test harness wrote to the result channel), ${voidNote}`;
  if (run.duplicates.length > 0) return `the grader rejected this run: test '${run.duplicates[0]}' reported more than once, ${voidNote}`;
  const unknown = [...run.results.map((r) => r.name), ...run.skipped].find((n) => !expected.has(n));
  if (unknown !== undefined)
    return `the grader rejected this run: it reported a test named '${unknown}', which this test file does not declare, ${voidNote}`;
  return undefined;
}

function failed(name: string, testFile: string, ctx: RunContext, message: string): TestResult {
  const testLocation = ctx.testLocations?.get(name);
  return {
    name,
    testFile,
    status: 'fail',
    message,
    durationMs: 0,
    points: 0,
    maxPoints: ctx.pointsPerTest,
    output: '',
    ...(testLocation ? { testLocation } : {}),
  };
}

/** A result for a test whose process never reported it: killed at the time limit, or crashed. */
function abnormal(
  name: string,
  testFile: string,
  outcome: TestProcessOutcome,
  ctx: RunContext,
  input: GradeExerciseInput,
  output: string,
): TestResult {
  const status: TestStatus = outcome.timedOut ? 'timeout' : 'crash';
  const seconds = Math.round(input.timeLimitMs / 100) / 10;
  const stderr = tail(outcome.stderr, 30);
  const ending = outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode ?? '?'}`;
  const message =
    status === 'timeout'
      ? `timed out after ${seconds} s: the test did not finish, so its process was stopped. Look for a loop that never ends or a wait that is never resolved.`
      : `the test process crashed (${ending}) before the test reported a result${stderr ? `:\n${stderr}` : '.'}`;
  const location = locateInDir(outcome.stderr, ctx.exerciseDir);
  return {
    name,
    testFile,
    status,
    message,
    durationMs: outcome.durationMs,
    points: 0,
    maxPoints: ctx.pointsPerTest,
    output: joinOutput(output, status === 'timeout' ? stderr : ''),
    ...(location ? { location } : {}),
  };
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n').trim();
}

function joinOutput(a: string, b: string): string {
  return [a.trimEnd(), b.trimEnd()].filter(Boolean).join('\n');
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
