/**
 * The host side of the stepper's simulation worker: started on the first request, one request at
 * a time (later ones wait their turn), and terminated on dispose. A crash or an error inside the
 * simulation rejects that request with a readable message; the next request starts a fresh worker.
 * No `vscode` import, so unit tests drive it against the real bundle.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TimelineSpec } from '../views/timeline/timelineOutput';
import type { TimelineModel } from '../views/timeline/timelineModel';
import { decodeTimeline } from '../views/timeline/timelineRun';
import { decodeTimelineModel } from '../views/timeline/timelineWire';
import type { SimJob, SimReply, SimRequest } from './simWorkerProtocol';

export function simWorkerPath(distDir: string): string {
  return path.join(distDir, 'sim-worker.js');
}

export interface SimResult {
  spec: TimelineSpec;
  model: TimelineModel;
}

interface InFlight {
  id: number;
  resolve: (r: SimResult) => void;
  reject: (e: Error) => void;
}

export class SimWorkerClient {
  private worker: Worker | undefined;
  private inFlight: InFlight | undefined;
  /** Requests run in order; each waits for the previous one to settle. */
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly workerPath: string) {}

  run(request: SimRequest): Promise<SimResult> {
    const result = this.queue.then(() => this.send(request));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private send(request: SimRequest): Promise<SimResult> {
    if (this.disposed) return Promise.reject(new Error('the stepper was closed'));
    const worker = this.ensureWorker();
    const job: SimJob = { id: this.nextId++, request };
    return new Promise<SimResult>((resolve, reject) => {
      this.inFlight = { id: job.id, resolve, reject };
      worker.postMessage(job);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    worker.on('message', (m: SimReply) => {
      const p = this.inFlight;
      if (p === undefined || p.id !== m.id) return;
      this.inFlight = undefined;
      if (!m.ok) {
        p.reject(new Error(m.error));
        return;
      }
      try {
        const { columns } = decodeTimeline(m.spec, m.bytes);
        p.resolve({ spec: m.spec, model: decodeTimelineModel(m.model, columns) });
      } catch (err) {
        p.reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    worker.on('error', (err: Error) => this.lost(worker, `the simulation worker crashed: ${err.message}`));
    worker.on('exit', (code) => this.lost(worker, `the simulation worker exited (code ${code})`));
    this.worker = worker;
    return worker;
  }

  /** The worker is gone: fail what it was doing; the next request starts a new one. */
  private lost(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const p = this.inFlight;
    this.inFlight = undefined;
    p?.reject(new Error(this.disposed ? 'the stepper was closed' : why));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const worker = this.worker;
    const p = this.inFlight;
    this.worker = undefined;
    this.inFlight = undefined;
    p?.reject(new Error('the stepper was closed'));
    void worker?.terminate();
  }
}
