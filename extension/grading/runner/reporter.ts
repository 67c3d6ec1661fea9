/**
 * A node:test custom reporter that writes the grader's line records (see core/runEvents.ts).
 * It runs inside the grading child process, so it is the one place that can look at the live
 * AssertionError and render `actual` and `expected` for a diff.
 */
import { inspect } from 'node:util';
import { formatRunEvent, READY_RECORD, type RunEvent, type SerializedError } from '../core/runEvents';

interface ReporterEvent {
  readonly type: string;
  readonly data?: {
    readonly name?: string;
    readonly nesting?: number;
    readonly file?: string;
    readonly line?: number;
    readonly column?: number;
    readonly message?: string;
    readonly count?: number;
    readonly skip?: unknown;
    readonly todo?: unknown;
    readonly details?: { readonly duration_ms?: number; readonly type?: string; readonly error?: unknown };
  };
}

/** Strings are shown as they are (the common case, and the most readable diff); anything else inspected. */
export function displayValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return inspect(value, { depth: 8, breakLength: 80, sorted: true, compact: false, maxArrayLength: 200, maxStringLength: 10_000 });
}

export function serializeError(raw: unknown): SerializedError | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object') return { name: 'Error', message: String(raw) };
  const outer = raw as Record<string, unknown>;
  // node:test wraps what the test threw in ERR_TEST_FAILURE; the interesting error is its cause.
  const wrapped = outer['code'] === 'ERR_TEST_FAILURE' && outer['cause'] !== undefined;
  const inner = wrapped ? outer['cause'] : raw;
  const failureType = typeof outer['failureType'] === 'string' ? outer['failureType'] : undefined;
  if (typeof inner !== 'object' || inner === null) {
    return { name: 'Error', message: `the test threw a non-error value: ${displayValue(inner)}`, ...(failureType ? { failureType } : {}) };
  }
  const e = inner as Record<string, unknown>;
  const isAssertion = e['code'] === 'ERR_ASSERTION' || e['name'] === 'AssertionError';
  const out: { -readonly [K in keyof SerializedError]: SerializedError[K] } = {
    name: typeof e['name'] === 'string' ? e['name'] : 'Error',
    message: typeof e['message'] === 'string' ? e['message'] : String(inner),
  };
  if (typeof e['code'] === 'string') out.code = e['code'];
  if (typeof e['stack'] === 'string') out.stack = e['stack'];
  if (failureType) out.failureType = failureType;
  if (isAssertion && typeof e['operator'] === 'string') {
    out.operator = e['operator'];
    // `assert.ok(false)` and `assert.fail()` carry no meaningful pair of values to compare.
    if ('expected' in e && 'actual' in e && e['operator'] !== 'fail') {
      out.actual = displayValue(e['actual']);
      out.expected = displayValue(e['expected']);
    }
  }
  return out;
}

export function toRunEvent(event: ReporterEvent): RunEvent | undefined {
  const d = event.data ?? {};
  const nesting = d.nesting ?? 0;
  switch (event.type) {
    case 'test:start':
      return { type: 'test:start', name: d.name ?? '', nesting };
    case 'test:pass':
    case 'test:fail': {
      const error = event.type === 'test:fail' ? serializeError(d.details?.error) : undefined;
      return {
        type: event.type,
        name: d.name ?? '',
        nesting,
        ...(d.file !== undefined ? { file: d.file } : {}),
        ...(d.line !== undefined ? { line: d.line } : {}),
        ...(d.column !== undefined ? { column: d.column } : {}),
        durationMs: d.details?.duration_ms ?? 0,
        skip: d.skip !== undefined && d.skip !== false,
        todo: d.todo !== undefined && d.todo !== false,
        suite: d.details?.type === 'suite',
        ...(error ? { error } : {}),
      };
    }
    case 'test:diagnostic':
      return { type: 'test:diagnostic', nesting, message: d.message ?? '' };
    case 'test:plan':
      return { type: 'test:plan', nesting, count: d.count ?? 0 };
    default:
      return undefined;
  }
}

let announcedReady = false;

/** Tells the grader that the child is up; the time limit starts now. Once per process. */
export function announceReady(): void {
  if (announcedReady) return;
  announcedReady = true;
  process.stdout.write(READY_RECORD);
}

/**
 * Writes each record straight to stdout instead of yielding it to node:test's output stream,
 * which is asynchronous: a test that loops forever would otherwise take the results of the
 * tests before it down with it. Nothing is yielded.
 */
export default async function* graderReporter(source: AsyncIterable<ReporterEvent>): AsyncGenerator<string> {
  announceReady();
  for await (const event of source) {
    const record = toRunEvent(event);
    if (record) process.stdout.write(formatRunEvent(record));
  }
  process.stdout.write(formatRunEvent({ type: 'end' }));
  yield* [];
}
