/**
 * The real TestProcessRunner: runs one built-in test file in a sandboxed child Node process,
 *
 *   <node> --experimental-permission --allow-fs-read=<runner> --allow-fs-read=<tests folder>/
 *          --allow-fs-read=<learner folder>/ --allow-fs-read=<scratch>/ --allow-fs-write=<scratch>/
 *          --enable-source-maps --require <runner> <test file>
 *
 * stdio: 0 = the channel key (written once, then closed), 1/2 = the tests' and learner's output
 * (kept for display, never parsed), 3 = the signed result channel (../resultChannel.ts).
 *
 * What the sandbox gives (Node's permission model, checked in the kernel of Node, not by us):
 * the learner's code can read its own folder, the built-in tests and a scratch folder that is
 * the child's TMPDIR, and write only the scratch folder. It cannot read the reference solutions
 * next to the tests, change the installed tests, start processes or worker threads, load native
 * addons, or open the inspector. A Node without the permission model (which would be an old
 * Electron) grades unsandboxed and says so in the output.
 *
 * The time limit counts from the child's signed `ready` record (Node and the loader are up), so a
 * slow start is not charged to the learner; a start that never finishes is still bounded. The
 * child gets its own process group and a run token in its environment, and when it ends, at the
 * time limit or otherwise, everything in the group or carrying the token is killed
 * (../util/processTree.ts). Output and the channel are capped so a print loop cannot exhaust the
 * host's memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { killRunTree, newRunToken, RUN_TOKEN_ENV } from '../util/processTree';
import type { RunEvent } from './core/runEvents';
import type { TestProcessOutcome, TestProcessRequest, TestProcessRunner } from './core/testProcess';
import type { GraderRuntime } from './graderRuntime';
import { ChannelReader, newChannelKey, type VerifiedChannel } from './resultChannel';
import { ONLY_ENV } from './runner/onlyEnv';

const OUTPUT_CAP_BYTES = 4 * 1024 * 1024;
const CHANNEL_CAP_BYTES = 8 * 1024 * 1024;
const STARTUP_GRACE_MS = 30_000;
/** After `end`, how long the child may take to exit by itself before it is killed. */
const EXIT_GRACE_MS = 2_000;
/** setTimeout's ceiling (2^31 - 1 ms); a larger delay would fire after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;
const timerMs = (ms: number): number => Math.max(1, Math.min(MAX_TIMER_MS, Math.floor(ms)));

export function createNodeTestRunner(runtime: GraderRuntime): TestProcessRunner {
  return (request) => runTestProcess(runtime, request);
}

const sandboxSupport = new Map<string, Promise<boolean>>();

/** Whether this Node (or Electron) has the permission model; asked once per executable. */
export function supportsSandbox(runtime: GraderRuntime): Promise<boolean> {
  let known = sandboxSupport.get(runtime.nodePath);
  if (!known) {
    known = new Promise<boolean>((resolve) => {
      const probe = "process.exit(process.permission && !process.permission.has('fs.write', require('path').resolve('/')) ? 0 : 3)";
      const child = spawn(runtime.nodePath, [...sandboxFlags([], []), '-e', probe], {
        env: { ...process.env, ...runtime.env },
        stdio: 'ignore',
        windowsHide: true,
      });
      child.on('error', () => resolve(false));
      child.on('close', (code) => resolve(code === 0));
    });
    sandboxSupport.set(runtime.nodePath, known);
  }
  return known;
}

function sandboxFlags(read: readonly string[], write: readonly string[]): string[] {
  return [
    '--experimental-permission',
    ...read.map((p) => `--allow-fs-read=${p}`),
    ...write.map((p) => `--allow-fs-write=${p}`),
    // The permission model prints an ExperimentalWarning that would only confuse a learner.
    '--disable-warning=ExperimentalWarning',
  ];
}

/** A folder allowed with everything below it (Node 20 reads a trailing separator that way). */
const below = (dir: string): string => (dir.endsWith(path.sep) ? dir : dir + path.sep);

