/**
 * The kernel end to end: a real kernel process per kernel, driven through KernelClient exactly as
 * the notebook controller and `ddia-labs run` drive it. Covers state, re-runs, top-level await,
 * the SDK, streaming, error locations, interrupts, time and memory limits, and everything a cell
 * can do to its process: exit it, kill it, abort it, fill its memory outside the V8 heap, throw
 * values that cannot be turned into strings, return values that cannot be sent, and start
 * processes (detached, double-forked) that must not outlive an interrupt. Each of these runs in
 * this test's own process as the host, which must survive all of them.
 */
import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { KernelClient, type CellOutcome, type CellSink } from '../../../extension/notebook/kernelClient';
import { isProcessAlive, waitUntil } from '../../harness/processAlive';
import { kernelBundle } from './kernelBundle';
import type { OutputBundle } from '../../../extension/views/notebook/outputBundle';

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

const errorOf = (o: CellOutcome): string => (o.status === 'ok' ? '' : `${o.error.name}: ${o.error.message}`);

describe('kernel', () => {
  let kernelPath: string;
  const kernels: KernelClient[] = [];
  const kernel = (timeLimitMs = 10_000, memoryLimitMb = 256): KernelClient => {
    const k = new KernelClient({ kernelPath, labDir: os.tmpdir(), timeLimitMs, memoryLimitMb });
    kernels.push(k);
    return k;
  };
  before(async () => {
    kernelPath = await kernelBundle();
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
    const ns = await k.run(
      "import * as sdk from 'ddia-labs';\n['chart', 'display', 'storage', 'sim', 'perf'].every((n) => n in sdk && typeof sdk[n] !== 'undefined')",
      'Cell 3',
      r.sink,
    );
    assert.equal(ns.status === 'ok' && ns.result?.text, 'true', 'a namespace import sees every export (the SDK loads on first use)');
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

  test('text written straight to process.stdout reaches the cell too', async () => {
    const k = kernel();
    const r = recorder();
    const out = await k.run("process.stdout.write('raw\\n');\nawait new Promise((res) => setTimeout(res, 100));", 'Cell 1', r.sink);
    assert.equal(out.status, 'ok');
    assert.deepEqual(
      r.events.map((e) => [e.kind, e.text]),
      [['stdout', 'raw\n']],
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
    assert.doesNotMatch(out.error.stack, /kernel-process|kernel\.js/);
    const syntax = await k.run('const a = 1;\nlet = ;', 'Cell 8', r.sink);
    assert.equal(syntax.status, 'error');
    assert.match(syntax.status === 'error' ? syntax.error.message : '', /line 2/);
  });

  test('thrown values of any shape are reported at once, and the kernel keeps its state', async () => {
    const k = kernel(10_000);
    assert.equal((await k.run('const kept = 7;', 'Cell 1', recorder().sink)).status, 'ok');
    const cases: [code: string, message: RegExp][] = [
      ['throw Object.create(null)', /not an Error was thrown: \[Object: null prototype\] \{\}/],
      ["throw { toString() { throw new Error('no'); } }", /not an Error was thrown: \{ toString: \[Function: toString\] \}/],
      ["throw Symbol('odd')", /not an Error was thrown: Symbol\(odd\)/],
      ['const r = Proxy.revocable({}, {});\nr.revoke();\nthrow r.proxy', /not an Error was thrown: <Revoked Proxy>/],
      [
        "const e = new TypeError('x');\nfor (const p of ['stack', 'message']) Object.defineProperty(e, p, { get() { throw new Error('no'); } });\nthrow e",
        /TypeError: \(its message cannot be read\)/,
      ],
      ["throw 'plain string'", /not an Error was thrown: plain string/],
    ];
    for (const [code, message] of cases) {
      const t0 = performance.now();
      const out = await k.run(code, 'Cell 2', recorder().sink);
      const ms = performance.now() - t0;
      assert.equal(out.status, 'error', `${code}: ${JSON.stringify(out)}`);
      assert.match(errorOf(out), message);
      assert.ok(ms < 2000, `${code}: reported after ${ms.toFixed(0)} ms (time limit 10 s)`);
    }
    const after = await k.run('kept', 'Cell 3', recorder().sink);
    assert.equal(after.status === 'ok' && after.result?.text, '7', 'state survives');
  });

  test('a result or output that cannot be sent to the notebook is a clear error, not a lost cell', async () => {
    const k = kernel();
    // A Displayable whose output carries a function: structured clone refuses it.
    const unsendable =
      "const bad = { [Symbol.for('ddia-labs.displayable')]: () => ({ items: [{ mime: 'x/y', data: () => 1 }], text: 'f' }) };";
    const result = await k.run(`${unsendable}\nbad`, 'Cell 1', recorder().sink);
    assert.equal(result.status, 'error');
    assert.match(errorOf(result), /result cannot be sent to the notebook/);
    const shown = await k.run("import { display } from 'ddia-labs';\ndisplay(bad)", 'Cell 2', recorder().sink);
    assert.equal(shown.status, 'error');
    assert.match(errorOf(shown), /display\(\): this output cannot be sent/);
    assert.equal((await k.run('1 + 1', 'Cell 3', recorder().sink)).status, 'ok');
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

  test('the memory limit stops a heap blow-up with a clear message', async () => {
    const k = kernel(30_000, 128);
    const out = await k.run('const hog: string[][] = [];\nwhile (true) hog.push(new Array(1e6).fill("x"));', 'Cell 1', recorder().sink);
    assert.equal(out.status, 'out-of-memory', JSON.stringify(out));
    assert.match(out.status === 'out-of-memory' ? out.error.message : '', /memory limit \(128 MB/);
    const next = await k.run('1 + 1', 'Cell 2', recorder().sink);
    assert.equal(next.status, 'ok');
  });

  test('the memory limit counts the whole process: Buffers outside the V8 heap are stopped by RSS', async () => {
    const k = kernel(60_000, 512);
    const t0 = performance.now();
    const out = await k.run('const bufs = [];\nfor (;;) bufs.push(Buffer.alloc(64 << 20, 1));', 'Cell 1', recorder().sink);
    const ms = performance.now() - t0;
    assert.equal(out.status, 'out-of-memory', JSON.stringify(out));
    assert.match(errorOf(out), /memory limit \(512 MB, setting ddiaLabs\.kernel\.memoryLimitMb\)/);
    assert.match(errorOf(out), /resident memory \(RSS\) reached \d+ MB/);
    assert.ok(ms < 5000, `stopped after ${ms.toFixed(0)} ms`);
    assert.equal((await k.run('1 + 1', 'Cell 2', recorder().sink)).status, 'ok');
  });

  const crashes: [name: string, code: string, reason: RegExp][] = [
    ['process.exit(3)', 'process.exit(3)', /exited with code 3/],
    ["process.kill(process.pid, 'SIGKILL')", "process.kill(process.pid, 'SIGKILL')", /signal SIGKILL \(killed/],
    ['process.abort()', 'process.abort()', /signal SIGABRT \(aborted/],
  ];
  for (const [name, code, reason] of crashes) {
    test(`a cell calling ${name} crashes only the kernel: reported with the reason, then a fresh kernel says so`, async () => {
      const k = kernel();
      await k.run('const before = 1;', 'Cell 1', recorder().sink);
      const out = await k.run(code, 'Cell 2', recorder().sink);
      assert.equal(out.status, 'crashed', JSON.stringify(out));
      assert.match(errorOf(out), reason);
      const r = recorder();
      const next = await k.run('typeof before', 'Cell 3', r.sink);
      assert.equal(next.status === 'ok' && next.result?.text, 'undefined');
      assert.match(r.events[0]?.text ?? '', /kernel was restarted after the previous crash/);
    });
  }

  test('processes a cell starts (detached, double-forked) do not outlive an interrupt or a time-out', async () => {
    // The cell starts a detached child, which starts a detached grandchild; both print their
    // pids to the cell, which shows them and then spins until it is stopped.
    const grandchild = 'console.log(process.pid); setInterval(() => {}, 1000);';
    const child = `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { detached: true, stdio: ['ignore', 'inherit', 'ignore'] }).unref(); console.log(process.pid); setInterval(() => {}, 1000);`;
    const cell = [
      "import { spawn } from 'node:child_process';",
      `const c = spawn(process.execPath, ['-e', ${JSON.stringify(child)}], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });`,
      'c.unref();',
      "let text = '';",
      "await new Promise<void>((done) => c.stdout.on('data', (d) => { text += d; if (text.trim().split(/\\s+/).length >= 2) done(); }));",
      "console.log('pids', text.trim().split(/\\s+/).join(' '));",
      'await new Promise((r) => setTimeout(r, 50));',
      'while (true) {}',
    ].join('\n');
    for (const stop of ['interrupt', 'time limit'] as const) {
      const k = kernel(stop === 'interrupt' ? 30_000 : 3000);
      const r = recorder();
      const running = k.run(cell, 'Cell 1', r.sink);
      assert.ok(await waitUntil(() => r.events.some((e) => /^pids /.test(e.text ?? '')), 10_000), `${stop}: the cell printed its pids`);
      const pids = (r.events.find((e) => /^pids /.test(e.text ?? ''))?.text ?? '').trim().split(' ').slice(1).map(Number);
      assert.equal(pids.length, 2);
      for (const pid of pids) assert.ok(isProcessAlive(pid), `${stop}: ${pid} runs while the cell does`);
      if (stop === 'interrupt') k.interrupt();
      const out = await running;
      assert.equal(out.status, stop === 'interrupt' ? 'interrupted' : 'timeout');
      for (const pid of pids) assert.ok(await waitUntil(() => !isProcessAlive(pid), 2000), `${stop}: ${pid} is gone`);
    }
  });
});
