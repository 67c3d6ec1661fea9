/**
 * The kernel: a worker thread that runs one notebook's cells, so a runaway cell never blocks the
 * extension host. Cells share one global scope (state carries across cells), import the SDK as
 * 'ddia-labs' and Node built-ins, stream console output as they run, and report their last
 * expression as a result. The host owns time limits and interrupts (it terminates this thread).
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { format } from 'node:util';
import * as vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import * as sdk from '../sdk/index';
import { CELL_FILE_PREFIX, cellErrorInfo } from './errorInfo';
import type { FromKernel, KernelWorkerData, ToKernel } from './kernelProtocol';
import { CellSyntaxError, transpileCell } from './transpileCell';
import { installTypeScriptHook } from './tsRequireHook';

const port = parentPort;
if (!port) throw new Error('kernelWorker must run in a worker thread');
const data = workerData as KernelWorkerData;
const post = (m: FromKernel): void => port.postMessage(m);
const prefixLengths = new Map<string, number>();
const lineCounts = new Map<string, number>();
let currentRun = -1;

installTypeScriptHook(sdk);
const cellRequire = createRequire(path.join(data.labDir, '__cell__.ts'));
const g = globalThis as Record<string, unknown>;
g['require'] = cellRequire;
g['exports'] = {};
g['module'] = { exports: g['exports'] };
g['__filename'] = path.join(data.labDir, '__cell__.ts');
g['__dirname'] = data.labDir;
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
sdk.setDisplaySink({
  display: (output) => post({ type: 'display', runId: currentRun, output }),
  update: (output) => post({ type: 'update display', runId: currentRun, output }),
});

async function run(message: Extract<ToKernel, { type: 'run' }>): Promise<void> {
  currentRun = message.runId;
  try {
    const { code, prefixLength } = transpileCell(message.code, `${message.cellLabel}.ts`);
    prefixLengths.set(message.cellLabel, prefixLength);
    lineCounts.set(message.cellLabel, message.code.split('\n').length);
    const script = new vm.Script(code, { filename: `${CELL_FILE_PREFIX}${message.cellLabel}` });
    const value: unknown = await script.runInThisContext();
    post({ type: 'done', runId: message.runId, ...(value === undefined ? {} : { result: sdk.toOutputBundle(value) }) });
  } catch (err) {
    if (err instanceof CellSyntaxError) {
      const where = err.line
        ? ` (${message.cellLabel}, line ${err.line}${err.column !== undefined ? `, column ${err.column + 1}` : ''})`
        : '';
      post({
        type: 'done',
        runId: message.runId,
        error: { name: 'SyntaxError', message: err.message + where, stack: `SyntaxError: ${err.message}${where}` },
      });
    } else {
      post({ type: 'done', runId: message.runId, error: cellErrorInfo(err, prefixLengths, lineCounts) });
    }
  }
}

// Errors from callbacks a cell left behind (timers, promises) are reported, not fatal.
process.on('uncaughtException', (err) => stream('stderr')(`Uncaught ${cellErrorInfo(err, prefixLengths).stack}`));
process.on('unhandledRejection', (err) => stream('stderr')(`Unhandled rejection: ${cellErrorInfo(err, prefixLengths).stack}`));

let queue: Promise<void> = Promise.resolve();
port.on('message', (m: ToKernel) => {
  if (m.type === 'run') queue = queue.then(() => run(m));
});
post({ type: 'ready' });