async function runTestProcess(runtime: GraderRuntime, request: TestProcessRequest): Promise<TestProcessOutcome> {
  const sandboxed = await supportsSandbox(runtime);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-grade-'));
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  };
  // The child sees real paths only: with a symbolic link on the way (a macOS temp folder, a linked
  // install), the permission model refuses the lstat that resolving the link needs.
  const testFile = real(request.testFile);
  const exerciseDir = real(request.exerciseDir);
  const read = [...runtime.readPaths.map(real), below(path.dirname(testFile)), below(exerciseDir), below(real(scratch))];
  const args = [
    ...(sandboxed ? sandboxFlags(read, [below(real(scratch))]) : []),
    '--enable-source-maps',
    ...runtime.loaderArgs.map((a) => (a.endsWith('.js') ? real(a) : a)),
    testFile,
  ];
  const token = newRunToken();
  const key = newChannelKey();
  const started = process.hrtime.bigint();
  const outcome = await new Promise<
    Omit<TestProcessOutcome, 'events' | 'channelProblem'> & { channel: VerifiedChannel; channelOverflow: boolean }
  >((resolve) => {
    const child: ChildProcess = spawn(runtime.nodePath, args, {
      cwd: exerciseDir,
      env: childEnv(runtime, { ...request, exerciseDir }, scratch, token),
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const stdout = capture(child.stdout, OUTPUT_CAP_BYTES);
    const stderr = capture(child.stderr, OUTPUT_CAP_BYTES);
    // The channel is verified as it arrives, each record once (resultChannel.ts).
    const channel = new ChannelReader(key);
    const decoder = new StringDecoder('utf8');
    let channelBytes = 0;
    let channelOverflow = false;
    if (!sandboxed)
      stderr.push(
        `[grader] ${runtime.nodePath} has no permission model: these tests ran without the sandbox that keeps reference solutions unreadable.\n`,
      );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(key.toString('hex'));
    let timedOut = false;
    let settled = false;
    const kill = (): void => void killRunTree({ pid: child.pid, processGroup: true, token });
    const expire = (): void => {
      timedOut = true;
      kill();
    };
    // Until the child says it is ready, allow for a slow start on top of the limit.
    let timer = setTimeout(expire, timerMs(request.timeLimitMs + STARTUP_GRACE_MS));
    let phase: 'starting' | 'running' | 'ended' = 'starting';
    const channelStream = child.stdio[3] as NodeJS.ReadableStream | null;
    channelStream?.on('error', () => undefined);
    channelStream?.on('data', (chunk: Buffer) => {
      if (channelOverflow) return;
      channelBytes += chunk.length;
      if (channelBytes > CHANNEL_CAP_BYTES) {
        channelOverflow = true;
        return;
      }
      const events = channel.push(decoder.write(chunk));
      if (phase === 'starting' && events.some((e) => e.type === 'ready')) {
        phase = 'running';
        clearTimeout(timer);
        if (!settled) timer = setTimeout(expire, timerMs(request.timeLimitMs));
      }
      if (phase !== 'ended' && events.some((e) => e.type === 'end' || e.type === 'file:error')) {
        // Every result is in; a timer the learner's code left behind must not hold the grade.
        phase = 'ended';
        clearTimeout(timer);
        if (!settled) timer = setTimeout(kill, EXIT_GRACE_MS);
      }
    });
    const onAbort = (): void => expire();
    if (request.signal?.aborted) expire();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (exitCode: number | null, signal: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      resolve({
        stdout: stdout.text(),
        stderr: stderr.text(),
        channel: channel.result(),
        channelOverflow,
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
  // Whatever the test started in the background goes with it, detached or not.
  await killRunTree({ pid: undefined, processGroup: false, token });
  fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  const verified = outcome.channel;
  const channelProblem =
    verified.problem ?? (outcome.channelOverflow ? `more than ${CHANNEL_CAP_BYTES} bytes were written to the result channel` : undefined);
  const { channel: _channel, channelOverflow: _overflow, ...rest } = outcome;
  const events =
    exerciseDir === request.exerciseDir ? verified.events : verified.events.map((e) => unresolve(e, exerciseDir, request.exerciseDir));
  return { ...rest, events, ...(channelProblem ? { channelProblem } : {}) };
}

/** Stack paths in the learner's folder, as the grader named the folder (not its real path). */
function unresolve(event: RunEvent, realDir: string, givenDir: string): RunEvent {
  const fix = (stack: string | undefined): string | undefined => stack?.split(realDir + path.sep).join(givenDir + path.sep);
  if ((event.type === 'test:fail' || event.type === 'file:error') && event.error?.stack)
    return { ...event, error: { ...event.error, stack: fix(event.error.stack) as string } };
  return event;
}

function childEnv(runtime: GraderRuntime, request: TestProcessRequest, scratch: string, token: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...runtime.env,
    ...request.env,
    DDIA_EXERCISE_DIR: request.exerciseDir,
    // os.tmpdir() in the child: the one folder it may write.
    TMPDIR: scratch,
    TMP: scratch,
    TEMP: scratch,
    [RUN_TOKEN_ENV]: token,
  };
  if (request.only !== undefined) env[ONLY_ENV] = request.only;
  else delete env[ONLY_ENV];
  // Colours and inherited NODE_OPTIONS would garble or change what runs. NODE_TEST_CONTEXT is set
  // when the grader itself runs under `node --test` (our own unit tests).
  env['NO_COLOR'] = '1';
  delete env['FORCE_COLOR'];
  delete env['NODE_OPTIONS'];
  delete env['NODE_TEST_CONTEXT'];
  return env;
}

interface Captured {
  text(): string;
  push(s: string): void;
}

/** What a stream printed, up to `cap` bytes (a print loop cannot exhaust the host's memory). */
function capture(stream: NodeJS.ReadableStream | null, cap: number): Captured {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  stream?.on('data', (chunk: Buffer) => {
    if (size >= cap) {
      truncated = true;
      return;
    }
    chunks.push(chunk);
    size += chunk.length;
  });
  stream?.on('error', () => undefined);
  return {
    text: () => Buffer.concat(chunks).toString('utf8') + (truncated ? '\n[output truncated by the grader]\n' : ''),
    push: (s) => {
      chunks.push(Buffer.from(s));
    },
  };
}
