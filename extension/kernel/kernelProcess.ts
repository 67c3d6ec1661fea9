/**
 * The kernel: a child process that runs one notebook's cells (Jupyter's model). A process, not a
 * thread in the extension host, because only a process boundary contains everything a cell can
 * do: `process.exit()`, `process.kill(process.pid, 'SIGKILL')`, `process.abort()`, a native
 * crash, gigabytes of Buffers (outside the V8 heap) or an out-of-memory kill end this process,
 * and the editor stays up. The host (notebook/kernelClient.ts) owns time limits, interrupts and
 * the memory limit, and enforces them by killing this process and everything it started.
 *
 * Cells share one global scope (state carries across cells), import the SDK as 'ddia-labs' and
 * Node built-ins, stream console output as they run, and report their last expression as a
 * result. Every run ends with exactly one 'done' message, whatever the cell threw or returned:
 * a missing 'done' would hold the cell until the time limit and cost the kernel's state.
 *
 * Start-up is on every notebook's critical path, so the SDK (half of this bundle) is evaluated
 * only when a cell first imports 'ddia-labs', and kernelBootstrap.ts compiles this bundle from
 * V8's code cache.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { format } from 'node:util';
import * as vm from 'node:vm';
import { endCell, setDisplaySink, toOutputBundle } from '../sdk/display';
import { killRunTree, RUN_TOKEN_ENV } from '../util/processTree';
import { CELL_FILE_PREFIX, cellErrorInfo, showValue } from './errorInfo';
import type { CellErrorInfo, FromKernel, ToKernel } from './kernelProtocol';
import { CellSyntaxError, transpileCell } from './transpileCell';
import { installTypeScriptHook } from './tsRequireHook';
import type { OutputBundle } from '../views/notebook/outputBundle';

export interface KernelStart {
  /** Folder that relative `require`s and `import`s in cells resolve against (the lab folder). */
  readonly labDir: string;
  /**
   * Called when a cell has finished, off the cell's path (setImmediate): the bootstrap saves its
   * code cache then, once the functions the cells needed are compiled. `sdkLoaded`: a cell has
   * imported 'ddia-labs' in this process.
   */
  readonly afterCell?: (state: { readonly sdkLoaded: boolean }) => void;
}

