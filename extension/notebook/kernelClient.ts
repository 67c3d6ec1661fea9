/**
 * The host side of a kernel: starts the kernel process (one per notebook, Jupyter's model),
 * sends it cells, streams back what they print and display, and enforces what the kernel cannot
 * enforce on itself. A child process rather than a worker thread, because only a process keeps
 * a cell's `process.exit()`, `process.kill(process.pid, 'SIGKILL')`, abort, native crash or
 * memory blow-up away from the extension host (or the CLI) that runs the notebook.
 *
 * Limits and ends: a per-cell time limit and interrupts kill the kernel (only that stops
 * `while (true) {}`); the memory limit counts the whole process, not just the V8 heap (RSS is
 * sampled while a cell runs, and --max-old-space-size ends a heap blow-up early); a kernel that
 * dies is reported with its exit code or signal in plain words. Every end kills the kernel's
 * whole run tree (util/processTree.ts), so processes a cell started, detached or double-forked,
 * do not outlive it, nor the host. After any of those the next run starts a fresh kernel and
 * says that earlier state is gone.
 *
 * The host never blocks on the kernel: everything here is asynchronous. No `vscode` here: the
 * CLI uses it too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { CellErrorInfo, FromKernel, ToKernel } from '../kernel/kernelProtocol';
import { canReadRss, readRssBytes } from '../util/processMemory';
import { killRunTree, killRunTreeSync, newRunToken, RUN_TOKEN_ENV } from '../util/processTree';
import { describeKernelExit } from './kernelExit';
import type { OutputBundle } from '../views/notebook/outputBundle';

export interface KernelOptions {
  /** The kernel's entry script, dist/kernel.js (see kernelEntryPath). */
  readonly kernelPath: string;
  readonly labDir: string;
  readonly timeLimitMs: number;
  /** Limit on the kernel process's resident memory (RSS); also its V8 heap limit. */
  readonly memoryLimitMb: number;
}

export interface CellSink {
  stream(stream: 'stdout' | 'stderr', text: string): void;
  display(output: OutputBundle): void;
  /** Replace the output displayed earlier under output.displayId; sinks without it append. */
  update?(output: OutputBundle & { readonly displayId: string }): void;
}

type AbnormalStatus = 'interrupted' | 'timeout' | 'out-of-memory' | 'crashed';

export type CellOutcome =
  | { readonly status: 'ok'; readonly result?: OutputBundle; readonly durationMs: number }
  | { readonly status: 'error'; readonly error: CellErrorInfo; readonly durationMs: number }
  | { readonly status: AbnormalStatus; readonly error: CellErrorInfo; readonly durationMs: number };

interface Pending {
  readonly runId: number;
  readonly sink: CellSink;
  readonly started: number;
  readonly resolve: (o: CellOutcome) => void;
  timer?: NodeJS.Timeout;
  memoryTimer?: NodeJS.Timeout;
}

/** One kernel process and what the host knows about it. */
interface KernelProcess {
  readonly child: ChildProcess;
  readonly token: string;
  /** Resolves on the kernel's 'ready' message; rejects if it ends first. */
  readonly ready: Promise<void>;
  isReady: boolean;
  /** The end of its stderr, where V8 and Node print fatal errors. */
  stderrTail: string;
  /** V8 began a fatal-error report: the rest of stderr is for the crash message, not the cell's output. */
  fatal: boolean;
  exited: boolean;
  readonly exit: Promise<void>;
  /** The kill of its run tree, once started. */
  killed?: Promise<void>;
}

/** The kernel's entry script in a built dist/ folder. */
export function kernelEntryPath(distDir: string): string {
  return path.join(distDir, 'kernel.js');
}

/** How often a running cell's memory is sampled: a cell filling memory at several GB/s overshoots by at most this much time. */
const MEMORY_SAMPLE_MS = 100;
/** How long an idle kernel gets to exit by itself (running its exit handlers) on restart and dispose. */
const EXIT_GRACE_MS = 1000;
/** How long a dead kernel's last stderr (a fatal-error banner) may take to arrive after its exit. */
const STDERR_DRAIN_MS = 200;
const STDERR_TAIL_CHARS = 8192;
/** How V8 and Node begin a fatal-error report (heap exhausted, abort, failed check) on stderr. */
const FATAL_BANNER = /<--- Last few GCs --->|FATAL ERROR:|^#\s*Fatal (error|javascript OOM)|----- Native stack trace -----/m;

