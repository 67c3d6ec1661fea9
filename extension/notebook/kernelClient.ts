/**
 * The host side of a kernel: starts the worker thread, sends cells, streams back what they
 * print and display, and enforces the limits the worker cannot enforce on itself — a per-cell
 * time limit, interrupts (both by terminating the thread, which stops even `while (true) {}`),
 * and a heap limit (worker resourceLimits). After any of those the next run starts a fresh
 * worker: earlier state is gone, and the error says so. No `vscode` here: the CLI uses it too.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CellErrorInfo, FromKernel, KernelWorkerData, ToKernel } from '../kernel/kernelProtocol';
import type { OutputBundle } from '../protocol/outputs';

export interface KernelOptions {
  /** dist/kernel-worker.js */
  readonly workerPath: string;
  readonly labDir: string;
  readonly timeLimitMs: number;
  readonly memoryLimitMb: number;
}

export interface CellSink {
  stream(stream: 'stdout' | 'stderr', text: string): void;
  display(output: OutputBundle): void;
  /** Replace the output displayed earlier under output.displayId; sinks without it append. */
  update?(output: OutputBundle & { readonly displayId: string }): void;
}

export type CellOutcome =
  | { readonly status: 'ok'; readonly result?: OutputBundle; readonly durationMs: number }
  | { readonly status: 'error'; readonly error: CellErrorInfo; readonly durationMs: number }
  | {
      readonly status: 'interrupted' | 'timeout' | 'out-of-memory' | 'crashed';
      readonly error: CellErrorInfo;
      readonly durationMs: number;
    };

interface Pending {
  readonly runId: number;
  readonly sink: CellSink;
  readonly started: number;
  readonly resolve: (o: CellOutcome) => void;
  timer?: NodeJS.Timeout;
}

export function kernelWorkerPath(distDir: string): string {
  return path.join(distDir, 'kernel-worker.js');
}

export class KernelClient {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private pending: Pending | undefined;
  private nextRunId = 1;
  private disposed = false;
  /** Why the last worker ended abnormally; reported once to the next run so users know state is gone. */
  private restartNote: string | undefined;
  /** Milliseconds the last worker took to start (ready message). */
  lastStartMs = 0;

  constructor(private readonly options: KernelOptions) {}

  get isRunning(): boolean {
    return this.pending !== undefined;
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const started = performance.now();
    const data: KernelWorkerData = { labDir: this.options.labDir };
    const worker = new Worker(this.options.workerPath, {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryLimitMb },
      stdout: false,
      stderr: false,
    });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: FromKernel): void => {
        if (m.type === 'ready') {
          this.lastStartMs = performance.now() - started;
          resolve();
          return;
        }
        this.onMessage(m);
      };
      worker.on('message', onMessage);
      // Events from a worker we already replaced (after an interrupt or time-out) are ignored.
      worker.on('error', (err: Error & { code?: string }) => {
        if (this.worker !== worker) return;
        const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
        this.finishAbnormally(
          oom ? 'out-of-memory' : 'crashed',
          oom
            ? `The cell used more than the kernel's memory limit (${this.options.memoryLimitMb} MB, setting ddiaLabs.kernel.memoryLimitMb) and was stopped.`
            : `The kernel crashed: ${err.message}`,
        );
        reject(err);
      });
      worker.on('exit', (code) => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        this.ready = undefined;
        reject(new Error(`kernel exited with code ${code}`));
        if (this.pending)
          this.finishAbnormally(
            'crashed',
            `The kernel exited (code ${code}) while the cell was running, for example because it called process.exit().`,
          );
      });
    });
    this.ready.catch(() => undefined);
    return this.ready;
  }

  private onMessage(m: FromKernel): void {
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
      case 'done': {
        const durationMs = performance.now() - p.started;
        this.clearPending();
        if (m.error) p.resolve({ status: 'error', error: m.error, durationMs });
        else p.resolve({ status: 'ok', ...(m.result ? { result: m.result } : {}), durationMs });
        return;
      }
    }
  }

  private clearPending(): void {
    if (this.pending?.timer) clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  private finishAbnormally(status: 'interrupted' | 'timeout' | 'out-of-memory' | 'crashed', message: string): void {
    const p = this.pending;
    this.clearPending();
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    void worker?.terminate();
    this.restartNote = `The kernel was restarted after the previous ${status === 'interrupted' ? 'interrupt' : status.replace(/-/g, ' ')}: variables from earlier cells are gone; re-run the cells this one needs.`;
    if (p) {
      const name = {
        interrupted: 'Interrupted',
        timeout: 'TimeLimitExceeded',
        'out-of-memory': 'MemoryLimitExceeded',
        crashed: 'KernelCrashed',
      }[status];
      p.resolve({ status, error: { name, message, stack: `${name}: ${message}` }, durationMs: performance.now() - p.started });
    }
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
    try {
      await this.start();
    } catch {
      return outcome;
    }
    const p = this.pending as Pending | undefined;
    if (!p || p.runId !== runId) return outcome;
    p.timer = setTimeout(() => {
      const seconds = Math.round(this.options.timeLimitMs / 1000);
      this.finishAbnormally(
        'timeout',
        `The cell ran longer than the time limit (${seconds} s, setting ddiaLabs.kernel.timeLimitSeconds) and was stopped.`,
      );
    }, this.options.timeLimitMs);
    const message: ToKernel = { type: 'run', runId, code, cellLabel };
    this.worker?.postMessage(message);
    return outcome;
  }

  /** Stops the running cell by terminating the worker; the next run starts a fresh one. */
  interrupt(): boolean {
    if (!this.pending) return false;
    this.finishAbnormally('interrupted', 'The cell was interrupted. The kernel was restarted to stop it.');
    return true;
  }

  /** Discards all state: the next run starts a fresh worker. */
  async restart(): Promise<void> {
    if (this.pending) this.finishAbnormally('interrupted', 'The kernel was restarted while the cell was running.');
    this.restartNote = undefined;
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    await worker?.terminate();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.restart();
  }
}
