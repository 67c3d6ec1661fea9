/** Reads a captured or hand-written tool output from test/fixtures/perf/. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/perf');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Unwraps a Parsed<T>, failing the test with the parser's reason. */
export function ok<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new Error(`parse failed: ${r.reason}`);
  return r.value;
}