/**
 * Kernels whose run tree may still be alive. If the host exits (the CLI finishing or interrupted,
 * the extension host shutting down), they are killed on the way out: a kernel is a detached
 * process, and one busy in a loop would never notice its host had gone.
 */
const liveKernels = new Set<KernelProcess>();
let exitHookInstalled = false;
function trackLive(kp: KernelProcess): void {
  liveKernels.add(kp);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const k of liveKernels) killRunTreeSync({ pid: k.child.pid, processGroup: true, token: k.token });
  });
}

const delay = (ms: number): { promise: Promise<void>; cancel: () => void } => {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
};

export class KernelClient {
  private kernel: KernelProcess | undefined;
  private pending: Pending | undefined;
  private nextRunId = 1;
  private disposed = false;
  /** Why the last kernel ended abnormally; reported once to the next run so users know state is gone. */
  private restartNote: string | undefined;
  /** Milliseconds the last kernel took to start (spawn to its 'ready' message). */
  lastStartMs = 0;

  constructor(private readonly options: KernelOptions) {}

  get isRunning(): boolean {
    return this.pending !== undefined;
  }

  /** Starts the kernel process now, if none is running, so the first cell does not wait for it. */
  prewarm(): void {
    if (this.disposed || this.kernel) return;
    try {
      this.start();
    } catch {
      // reported by the run that needs it
    }
  }

  private start(): KernelProcess {
    if (this.kernel) return this.kernel;
    const started = performance.now();
    const token = newRunToken();
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${this.options.memoryLimitMb}`, this.options.kernelPath, this.options.labDir],
      {
        cwd: this.options.labDir,
        // Inside VS Code process.execPath is Electron; this makes it behave as plain Node.
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', [RUN_TOKEN_ENV]: token },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'advanced',
        // Its own process group, so the group kill reaches everything it starts.
        detached: true,
        windowsHide: true,
      },
    );
    let readyResolve = (): void => undefined;
    let readyReject = (_err: Error): void => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    ready.catch(() => undefined);
    let exitResolve = (): void => undefined;
    const exit = new Promise<void>((resolve) => (exitResolve = resolve));
    const kp: KernelProcess = { child, token, ready, isReady: false, stderrTail: '', fatal: false, exited: false, exit };
    this.kernel = kp;
    trackLive(kp);

    child.on('message', (m: FromKernel) => {
      if (m.type === 'ready') {
        kp.isReady = true;
        this.lastStartMs = performance.now() - started;
        readyResolve();
      } else if (this.kernel === kp) this.onMessage(kp, m);
    });
    let stderrEnded: Promise<void> = Promise.resolve();
    for (const name of ['stdout', 'stderr'] as const) {
      const stream = child[name];
      if (!stream) continue;
      stream.setEncoding('utf8');
      stream.on('data', (text: string) => this.onOutput(kp, name, text));
      if (name === 'stderr') stderrEnded = new Promise((resolve) => stream.once('close', () => resolve()));
    }
    child.on('error', (err) => {
      // Spawning failed (or, rarely, signalling it did): nothing to wait for.
      readyReject(err);
      if (this.kernel !== kp) return;
      void this.finishAbnormally('crashed', () => `The kernel process could not be started: ${err.message}`);
    });
    child.on('disconnect', () => {
      // Normally the exit follows at once; a kernel alive without its channel is of no use.
      setTimeout(() => {
        if (this.kernel === kp && !kp.exited)
          void this.finishAbnormally(
            'crashed',
            () => 'The kernel process closed its connection to the notebook (did a cell call process.disconnect()?).',
          );
      }, STDERR_DRAIN_MS).unref();
    });
    child.on('exit', (code, signal) => {
      kp.exited = true;
      exitResolve();
      readyReject(new Error('the kernel process ended'));
      if (this.kernel !== kp) return;
      // V8's last words (the heap-limit banner) may still be in the pipe.
      const drain = delay(STDERR_DRAIN_MS);
      const drained = Promise.race([stderrEnded, drain.promise]).then(drain.cancel);
      const why = (): ReturnType<typeof describeKernelExit> => describeKernelExit(code, signal, kp.stderrTail);
      if (this.pending) {
        const reported = drained.then(why);
        void this.finishAbnormally(
          reported.then((w) => (w.outOfMemory ? 'out-of-memory' : 'crashed')),
          () => {
            const w = why();
            return w.outOfMemory
              ? `${this.memoryLimitMessage()} The JavaScript heap reached the limit.`
              : `The kernel process ${w.reason} while the cell was running.${this.startFailure(kp)}`;
          },
          drained,
        );
        return;
      }
      this.kernel = undefined;
      void this.killTree(kp);
      this.restartNote = kp.isReady
        ? `The kernel process ${why().reason} after the previous cell had finished: variables from earlier cells are gone; re-run the cells this one needs.`
        : `The kernel process ${why().reason} while starting; starting a new one.${this.startFailure(kp)}`;
    });
    return kp;
  }

  /** A kernel that died before it was ready usually said why on stderr (a missing file, a bad flag). */
  private startFailure(kp: KernelProcess): string {
    const tail = kp.stderrTail.trim().split('\n').slice(-6).join('\n');
    return kp.isReady || !tail ? '' : `\n${tail}`;
  }

  private onOutput(kp: KernelProcess, stream: 'stdout' | 'stderr', text: string): void {
    if (stream === 'stderr') {
      kp.stderrTail = (kp.stderrTail + text).slice(-STDERR_TAIL_CHARS);
      if (!kp.fatal && FATAL_BANNER.test(kp.stderrTail.slice(-(text.length + 64)))) kp.fatal = true;
      if (kp.fatal) return;
    }
    // Text written straight to the process's stdout/stderr (process.stdout.write, native code,
    // child processes sharing them) belongs to the running cell, if any.
    if (this.kernel === kp) this.pending?.sink.stream(stream, text);
  }

  private onMessage(kp: KernelProcess, m: FromKernel): void {
    const p = this.pending;
    if (!p || m.type === 'ready' || m.runId !== p.runId) return;
    switch (m.type) {
      case 'stream':
        p.sink.stream(m.stream, m.text);
        return;
      case 'display':
        p.sink.display(m.output);
        return;
      case 'update display':
        if (p.sink.update) p.sink.update(m.output);
        else p.sink.display(m.output);
        return;
      case 'memory':
        this.checkMemory(kp, p, m.rssBytes);
        return;
      case 'done': {
        const durationMs = performance.now() - p.started;
        this.clearPending();
        if (m.error) p.resolve({ status: 'error', error: m.error, durationMs });
        else p.resolve({ status: 'ok', ...(m.result ? { result: m.result } : {}), durationMs });
        return;
      }
    }
  }

  private memoryLimitMessage(): string {
    return `The cell used more than the kernel's memory limit (${this.options.memoryLimitMb} MB, setting ddiaLabs.kernel.memoryLimitMb) and was stopped.`;
  }

