/**
 * Turns one test process's records (see runEvents.ts) into per-test results. Tests that did not
 * report (the process hung or died first) are not here; gradeExercise decides about them.
 */
import type { SourceLocation, TestResult } from './gradeTypes';
import { parseRunOutput, type RunEvent } from './runEvents';
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
}

export interface CollectedRun {
  readonly results: readonly TestResult[];
  /** True when the reporter wrote its end record: every test that was going to run, ran. */
  readonly ended: boolean;
  /** The processes' own output (stdout without our records), for display. */
  readonly output: string;
}

type Finished = Extract<RunEvent, { type: 'test:pass' | 'test:fail' }>;

export function collectRun(outcome: TestProcessOutcome, ctx: RunContext): CollectedRun {
  const { events, output } = parseRunOutput(outcome.stdout);
  const finished: { event: Finished; path: string[]; diagnostics: string[] }[] = [];
  const names: string[] = [];
  let last: { nesting: number; diagnostics: string[] } | undefined;
  let ended = false;
  for (const event of events) {
    switch (event.type) {
      case 'test:start':
        names.length = event.nesting;
        names[event.nesting] = event.name;
        break;
      case 'test:pass':
      case 'test:fail': {
        const entry = { event, path: [...names.slice(0, event.nesting), event.name], diagnostics: [] as string[] };
        if (!event.suite && !event.skip && !event.todo) finished.push(entry);
        last = { nesting: event.nesting, diagnostics: entry.diagnostics };
        break;
      }
      case 'test:diagnostic':
        // node:test reports a test's own diagnostics right after its result, at its nesting.
        if (last && last.nesting === event.nesting) last.diagnostics.push(event.message);
        break;
      case 'test:plan':
        if (last && last.nesting >= event.nesting) last = undefined;
        break;
      case 'end':
        ended = true;
        break;
    }
  }
  const results = finished.map(({ event, path, diagnostics }) => toResult(event, path.join(' > '), diagnostics, ctx));
  return { results, ended, output };
}

function toResult(event: Finished, name: string, diagnostics: readonly string[], ctx: RunContext): TestResult {
  const testLocation: SourceLocation | undefined =
    event.file !== undefined && event.line !== undefined ? { file: event.file, line: event.line, column: event.column ?? 1 } : undefined;
  const base = {
    name,
    testFile: ctx.testFile,
    durationMs: event.durationMs,
    maxPoints: ctx.pointsPerTest,
    output: diagnostics.length > 0 ? diagnostics.map((d) => `# ${d}\n`).join('') : '',
    ...(testLocation ? { testLocation } : {}),
  };
  if (event.type === 'test:pass') return { ...base, status: 'pass', message: '', points: ctx.pointsPerTest };
  const error = event.error;
  const seed = findSeed([...diagnostics, error?.message ?? '']);
  const location = locateInDir(error?.stack, ctx.exerciseDir);
  // node:test's own per-test timeout (an async test that never settles) is a timeout too.
  const status = error?.failureType === 'testTimeoutFailure' ? 'timeout' : 'fail';
  return {
    ...base,
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

function failureMessage(error: Finished['error']): string {
  if (!error) return 'failed';
  const text = error.message.trim() || error.name;
  // Errors thrown by the learner's code read better with their type ("TypeError: …").
  const named = error.name && error.name !== 'AssertionError' && !text.startsWith(error.name) ? `${error.name}: ${text}` : text;
  return named.length > 4000 ? `${named.slice(0, 4000)}…` : named;
}
