/**
 * The test harness of a grading child process: the part of `node:test` that built-in tests use
 * (`test`/`it`, `describe`/`suite`, `before`/`after`/`beforeEach`/`afterEach`, `skip`/`todo`/
 * `timeout` options, `t.diagnostic`, `t.name`), with results written as signed records to the
 * grader's private channel (../resultChannel.ts).
 *
 * Why not node:test itself: its results pass through streams, event emitters and an async
 * reporter pipeline that live in the same process as the learner's code, and whose shared
 * objects the learner's code can reach. This harness is small enough to reason about: it runs
 * tests one after another, decides pass or fail from whether the test's function threw or its
 * promise rejected, and hands the record to the channel writer. Everything it calls was captured
 * when it loaded, before any learner module ran, and its exports are frozen by lockdown.ts.
 *
 * `only` (the grader's rerun of one test) runs just the test with that full name.
 */
import type { RunEvent, SerializedError } from '../core/runEvents';
import { serializeError } from './serializeError';

type TestFn = (t: TestContext) => unknown;
type HookFn = () => unknown;

interface TestOptions {
  readonly skip?: boolean | string;
  readonly todo?: boolean | string;
  /** Milliseconds; the test fails with a timeout when its promise has not settled by then. */
  readonly timeout?: number;
  readonly concurrency?: unknown;
  readonly only?: boolean;
}

export interface TestContext {
  readonly name: string;
  diagnostic(message: string): void;
}

interface TestEntry {
  readonly kind: 'test';
  readonly name: string;
  readonly fn: TestFn | undefined;
  readonly options: TestOptions;
}
interface SuiteEntry {
  readonly kind: 'suite';
  readonly name: string;
  readonly children: (TestEntry | SuiteEntry)[];
  readonly before: HookFn[];
  readonly after: HookFn[];
  readonly beforeEach: HookFn[];
  readonly afterEach: HookFn[];
  readonly options: TestOptions;
}