  /** Samples the kernel's resident memory while the cell runs (where the kernel reports its own, see run()). */
  private watchMemory(kp: KernelProcess, p: Pending): void {
    const pid = kp.child.pid;
    if (!canReadRss() || pid === undefined) return;
    let reading = false;
    p.memoryTimer = setInterval(() => {
      if (reading) return;
      reading = true;
      void readRssBytes(pid).then((rss) => {
        reading = false;
        if (rss !== undefined) this.checkMemory(kp, p, rss);
      });
    }, MEMORY_SAMPLE_MS);
  }

  private checkMemory(kp: KernelProcess, p: Pending, rssBytes: number): void {
    if (this.pending !== p || this.kernel !== kp || rssBytes <= this.options.memoryLimitMb * 2 ** 20) return;
    const mb = Math.round(rssBytes / 2 ** 20);
    void this.finishAbnormally(
      'out-of-memory',
      () => `${this.memoryLimitMessage()} The kernel process's resident memory (RSS) reached ${mb} MB.`,
    );
  }

  private clearPending(): void {
    if (this.pending?.timer) clearTimeout(this.pending.timer);
    if (this.pending?.memoryTimer) clearInterval(this.pending.memoryTimer);
    this.pending = undefined;
  }

  /** Kills the kernel's run tree once (its process group and every process with its token). */
  private killTree(kp: KernelProcess): Promise<void> {
    kp.killed ??= killRunTree({ pid: kp.child.pid, processGroup: true, token: kp.token }).then(
      () => void liveKernels.delete(kp),
      () => void liveKernels.delete(kp),
    );
    return kp.killed;
  }

