/**
 * Turns whatever a test threw into the JSON-safe error a record carries. It runs inside the
 * grading child, the one place that can look at the live AssertionError and render `actual` and
 * `expected` for a diff.
 *
 * A thrown value may be anything the learner's code made: an object without a prototype, one
 * whose getters or `toString` throw, a revoked Proxy. Every read is guarded, and whatever fails
 * to render becomes a plain description, so serializing never throws and a failure is always
 * reported as a failure.
 */
import * as util from 'node:util';
import type { SerializedError } from '../core/runEvents';

// Captured while the runner loads, before any learner module can replace them.
const inspect = util.inspect;

const MAX_TEXT = 20_000;

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** Strings are shown as they are (the common case, and the most readable diff); anything else inspected. */
export function displayValue(value: unknown): string {
  if (typeof value === 'string') return clip(value);
  return clip(
    safe(
      () =>
        inspect(value, {
          depth: 8,
          breakLength: 80,
          sorted: true,
          compact: false,
          maxArrayLength: 200,
          maxStringLength: 10_000,
          customInspect: false,
        }),
      '<a value that cannot be displayed>',
    ),
  );
}

function readString(o: Record<string, unknown>, key: string): string | undefined {
  return safe(() => {
    const v = o[key];
    return typeof v === 'string' ? v : undefined;
  }, undefined);
}

export function serializeError(raw: unknown): SerializedError | undefined {
  if (raw === undefined || raw === null) return raw === null ? { name: 'Error', message: 'the test threw null' } : undefined;
  if (typeof raw !== 'object' && typeof raw !== 'function') {
    return { name: 'Error', message: `the test threw a non-error value: ${displayValue(raw)}` };
  }
  const e = raw as Record<string, unknown>;
  const name = readString(e, 'name');
  const message = readString(e, 'message');
  if (name === undefined && message === undefined) {
    return { name: 'Error', message: `the test threw a non-error value: ${displayValue(raw)}` };
  }
  const code = readString(e, 'code');
  const isAssertion = code === 'ERR_ASSERTION' || name === 'AssertionError';
  const out: { -readonly [K in keyof SerializedError]: SerializedError[K] } = {
    name: name ?? 'Error',
    message: clip(message ?? ''),
  };
  if (code !== undefined) out.code = code;
  const stack = readString(e, 'stack');
  if (stack !== undefined) out.stack = clip(stack);
  const operator = readString(e, 'operator');
  if (isAssertion && operator !== undefined) {
    out.operator = operator;
    // `assert.ok(false)` and `assert.fail()` carry no meaningful pair of values to compare.
    const hasPair = safe(() => 'expected' in e && 'actual' in e, false);
    if (hasPair && operator !== 'fail') {
      out.actual = displayValue(safe(() => e['actual'], '<unreadable>'));
      out.expected = displayValue(safe(() => e['expected'], '<unreadable>'));
    }
  }
  return out;
}
