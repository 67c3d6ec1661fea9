/**
 * Grades one exercise: runs each of its built-in test files against the learner's folder through
 * the injected process runner, and assigns points.
 *
 * A test file first runs whole, in one process. If that process hangs (killed at the time limit)
 * or dies before reporting every test, the tests it did not report are rerun one per process
 * (`--test-name-pattern`), so one infinite loop costs that test its points and not the whole
 * file's; a test whose own process hangs or dies is reported as `timeout` or `crash`.
 * Which tests exist is known from a static scan of the test file (testNames.ts), because a
 * process that hangs reports nothing at all.
 */
import * as path from 'node:path';
import type { ExerciseManifest } from '../../catalog/labManifest';
import { collectRun, type RunContext } from './collectRun';
import type { ExerciseResult, TestResult, TestStatus } from './gradeTypes';
import { locateInDir } from './stackLocation';
import { declaredTests } from './testNames';
import { exactNamePattern, type TestProcessOutcome, type TestProcessRunner } from './testProcess';

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
  const ctx: RunContext = {
    labId: input.labId,
    exerciseId: input.exercise.id,
    exerciseDir: input.exerciseDir,
    testFile,
    pointsPerTest: input.exercise.points,
  };
  const request = {
    testFile: absolute,
    exerciseDir: input.exerciseDir,
    timeLimitMs: input.timeLimitMs,
    env: input.env ?? {},
    ...(input.signal ? { signal: input.signal } : {}),
  };
  const declared = declaredTests(input.readText(absolute) ?? '');
  const whole = await input.runner(request);
  const first = collectRun(whole, ctx);
  if (first.ended && !whole.timedOut)
    return {
      tests: ordered(
        declared.map((d) => d.name),
        [...first.results],
      ),
      output: first.output,
    };

  const reported = new Set(first.results.map((r) => r.name));
  const missing = declared.map((d) => d.name).filter((name) => !reported.has(name));
  if (missing.length === 0 || input.signal?.aborted) {
    // Nothing we know of is left to rerun (e.g. every test has a computed name): report the file.
    const all = [...first.results];
    if (all.length === 0 || !whole.timedOut) all.push(abnormal(testFile, testFile, whole, ctx, input, first.output));
    return { tests: all, output: first.output };
  }
  const isolated = await mapLimited(missing, input.concurrency ?? 2, async (name) => {
    const leaf = name.split(' > ').pop() as string;
    const outcome = await input.runner({ ...request, namePattern: exactNamePattern(leaf) });
    const run = collectRun(outcome, ctx);
    const own = run.results.find((r) => r.name === name);
    if (own) return { ...own, output: joinOutput(run.output, own.output) };
    return abnormal(name, testFile, outcome, ctx, input, run.output);
  });
  return {
    tests: ordered(
      declared.map((d) => d.name),
      [...first.results, ...isolated],
    ),
    output: first.output,
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

/** Declared order first (the order of the test file), then tests only found at run time. */
function ordered(declared: readonly string[], results: TestResult[]): TestResult[] {
  const rank = new Map(declared.map((n, i) => [n, i]));
  return results
    .map((r, i) => ({ r, key: rank.get(r.name) ?? declared.length + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.r);
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