  /**
   * Ends the current kernel and everything it started, and reports the running cell (if any) as
   * `status` once they are gone. State changes at once, so the next run starts a fresh kernel;
   * `after` (a drained stderr) and the status may come later, when the cause is still being read.
   */
  private finishAbnormally(status: AbnormalStatus | Promise<AbnormalStatus>, message: () => string, after?: Promise<void>): Promise<void> {
    const p = this.pending;
    this.clearPending();
    const kp = this.kernel;
    this.kernel = undefined;
    const cause = { interrupted: 'interrupt', timeout: 'time-out', 'out-of-memory': 'memory limit stop', crashed: 'crash' };
    const note = (s: AbnormalStatus): string =>
      `The kernel was restarted after the previous ${cause[s]}: variables from earlier cells are gone; re-run the cells this one needs.`;
    if (typeof status === 'string') this.restartNote = note(status);
    else {
      this.restartNote = note('crashed');
      void status.then((s) => {
        if (this.restartNote === note('crashed')) this.restartNote = note(s);
      });
    }
    const gone = Promise.all([after, kp ? this.killTree(kp) : undefined, status]).then(([, , s]) => s);
    return gone.then((s) => {
      if (!p) return;
      const name = {
        interrupted: 'Interrupted',
        timeout: 'TimeLimitExceeded',
        'out-of-memory': 'MemoryLimitExceeded',
        crashed: 'KernelCrashed',
      }[s];
      const text = message();
      p.resolve({ status: s, error: { name, message: text, stack: `${name}: ${text}` }, durationMs: performance.now() - p.started });
    });
  }

  /** Runs one cell. Never rejects: every way a cell can end is an outcome. */
  async run(code: string, cellLabel: string, sink: CellSink): Promise<CellOutcome> {
    if (this.disposed) throw new Error('kernel disposed');
    if (this.pending) throw new Error('a cell is already running in this kernel');
    const note = this.restartNote;
    this.restartNote = undefined;
    if (note) sink.stream('stderr', `${note}\n`);
    const runId = this.nextRunId++;
    const started = performance.now();
    const outcome = new Promise<CellOutcome>((resolve) => {
      this.pending = { runId, sink, started, resolve };
    });
    let kp: KernelProcess;
    try {
      kp = this.start();
      await kp.ready;
    } catch (err) {
      // A kernel that ended while starting has already reported this run; a spawn that threw has not.
      if ((this.pending as Pending | undefined)?.runId === runId)
        void this.finishAbnormally(
          'crashed',
          () => `The kernel process could not be started: ${err instanceof Error ? err.message : String(err)}`,
        );
      return outcome;
    }
    const p = this.pending as Pending | undefined;
    if (!p || p.runId !== runId || this.kernel !== kp) return outcome;
    p.timer = setTimeout(() => {
      const seconds = Math.round(this.options.timeLimitMs / 1000);
      void this.finishAbnormally(
        'timeout',
        () => `The cell ran longer than the time limit (${seconds} s, setting ddiaLabs.kernel.timeLimitSeconds) and was stopped.`,
      );
    }, this.options.timeLimitMs);
    this.watchMemory(kp, p);
    const message: ToKernel = {
      type: 'run',
      runId,
      code,
      cellLabel,
      ...(canReadRss() ? {} : { reportMemoryMs: MEMORY_SAMPLE_MS }),
      ...(sink.update ? { liveDisplay: true } : {}),
    };
    const failed = (err: unknown): void => {
      if (this.pending === p) void this.finishAbnormally('crashed', () => `The cell could not be sent to the kernel: ${String(err)}`);
    };
    try {
      kp.child.send(message, (err) => (err ? failed(err) : undefined));
    } catch (err) {
      failed(err);
    }
    return outcome;
  }

  /** Stops the running cell by killing the kernel and what it started; the next run starts a fresh one. */
  interrupt(): boolean {
    if (!this.pending) return false;
    void this.finishAbnormally('interrupted', () => 'The cell was interrupted. The kernel was restarted to stop it.');
    return true;
  }

  /** Discards all state: ends the kernel and everything it started; the next run starts a fresh one. */
  async restart(): Promise<void> {
    if (this.pending) {
      await this.finishAbnormally('interrupted', () => 'The kernel was restarted while the cell was running.');
      this.restartNote = undefined;
      return;
    }
    this.restartNote = undefined;
    const kp = this.kernel;
    this.kernel = undefined;
    if (!kp) return;
    // An idle kernel exits by itself when its channel closes, running its exit handlers (the
    // SDK removes its scratch folders); then whatever is left of its tree is killed.
    try {
      kp.child.disconnect();
    } catch {
      // already disconnected
    }
    const grace = delay(EXIT_GRACE_MS);
    await Promise.race([kp.exit, grace.promise]);
    grace.cancel();
    await this.killTree(kp);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.restart();
  }
}
