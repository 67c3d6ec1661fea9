import type { OutputBundle } from '../views/notebook/outputBundle';
/**
 * Messages between the kernel host (extension host or CLI, notebook/kernelClient.ts) and the
 * kernel process (kernelProcess.ts), over the child process's IPC channel with 'advanced'
 * serialization (structured clone, so outputs may carry typed arrays). The lab folder is the
 * kernel's first command-line argument; everything else travels here.
 */

export type ToKernel = {
  readonly type: 'run';
  readonly runId: number;
  readonly code: string;
  readonly cellLabel: string;
  /**
   * Where the host cannot read the kernel's memory use itself (Windows), it asks the kernel to
   * report its resident set size every this many milliseconds while the cell runs.
   */
  readonly reportMemoryMs?: number;
  /**
   * The host redraws updated outputs in place (a notebook in VS Code). Without it (the CLI, the
   * grader) live views show nothing until their final frame.
   */
  readonly liveDisplay?: boolean;
};

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
  | { readonly type: 'memory'; readonly runId: number; readonly rssBytes: number }
  | { readonly type: 'done'; readonly runId: number; readonly result?: OutputBundle; readonly error?: CellErrorInfo };