export interface HarnessDeps {
  readonly report: (event: RunEvent) => void;
  /** Full name of the one test to run, or undefined for all. */
  readonly only: string | undefined;
  readonly now: () => number;
  readonly setTimeout: (fn: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
  readonly setImmediate: (fn: () => void) => unknown;
  /** Called once every test has run and `end` was reported. */
  readonly done: () => void;
}

export interface Harness {
  /** What `require('node:test')` returns in the child. */
  readonly api: Record<string, unknown>;
  /** Reports an error that escaped a test (uncaught exception, unhandled rejection). */
  readonly uncaught: (error: unknown) => void;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';

export function createHarness(deps: HarnessDeps): Harness {
  const root: SuiteEntry = newSuite('', {});
  let current = root;
  let scheduled = false;
  let running = false;
  let loadFailed = false;
  /** The running test's failure sink, for errors that escape it (a throwing timer, say). */
  let escape: ((error: unknown) => void) | undefined;

  function newSuite(name: string, options: TestOptions): SuiteEntry {
    return { kind: 'suite', name, children: [], before: [], after: [], beforeEach: [], afterEach: [], options };
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // The test file registers its tests while it loads; they run once it has finished loading.
    deps.setImmediate(() => void runAll());
  }

  function args(a: unknown, b: unknown, c: unknown): { name: string; options: TestOptions; fn: unknown } {
    let name = typeof a === 'string' ? a : typeof a === 'function' && a.name ? a.name : '<anonymous>';
    let options: TestOptions = {};
    let fn: unknown;
    const rest = typeof a === 'string' ? [b, c] : [a, b];
    for (const x of rest) {
      if (typeof x === 'function') fn = x;
      else if (x !== null && typeof x === 'object') options = x as TestOptions;
    }
    if (typeof a !== 'string' && typeof a !== 'function') name = String(a);
    return { name, options, fn };
  }

  function test(a: unknown, b?: unknown, c?: unknown): Promise<void> {
    if (running) throw new Error('subtests (test() inside a running test) are not supported by the grader');
    const { name, options, fn } = args(a, b, c);
    current.children.push({ kind: 'test', name, fn: fn as TestFn | undefined, options });
    schedule();
    return Promise.resolve();
  }

  function describe(a: unknown, b?: unknown, c?: unknown): Promise<void> {
    if (running) throw new Error('describe() inside a running test is not supported by the grader');
    const { name, options, fn } = args(a, b, c);
    const suite = newSuite(name, options);
    current.children.push(suite);
    const outer = current;
    current = suite;
    try {
      const result = typeof fn === 'function' ? (fn as () => unknown)() : undefined;
      if (isThenable(result)) throw new Error(`describe('${name}') returned a promise: suites must register their tests synchronously`);
    } finally {
      current = outer;
    }
    schedule();
    return Promise.resolve();
  }

  const hook =
    (which: 'before' | 'after' | 'beforeEach' | 'afterEach') =>
    (fn: unknown): void => {
      if (typeof fn !== 'function') throw new TypeError(`${which}() needs a function`);
      current[which].push(fn as HookFn);
    };

  const withOption = (base: typeof test, option: 'skip' | 'todo' | 'only') => {
    return (a: unknown, b?: unknown, c?: unknown): Promise<void> => {
      const { name, options, fn } = args(a, b, c);
      return base(name, { ...options, [option]: true }, fn);
    };
  };

  /** Runs `fn`, waiting for its promise, bounded by `timeoutMs` when given. */
  function settle(fn: () => unknown, timeoutMs: number | undefined): Promise<SerializedError | undefined> {
    return new Promise<SerializedError | undefined>((resolve) => {
      let finished = false;
      let timer: unknown;
      const finish = (error: SerializedError | undefined): void => {
        if (finished) return;
        finished = true;
        escape = undefined;
        if (timer !== undefined) deps.clearTimeout(timer);
        resolve(error);
      };
      const fail = (error: unknown): void => finish(serializeError(error) ?? { name: 'Error', message: 'the test failed' });
      escape = fail;
      let result: unknown;
      try {
        result = fn();
      } catch (error) {
        fail(error);
        return;
      }
      if (!isThenable(result)) {
        finish(undefined);
        return;
      }
      if (timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs > 0) {
        timer = deps.setTimeout(
          () =>
            finish({
              name: 'Error',
              message: `test timed out after ${timeoutMs} ms`,
              failureType: 'testTimeoutFailure',
            }),
          timeoutMs,
        );
      }
      try {
        result.then(
          () => finish(undefined),
          (error: unknown) => fail(error ?? new Error('the test rejected with no reason')),
        );
      } catch (error) {
        fail(error);
      }
    });
  }

  async function runHooks(hooks: readonly HookFn[]): Promise<SerializedError | undefined> {
    for (const h of hooks) {
      const error = await settle(h, undefined);
      if (error) return { ...error, failureType: 'hookFailed' };
    }
    return undefined;
  }

  async function runTest(entry: TestEntry, path: readonly SuiteEntry[]): Promise<void> {
    const name = [...path.filter((s) => s !== root).map((s) => s.name), entry.name].join(' > ');
    if (deps.only !== undefined && name !== deps.only) return;
    if (entry.options.skip || entry.options.todo || path.some((s) => s.options.skip || s.options.todo) || !entry.fn) {
      deps.report({ type: 'test:skip', name });
      return;
    }
    deps.report({ type: 'test:start', name });
    const diagnostics: string[] = [];
    const context: TestContext = Object.freeze({
      name: entry.name,
      diagnostic: (message: string) => {
        diagnostics.push(String(message));
      },
    });
    const started = deps.now();
    const fn = entry.fn;
    let error = await runHooks(path.flatMap((s) => s.beforeEach));
    if (!error) error = await settle(() => fn(context), entry.options.timeout);
    const afterError = await runHooks(
      path
        .slice()
        .reverse()
        .flatMap((s) => s.afterEach),
    );
    error ??= afterError;
    const durationMs = deps.now() - started;
    deps.report(error ? { type: 'test:fail', name, durationMs, diagnostics, error } : { type: 'test:pass', name, durationMs, diagnostics });
  }

  function wanted(suite: SuiteEntry, path: readonly SuiteEntry[]): boolean {
    if (deps.only === undefined) return true;
    const prefix = [...path, suite].filter((s) => s !== root).map((s) => s.name);
    return suite.children.some((c) => (c.kind === 'test' ? [...prefix, c.name].join(' > ') === deps.only : wanted(c, [...path, suite])));
  }

  async function runSuite(suite: SuiteEntry, path: readonly SuiteEntry[]): Promise<void> {
    if (!wanted(suite, path)) return;
    const inner = [...path, suite];
    const beforeError = await runHooks(suite.before);
    for (const child of suite.children) {
      if (child.kind === 'suite') await runSuite(child, inner);
      else if (beforeError) {
        const name = [...inner.filter((s) => s !== root).map((s) => s.name), child.name].join(' > ');
        if (deps.only === undefined || name === deps.only)
          deps.report({ type: 'test:fail', name, durationMs: 0, diagnostics: [], error: beforeError });
      } else await runTest(child, inner);
    }
    await runHooks(suite.after);
  }

  async function runAll(): Promise<void> {
    if (loadFailed) return;
    running = true;
    await runSuite(root, []);
    running = false;
    deps.report({ type: 'end' });
    deps.done();
  }

  function uncaught(error: unknown): void {
    if (escape) {
      escape(error);
      return;
    }
    if (!running && !loadFailed) {
      // Before the tests run, an error that escapes means the test file (or the learner's module it
      // loads) did not load: no test can run.
      loadFailed = true;
      deps.report({ type: 'file:error', error: serializeError(error) ?? { name: 'Error', message: String(error) } });
      deps.done();
    }
    // After a test settled, a stray error from a timer it left behind fails nothing: the test's
    // verdict is already reported. It still shows in the output.
  }

  const api: Record<string, unknown> = {
    test,
    it: test,
    describe,
    suite: describe,
    before: hook('before'),
    after: hook('after'),
    beforeEach: hook('beforeEach'),
    afterEach: hook('afterEach'),
  };
  for (const f of [test, describe] as const) {
    Object.assign(f, { skip: withOption(f, 'skip'), todo: withOption(f, 'todo'), only: withOption(f, 'only') });
  }
  api['default'] = test;
  api['__esModule'] = true;
  return { api, uncaught };
}
