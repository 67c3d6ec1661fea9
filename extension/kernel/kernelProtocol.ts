/** Messages between the kernel host (extension host or CLI) and the kernel worker thread. */
import type { OutputBundle } from '../protocol/outputs';

export interface KernelWorkerData {
  /** Folder that relative `require`s and `import`s in cells resolve against (the lab folder). */
  readonly labDir: string;
}

export type ToKernel = { readonly type: 'run'; readonly runId: number; readonly code: string; readonly cellLabel: string };

export interface CellErrorInfo {
  readonly name: string;
  readonly message: string;
  /** Stack with cell frames rewritten to "<cell label>:line:column" and kernel internals removed. */
  readonly stack: string;
}

export type FromKernel =
  | { readonly type: 'ready' }
  | { readonly type: 'stream'; readonly runId: number; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly type: 'display'; readonly runId: number; readonly output: OutputBundle }
  /** Replaces the output shown earlier in this run under output.displayId (appends if there is none). */
  | { readonly type: 'update display'; readonly runId: number; readonly output: OutputBundle & { readonly displayId: string } }
  | { readonly type: 'done'; readonly runId: number; readonly result?: OutputBundle; readonly error?: CellErrorInfo };
