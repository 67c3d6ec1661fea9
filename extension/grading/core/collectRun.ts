/**
 * Turns one test process's verified records (see runEvents.ts) into per-test results, and keeps
 * the accounting the verdict needs: which names reported, which reported more than once, and
 * whether the run reached its end. Tests that did not report (the process hung or died first)
 * are not here; gradeExercise decides about them against the tests the file declares.
 */
import type { SourceLocation, TestResult } from './gradeTypes';
import type { RunEvent, SerializedError } from './runEvents';
import { findSeed, replayHint } from './seeds';
import { locateInDir } from './stackLocation';
import type { TestProcessOutcome } from './testProcess';

export interface RunContext {
  readonly labId: string;
  readonly exerciseId: string;
  readonly exerciseDir: string;
  /** The test file relative to the lab's tests/ folder, for results. */
  readonly testFile: string;
  readonly pointsPerTest: number;
  /** Where each declared test is in the built-in test file, by full name. */
  readonly testLocations?: ReadonlyMap<string, SourceLocation>;
}

export interface CollectedRun {
  /** One result per name, for the first report of each name. */
  readonly results: readonly TestResult[];
  /** Names that reported more than once. */
  readonly duplicates: readonly string[];
  /** Declared as skipped or todo by the test file. */
  readonly skipped: readonly string[];
  /** The test file did not load; every test fails with this. */
  readonly fileError?: SerializedError;
  /** True when the harness wrote its end record: every test that was going to run, ran. */
  readonly ended: boolean;
  /** The process's own output, for display. */
  readonly output: string;
}

type Finished = Extract<RunEvent, { type: 'test:pass' | 'test:fail' }>;

export function collectRun(outcome: TestProcessOutcome, ctx: RunContext): CollectedRun {
  const results: TestResult[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const skipped: string[] = [];
  let fileError: SerializedError | undefined;
  let ended = false;
  for (const event of outcome.events) {
    switch (event.type) {
      case 'test:pass':
      case 'test:fail':
      case 'test:skip':
        if (seen.has(event.name)) {
          if (!duplicates.includes(event.name)) duplicates.push(event.name);
          break;
        }
        seen.add(event.name);
        if (event.type === 'test:skip') skipped.push(event.name);
        else results.push(toResult(event, ctx));
        break;
      case 'file:error':
        fileError ??= event.error;
        break;
      case 'end':
        ended = true;
        break;
      default:
        break;
    }
  }
  return { results, duplicates, skipped, ...(fileError ? { fileError } : {}), ended, output: outcome.stdout };
}

function toResult(event: Finished, ctx: RunContext): TestResult {
  const testLocation = ctx.testLocations?.get(event.name);
  const output = event.diagnostics.length > 0 ? event.diagnostics.map((d) => `# ${d}\n`).join('') : '';
  const base = {
    name: event.name,
    testFile: ctx.testFile,
    durationMs: event.durationMs,
    maxPoints: ctx.pointsPerTest,
    output,
    ...(testLocation ? { testLocation } : {}),
  };
  if (event.type === 'test:pass') return { ...base, status: 'pass', message: '', points: ctx.pointsPerTest };
  return { ...base, ...failure(event.error, ctx, event.diagnostics) };
}

/** The failing part of a result for a thrown error: message, diff, location, seed. */
export function failure(
  error: SerializedError | undefined,
  ctx: RunContext,
  diagnostics: readonly string[] = [],
): Pick<TestResult, 'status' | 'message' | 'errorType' | 'expected' | 'actual' | 'location' | 'seed' | 'replayHint' | 'points'> {
  const seed = findSeed([...diagnostics, error?.message ?? '']);
  const location = locateInDir(error?.stack, ctx.exerciseDir);
  // The test's own `timeout` option (an async test that never settles) is a timeout too.
  const status = error?.failureType === 'testTimeoutFailure' ? 'timeout' : 'fail';
  return {
    status,
    message: failureMessage(error),
    ...(error?.name ? { errorType: error.name } : {}),
    points: 0,
    ...(error?.expected !== undefined ? { expected: error.expected } : {}),
    ...(error?.actual !== undefined ? { actual: error.actual } : {}),
    ...(location ? { location } : {}),
    ...(seed !== undefined ? { seed, replayHint: replayHint(ctx.labId, ctx.exerciseId, seed) } : {}),
  };
}

function failureMessage(error: SerializedError | undefined): string {
  if (!error) return 'failed';
  const text = error.message.trim() || error.name;
  // Errors thrown by the learner's code read better with their type ("TypeError: …").
  const named = error.name && error.name !== 'AssertionError' && !text.startsWith(error.name) ? `${error.name}: ${text}` : text;
  return named.length > 4000 ? `${named.slice(0, 4000)}…` : named;
}
