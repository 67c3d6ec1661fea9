/**
 * What a grading child process tells the grader, one record per event, on a private channel (see
 * ../resultChannel.ts for how records are framed and signed so the learner's code cannot forge
 * them). This file holds only the shapes; it is shared by the test harness that writes records
 * inside the child (../runner/testHarness.ts) and the grader that reads them.
 *
 * Names are full test paths, `describe name > test name`, exactly as the static scan of the test
 * file (testNames.ts) names declared tests, so the grader can check that every declared test
 * reported exactly once.
 */

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  /** node:assert's operator, e.g. `strictEqual`, when the error is an AssertionError. */
  readonly operator?: string;
  /** Display text of AssertionError.actual / .expected (strings verbatim, other values inspected). */
  readonly actual?: string;
  readonly expected?: string;
  readonly stack?: string;
  /** `testTimeoutFailure` when the test's own `timeout` option expired, `hookFailed` for a hook. */
  readonly failureType?: string;
}

export type RunEvent =
  /**
   * Written once Node, the TypeScript loader and the harness are up, before the test file loads:
   * the time limit counts from here, so a slow start (Electron, a loaded machine) costs nothing.
   */
  | { readonly type: 'ready' }
  | { readonly type: 'test:start'; readonly name: string }
  | {
      readonly type: 'test:pass' | 'test:fail';
      readonly name: string;
      readonly durationMs: number;
      /** What the test said with `t.diagnostic()`, e.g. the seed it ran with. */
      readonly diagnostics: readonly string[];
      readonly error?: SerializedError;
    }
  /** A test the file marks `skip` or `todo`: declared, not run, worth no points. */
  | { readonly type: 'test:skip'; readonly name: string }
  /** The test file (or a module it loads, such as the learner's) threw while loading. */
  | { readonly type: 'file:error'; readonly error: SerializedError }
  /** Written after the last test: every test that was going to run, ran. */
  | { readonly type: 'end' };

const TYPES = new Set(['ready', 'test:start', 'test:pass', 'test:fail', 'test:skip', 'file:error', 'end']);

/** A structural check of a decoded record (records are signed, so this guards against our own bugs). */
export function isRunEvent(value: unknown): value is RunEvent {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (typeof v['type'] !== 'string' || !TYPES.has(v['type'])) return false;
  if (v['type'] === 'test:start' || v['type'] === 'test:skip') return typeof v['name'] === 'string';
  if (v['type'] === 'test:pass' || v['type'] === 'test:fail')
    return typeof v['name'] === 'string' && typeof v['durationMs'] === 'number' && Array.isArray(v['diagnostics']);
  if (v['type'] === 'file:error') return typeof v['error'] === 'object' && v['error'] !== null;
  return true;
}
