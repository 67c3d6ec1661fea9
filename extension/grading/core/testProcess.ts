/**
 * The grader's only contact with processes: an injected runner that runs one built-in test file
 * in a fresh child process and returns what it printed and how it ended. The real one
 * (extension/grading/nodeTestProcess.ts) spawns Node with our reporter and kills the process
 * tree at the time limit; tests inject scripted ones.
 */

export interface TestProcessRequest {
  /** Absolute path of the built-in test file. */
  readonly testFile: string;
  /** The learner's folder, passed to the tests as DDIA_EXERCISE_DIR. */
  readonly exerciseDir: string;
  /** When set, only tests whose name matches this regular expression run (`--test-name-pattern`). */
  readonly namePattern?: string;
  readonly timeLimitMs: number;
  /** Extra environment for the child, e.g. DDIA_SEED to replay a randomized test. */
  readonly env: Readonly<Record<string, string>>;
  /** Aborting kills the process (the Testing view's Cancel); it then ends as a timeout. */
  readonly signal?: AbortSignal;
}

export interface TestProcessOutcome {
  readonly stdout: string;
  readonly stderr: string;
  /** Null when the process was ended by a signal. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** True when the runner killed the process at the time limit. */
  readonly timedOut: boolean;
  readonly durationMs: number;
}

export type TestProcessRunner = (request: TestProcessRequest) => Promise<TestProcessOutcome>;

/** An anchored pattern matching exactly this name (node:test matches names with RegExp). */
export function exactNamePattern(name: string): string {
  return `^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`;
}