export function startKernel(start: KernelStart): void {
  const rawSend = process.send?.bind(process);
  if (!rawSend) throw new Error('the kernel must be started by its host, with an IPC channel (see notebook/kernelClient.ts)');
  // Captured now: a cell may replace process.send or edit process.env.
  const send = rawSend;
  const token = process.env[RUN_TOKEN_ENV];
  let sendError: unknown;
  /** Sends one message; false (never a throw) when it cannot be cloned or the host is gone. */
  const post = (m: FromKernel): boolean => {
    if (!process.connected) return false;
    try {
      // With a callback, a closed channel reports there instead of as an 'error' event on process.
      send(m, undefined, undefined, () => undefined);
      return true;
    } catch (err) {
      sendError = err;
      return false;
    }
  };
  const prefixLengths = new Map<string, number>();
  const lineCounts = new Map<string, number>();
  let currentRun = -1;
  /** The host of the running cell redraws updated outputs in place (see ToKernel.liveDisplay). */
  let liveRun = false;

  let sdkLoaded = false;
  // A function: the hook builds the SDK when a cell first imports 'ddia-labs', not now.
  installTypeScriptHook(() => {
    sdkLoaded = true;
    return loadSdk();
  });
  const cellRequire = createRequire(path.join(start.labDir, '__cell__.ts'));
  const g = globalThis as Record<string, unknown>;
  g['require'] = cellRequire;
  g['exports'] = {};
  g['module'] = { exports: g['exports'] };
  g['__filename'] = path.join(start.labDir, '__cell__.ts');
  g['__dirname'] = start.labDir;
  // Default-import interop for rewritten `import x from '…'` (see rewriteTopLevel).
  g['__ddiaDefault'] = (m: unknown): unknown =>
    m !== null && typeof m === 'object' && (m as { __esModule?: boolean }).__esModule ? (m as { default?: unknown }).default : m;

  const stream =
    (name: 'stdout' | 'stderr') =>
    (...args: unknown[]): void => {
      post({ type: 'stream', runId: currentRun, stream: name, text: format(...args) + '\n' });
    };
  const cellConsole = Object.create(console) as Console;
  Object.assign(cellConsole, {
    log: stream('stdout'),
    info: stream('stdout'),
    debug: stream('stdout'),
    warn: stream('stderr'),
    error: stream('stderr'),
    trace: (...args: unknown[]) => stream('stderr')(format(...args), new Error().stack?.split('\n').slice(2).join('\n')),
  });
  g['console'] = cellConsole;

  /** An output the host cannot receive is the cell's error, said plainly, not a lost message. */
  const postOutput = (m: FromKernel & { output: OutputBundle }): void => {
    if (!post(m) && process.connected)
      throw new TypeError(`display(): this output cannot be sent to the notebook (${showValue(sendError)})`);
  };
  setDisplaySink({
    display: (output) => postOutput({ type: 'display', runId: currentRun, output }),
    update: (output) => postOutput({ type: 'update display', runId: currentRun, output }),
    get live() {
      return liveRun;
    },
  });

  const syntaxError = (err: CellSyntaxError, cellLabel: string): CellErrorInfo => {
    const where = err.line ? ` (${cellLabel}, line ${err.line}${err.column !== undefined ? `, column ${err.column + 1}` : ''})` : '';
    return { name: 'SyntaxError', message: err.message + where, stack: `SyntaxError: ${err.message}${where}` };
  };

  const finish = (runId: number, outcome: { result?: OutputBundle; error?: CellErrorInfo }): void => {
    if (post({ type: 'done', runId, ...outcome }) || !process.connected) return;
    const message = `The cell's result cannot be sent to the notebook (${showValue(sendError)}). Show a plain value (string, number, array, object) instead.`;
    post({ type: 'done', runId, error: { name: 'DataCloneError', message, stack: `DataCloneError: ${message}` } });
  };

  /** What the cell threw, as the user should see it; never throws (see errorInfo.ts). */
  const errorOf = (err: unknown, cellLabel: string): CellErrorInfo => {
    try {
      if (err instanceof CellSyntaxError) return syntaxError(err, cellLabel);
    } catch {
      // `instanceof` throws on a revoked Proxy: not a syntax error, then
    }
    return cellErrorInfo(err, prefixLengths, lineCounts);
  };

  const evaluate = async (message: Extract<ToKernel, { type: 'run' }>): Promise<{ result?: OutputBundle }> => {
    const { code, prefixLength } = transpileCell(message.code, `${message.cellLabel}.ts`);
    prefixLengths.set(message.cellLabel, prefixLength);
    lineCounts.set(message.cellLabel, message.code.split('\n').length);
    const script = new vm.Script(code, { filename: `${CELL_FILE_PREFIX}${message.cellLabel}` });
    const value: unknown = await script.runInThisContext();
    return value === undefined ? {} : { result: toOutputBundle(value) };
  };

  const run = async (message: Extract<ToKernel, { type: 'run' }>): Promise<void> => {
    currentRun = message.runId;
    liveRun = message.liveDisplay === true;
    const memory =
      message.reportMemoryMs === undefined
        ? undefined
        : setInterval(() => post({ type: 'memory', runId: message.runId, rssBytes: process.memoryUsage.rss() }), message.reportMemoryMs);
    let outcome: { result?: OutputBundle; error?: CellErrorInfo } = {};
    try {
      outcome = await evaluate(message);
    } catch (err) {
      outcome = { error: errorOf(err, message.cellLabel) };
    } finally {
      if (memory) clearInterval(memory);
      // Live views left running show their final frame before the host hears the cell is done.
      endCell();
      finish(message.runId, outcome);
    }
  };

  // Errors from callbacks a cell left behind (timers, promises) are reported, not fatal.
  process.on('uncaughtException', (err) => stream('stderr')(`Uncaught ${cellErrorInfo(err, prefixLengths).stack}`));
  process.on('unhandledRejection', (err) => stream('stderr')(`Unhandled rejection: ${cellErrorInfo(err, prefixLengths).stack}`));
  // The host went away (closed the notebook, exited, crashed): end what the cells started, then
  // this process. The host also kills the tree; this covers a host that could not.
  process.on('disconnect', () => {
    void (token ? killRunTree({ token }) : Promise.resolve(0)).finally(() => process.exit(0));
  });

  let queue: Promise<void> = Promise.resolve();
  process.on('message', (m: ToKernel) => {
    if (m.type !== 'run') return;
    queue = queue
      .then(() => run(m))
      .catch(() => undefined)
      .then(() => {
        const hook = start.afterCell;
        if (hook) setImmediate(() => hook({ sdkLoaded }));
      });
  });
  post({ type: 'ready' });
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadSdk = (): object => require('../sdk/index') as object;
