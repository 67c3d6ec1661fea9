/**
 * The kernel end to end: a real worker thread per kernel, driven through KernelClient exactly as
 * the notebook controller and `ddia-labs run` drive it. Covers state, re-runs, top-level await,
 * the SDK, streaming, error locations, interrupts, time and memory limits, and crashes.
 */
import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { KernelClient, type CellSink } from '../../../extension/notebook/kernelClient';
import type { OutputBundle } from '../../../extension/protocol/outputs';
import { kernelWorkerBundle } from './workerBundle';

interface Recorded {
  readonly events: { kind: 'stdout' | 'stderr' | 'display'; at: number; text?: string; output?: OutputBundle }[];
  readonly sink: CellSink;
}

function recorder(): Recorded {
  const events: Recorded['events'] = [];
  return {
    events,
    sink: {
      stream: (stream, text) => events.push({ kind: stream, at: performance.now(), text }),
      display: (output) => events.push({ kind: 'display', at: performance.now(), output }),
    },
  };
}

describe('kernel', () => {
  let workerPath: string;
  const kernels: KernelClient[] = [];
  const kernel = (timeLimitMs = 10_000, memoryLimitMb = 256): KernelClient => {
    const k = new KernelClient({ workerPath, labDir: os.tmpdir(), timeLimitMs, memoryLimitMb });
    kernels.push(k);
    return k;
  };
  before(async () => {
    workerPath = await kernelWorkerBundle();
  });
  after(async () => {
    await Promise.all(kernels.map((k) => k.dispose()));
  });

  test('state carries across cells, re-running a const cell works, top-level await works', async () => {
    const k = kernel();
    const r = recorder();
    assert.equal((await k.run('const x: number = 20;', 'Cell 1', r.sink)).status, 'ok');
    const second = await k.run('const y = await new Promise<number>((res) => setTimeout(() => res(x + 1), 20));\ny * 2', 'Cell 2', r.sink);
    assert.equal(second.status, 'ok');
    assert.equal(second.status === 'ok' && second.result?.text, '42');
    assert.equal((await k.run('const x = 5; x', 'Cell 1', r.sink)).status, 'ok');
  });

  test('cells import the SDK and Node built-ins; the last expression is a rich output', async () => {
    const k = kernel();
    const r = recorder();
    const out = await k.run(
      "import { chart, display, table } from 'ddia-labs';\nimport * as os from 'node:os';\ndisplay(table([{ cpus: os.cpus().length }]));\nchart.histogram([1, 2, 2, 3, 3, 3])",
      'Cell 1',
      r.sink,
    );
    assert.equal(out.status, 'ok');
    assert.deepEqual(
      r.events.filter((e) => e.kind === 'display').map((e) => e.output?.items[0]?.mime),
      ['application/vnd.ddia-labs.table+json'],
    );
    assert.equal(out.status === 'ok' && out.result?.items[0]?.mime, 'application/vnd.ddia-labs.chart+json');
    const next = await k.run('chart.bar({ a: 1 })', 'Cell 2', r.sink);
    assert.equal(next.status, 'ok', 'names imported in an earlier cell stay available');
  });

  test('console output streams while the cell runs, not at the end', async () => {
    const k = kernel();
    const r = recorder();
    const started = performance.now();
    const out = await k.run(
      "console.log('first');\nawait new Promise((res) => setTimeout(res, 400));\nconsole.error('second');",
      'Cell 1',
      r.sink,
    );
    const finished = performance.now();
    assert.equal(out.status, 'ok');
    assert.deepEqual(
      r.events.map((e) => [e.kind, e.text]),
      [
        ['stdout', 'first\n'],
        ['stderr', 'second\n'],
      ],
    );
    assert.ok(
      (r.events[0]?.at ?? Infinity) < finished - 300,
      `first line arrived ${((r.events[0]?.at ?? 0) - started).toFixed(0)} ms after start, before the end`,
    );
  });

  test('errors carry the message and a stack whose cell frames point at the cell line', async () => {
    const k = kernel();
    const r = recorder();
    const out = await k.run("function inner() {\n  throw new RangeError('bad value');\n}\n\ninner();", 'Cell 7', r.sink);
    assert.equal(out.status, 'error');
    if (out.status !== 'error') return;
    assert.equal(out.error.name, 'RangeError');
    assert.equal(out.error.message, 'bad value');
    assert.match(out.error.stack, /Cell 7:2:\d+/, out.error.stack);
    assert.match(out.error.stack, /Cell 7:5:\d+/, out.error.stack);
    assert.doesNotMatch(out.error.stack, /kernel-worker/);
    const syntax = await k.run('const a = 1;\nlet = ;', 'Cell 8', r.sink);
    assert.equal(syntax.status, 'error');
    assert.match(syntax.status === 'error' ? syntax.error.message : '', /line 2/);
  });

  test('interrupt ends a runaway cell within a second, restarts, and the next cell runs', async () => {
    const k = kernel();
    const r = recorder();
    await k.run('const before = 1;', 'Cell 1', r.sink);
    const running = k.run('while (true) {}', 'Cell 2', r.sink);
    await new Promise((res) => setTimeout(res, 300));
    const t0 = performance.now();
    assert.equal(k.interrupt(), true);
    const out = await running;
    assert.ok(performance.now() - t0 < 1000, 'interrupted within a second');
    assert.equal(out.status, 'interrupted');
    const after = recorder();
    const next = await k.run('typeof before', 'Cell 3', after.sink);
    assert.equal(next.status === 'ok' && next.result?.text, 'undefined');
    assert.match(after.events[0]?.text ?? '', /kernel was restarted/, 'the user is told state is gone');
  });

  test('the time limit stops a cell with a clear message', async () => {
    const k = kernel(600);
    const out = await k.run('while (true) {}', 'Cell 1', recorder().sink);
    assert.equal(out.status, 'timeout');
    assert.match(out.status === 'timeout' ? out.error.message : '', /time limit \(1 s, setting ddiaLabs\.kernel\.timeLimitSeconds\)/);
  });

  test('the memory limit stops a cell with a clear message', async () => {
    const k = kernel(30_000, 64);
    const out = await k.run('const hog: string[][] = [];\nwhile (true) hog.push(new Array(1e6).fill("x"));', 'Cell 1', recorder().sink);
    assert.equal(out.status, 'out-of-memory');
    assert.match(out.status === 'out-of-memory' ? out.error.message : '', /memory limit \(64 MB/);
    const next = await k.run('1 + 1', 'Cell 2', recorder().sink);
    assert.equal(next.status, 'ok');
  });

  test('a cell that exits the process is reported as a crash and the kernel recovers', async () => {
    const k = kernel();
    const out = await k.run('process.exit(3)', 'Cell 1', recorder().sink);
    assert.equal(out.status, 'crashed');
    assert.equal((await k.run('2', 'Cell 2', recorder().sink)).status, 'ok');
  });
});
