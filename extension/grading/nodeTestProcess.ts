/**
 * The real TestProcessRunner: runs one built-in test file in a child Node process,
 *
 *   <node> [loader args] --enable-source-maps --test-reporter=<reporter>
 *          --test-reporter-destination=stdout [--test-name-pattern=<re>] <test file>
 *
 * with DDIA_EXERCISE_DIR naming the learner's folder. The test file runs directly rather than
 * under `--test`, which would add an orchestrating process in between for no benefit here.
 *
 * The time limit counts from the child's ready record (Node and the TypeScript loader are up), so
 * a slow start is not charged to the learner; a start that never finishes is still bounded.
 * The child gets its own process group (POSIX) so that at the time limit the whole tree, any
 * processes the learner's code started included, is killed; on Windows `taskkill /T` does the
 * same. Output is capped so a learner's print loop cannot exhaust the extension host's memory.
 *
 * Inside VS Code `process.execPath` is Electron, which behaves as Node with
 * ELECTRON_RUN_AS_NODE=1; learners need no Node installation of their own.
 */
import { spawn } from 'node:child_process';
import { READY_RECORD } from './core/runEvents';
import type { TestProcessOutcome, TestProcessRequest, TestProcessRunner } from './core/testProcess';
import type { GraderRuntime } from './graderRuntime';

const OUTPUT_CAP_BYTES = 4 * 1024 * 1024;
const STARTUP_GRACE_MS = 30_000;

export function createNodeTestRunner(runtime: GraderRuntime): TestProcessRunner {
  return (request) => runTestProcess(runtime, request);
}

function runTestProcess(runtime: GraderRuntime, request: TestProcessRequest): Promise<TestProcessOutcome> {
  const args = [
    ...runtime.loaderArgs,
    '--enable-source-maps',
    `--test-reporter=${runtime.reporter}`,
    '--test-reporter-destination=stdout',
    ...(request.namePattern !== undefined ? [`--test-name-pattern=${request.namePattern}`] : []),
    request.testFile,
  ];
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(runtime.nodePath, args, {
      cwd: request.exerciseDir,
      env: childEnv(runtime, request),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const stdout = capture(child.stdout);
    const stderr = capture(child.stderr);
    let timedOut = false;
    let settled = false;
    const expire = (): void => {
      timedOut = true;
      killTree(child.pid);
    };
    // Until the child says it is ready, allow for a slow start on top of the limit.
    let timer = setTimeout(expire, request.timeLimitMs + STARTUP_GRACE_MS);
    const onAbort = (): void => expire();
    if (request.signal?.aborted) expire();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    stdout.onceContains(READY_RECORD, () => {
      clearTimeout(timer);
      if (!settled) timer = setTimeout(expire, request.timeLimitMs);
    });
    const finish = (exitCode: number | null, signal: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      // Whatever the test started in the background goes with it.
      killTree(child.pid);
      resolve({
        stdout: stdout.text(),
        stderr: stderr.text(),
        exitCode,
        signal,
        timedOut,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    };
    child.on('error', (err) => {
      stderr.push(`could not start ${runtime.nodePath}: ${err.message}\n`);
      finish(null, null);
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
}

function childEnv(runtime: GraderRuntime, request: TestProcessRequest): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...runtime.env, ...request.env, DDIA_EXERCISE_DIR: request.exerciseDir };
  // Colours and inherited NODE_OPTIONS would garble or change what we parse. NODE_TEST_CONTEXT is
  // set when the grader itself runs under `node --test` (our own unit tests, a CI job): the child
  // would then talk node:test's internal protocol instead of using our reporter.
  env['NO_COLOR'] = '1';
  delete env['FORCE_COLOR'];
  delete env['NODE_OPTIONS'];
  delete env['NODE_TEST_CONTEXT'];
  return env;
}

interface Captured {
  text(): string;
  push(s: string): void;
  /** Calls `fn` once, when `needle` first appears in the stream. */
  onceContains(needle: string, fn: () => void): void;
}

function capture(stream: NodeJS.ReadableStream | null): Captured {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  let watch: { needle: string; fn: () => void; seen: string } | undefined;
  stream?.on('data', (chunk: Buffer) => {
    if (watch) {
      // Keep only a needle's length of the past, enough to find it across chunk boundaries.
      const seen = watch.seen + chunk.toString('utf8');
      if (seen.includes(watch.needle)) {
        const { fn } = watch;
        watch = undefined;
        fn();
      } else watch.seen = seen.slice(-watch.needle.length);
    }
    if (size >= OUTPUT_CAP_BYTES) {
      truncated = true;
      return;
    }
    chunks.push(chunk);
    size += chunk.length;
  });
  return {
    onceContains: (needle, fn) => {
      watch = { needle, fn, seen: '' };
    },
    text: () => Buffer.concat(chunks).toString('utf8') + (truncated ? '\n[output truncated by the grader]\n' : ''),
    push: (s) => {
      chunks.push(Buffer.from(s));
    },
  };
}

function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
