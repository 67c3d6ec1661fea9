/**
 * The grader's only contact with processes: an injected runner that runs one built-in test file
 * in a fresh child process and returns the verified records of its result channel, what it
 * printed and how it ended. The real one (extension/grading/nodeTestProcess.ts) spawns Node in a
 * sandbox with our harness and kills the process tree at the time limit; tests inject scripted ones.
 */
import type { RunEvent } from './runEvents';

export interface TestProcessRequest {
  /** Absolute path of the built-in test file. */
  readonly testFile: string;
  /** The learner's folder, passed to the tests as DDIA_EXERCISE_DIR. */
  readonly exerciseDir: string;
  /** When set, only the test with exactly this full name runs (the rerun of one test). */
  readonly only?: string;
  readonly timeLimitMs: number;
  /** Extra environment for the child, e.g. DDIA_SEED to replay a randomized test. */
  readonly env: Readonly<Record<string, string>>;
  /** Aborting kills the process (the Testing view's Cancel); it then ends as a timeout. */
  readonly signal?: AbortSignal;
}

export interface TestProcessOutcome {
  /** The records that verified, in order (see ../resultChannel.ts). */
  readonly events: readonly RunEvent[];
  /** Set when a record on the result channel failed verification: the run's results are void. */
  readonly channelProblem?: string;
  /** What the process printed on stdout: the learner's and the tests' own output, never parsed. */
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
