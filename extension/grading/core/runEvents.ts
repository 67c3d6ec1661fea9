/**
 * The wire format between a grading child process and the grader: the child's test reporter
 * (extension/grading/runner/reporter.ts) writes one line per node:test event to stdout,
 *
 *   \x1eddia-grade <JSON of RunEvent>\n
 *
 * The line starts with the ASCII record separator and a tag so the grader can tell our records
 * from whatever the learner's code prints to the same stream (the learner's output is kept and
 * shown, never parsed). A record may follow learner text on the same line when that text did
 * not end in a newline, so the parser looks for the marker anywhere in a line.
 *
 * Records are written synchronously as events arrive (stdout is a pipe, which Node writes
 * synchronously on Linux and macOS), so when a test hangs and the process is killed, the results
 * of the tests before it have already reached the grader.
 *
 * Events mirror node:test's reporter events, made JSON-safe: errors keep message, name, code,
 * operator and stack, and assertion values are rendered to display strings in the child
 * (`actual`/`expected`), because only the child can inspect them.
 */

export const RECORD_MARKER = '\u001eddia-grade ';

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
  /** node:test's classification, e.g. `testCodeFailure`, `hookFailed`, `testTimeoutFailure`. */
  readonly failureType?: string;
}

export type RunEvent =
  | {
      readonly type: 'test:start';
      readonly name: string;
      readonly nesting: number;
    }
  | {
      readonly type: 'test:pass' | 'test:fail';
      readonly name: string;
      readonly nesting: number;
      readonly file?: string;
      readonly line?: number;
      readonly column?: number;
      readonly durationMs: number;
      /** True when node:test skipped the test (e.g. it did not match a name pattern). */
      readonly skip: boolean;
      readonly todo: boolean;
      /** True for `describe` blocks, which are containers rather than tests. */
      readonly suite: boolean;
      readonly error?: SerializedError;
    }
  | { readonly type: 'test:diagnostic'; readonly nesting: number; readonly message: string }
  | { readonly type: 'test:plan'; readonly nesting: number; readonly count: number }
  /**
   * Written once Node and the TypeScript loader are up, before the test file loads: the time
   * limit counts from here, so a slow start (Electron, a loaded machine) costs the learner nothing.
   */
  | { readonly type: 'ready' }
  /** Written after the last event: the run reached its end (no crash, no kill). */
  | { readonly type: 'end' };

export interface ParsedRunOutput {
  readonly events: readonly RunEvent[];
  /** Everything that was not one of our records: the learner's and the tests' own output. */
  readonly output: string;
}

export function formatRunEvent(event: RunEvent): string {
  return `${RECORD_MARKER}${JSON.stringify(event)}\n`;
}

/** The ready record exactly as written, for a runner that watches the stream for it. */
export const READY_RECORD = formatRunEvent({ type: 'ready' });

export function parseRunOutput(stdout: string): ParsedRunOutput {
  const events: RunEvent[] = [];
  let output = '';
  const lines = stdout.split('\n');
  lines.forEach((line, i) => {
    const at = line.indexOf(RECORD_MARKER);
    if (at === -1) {
      output += i < lines.length - 1 ? `${line}\n` : line;
      return;
    }
    output += line.slice(0, at);
    try {
      const parsed = JSON.parse(line.slice(at + RECORD_MARKER.length)) as RunEvent;
      if (parsed && typeof parsed === 'object' && typeof parsed.type === 'string') events.push(parsed);
    } catch {
      // A record cut short by a kill is not an event; keep it visible as output instead.
      output += `${line.slice(at + RECORD_MARKER.length)}\n`;
    }
  });
  return { events, output };
}
