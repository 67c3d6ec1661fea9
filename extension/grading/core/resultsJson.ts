/**
 * results.json in the spirit of Exercism's test-runner interface, version 3
 * (https://exercism.org/docs/building/tooling/test-runners/interface), extended with points:
 *
 *   {
 *     "version": 3,
 *     "status": "pass" | "fail" | "error",   // error: nothing could be graded at all
 *     "message"?: string,                     // only with "error"
 *     "points": number, "max_points": number, // partial credit: sum over tests
 *     "passed": number, "total": number,
 *     "tests": [{
 *       "name": "<lab>/<exercise>: <test>",
 *       "status": "pass" | "fail" | "error",  // Exercism's three; timeout and crash are "error"
 *       "reason"?: "timeout" | "crash",       // which kind of error
 *       "message"?: string, "output"?: string, "test_code"?: string,
 *       "expected"?: string, "actual"?: string, "location"?: "file:line:column",
 *       "seed"?: string, "replay"?: string,
 *       "points": number, "max_points": number, "duration_ms": number,
 *       "lab": string, "exercise": string, "test_file": string
 *     }]
 *   }
 *
 * Exercism omits `message` and `output` on a pass; so do we.
 */
import type { GradeReport, TestResult } from './gradeTypes';

export interface ResultsJson {
  readonly version: 3;
  readonly status: 'pass' | 'fail' | 'error';
  readonly message?: string;
  readonly points: number;
  readonly max_points: number;
  readonly passed: number;
  readonly total: number;
  readonly tests: readonly Record<string, unknown>[];
}

/** `testCode` returns a test's source (from the static scan), when known. */
export function buildResultsJson(
  report: GradeReport,
  testCode: (labId: string, exerciseId: string, test: TestResult) => string | undefined = () => undefined,
): ResultsJson {
  const tests = report.exercises.flatMap((e) =>
    e.tests.map((t) => {
      const code = testCode(e.labId, e.exerciseId, t);
      const status = t.status === 'pass' || t.status === 'fail' ? t.status : 'error';
      return {
        name: `${e.labId}/${e.exerciseId}: ${t.name}`,
        status,
        ...(status === 'error' ? { reason: t.status } : {}),
        ...(t.status !== 'pass' && t.message ? { message: t.message } : {}),
        ...(t.status !== 'pass' && t.output ? { output: t.output } : {}),
        ...(code !== undefined ? { test_code: code } : {}),
        ...(t.expected !== undefined ? { expected: t.expected } : {}),
        ...(t.actual !== undefined ? { actual: t.actual } : {}),
        ...(t.location ? { location: `${t.location.file}:${t.location.line}:${t.location.column}` } : {}),
        ...(t.seed !== undefined ? { seed: t.seed, replay: t.replayHint } : {}),
        points: t.points,
        max_points: t.maxPoints,
        duration_ms: Math.round(t.durationMs * 1000) / 1000,
        lab: e.labId,
        exercise: e.exerciseId,
        test_file: t.testFile,
      };
    }),
  );
  const totals = { points: report.points, max_points: report.maxPoints, passed: report.passed, total: report.total, tests };
  if (report.total === 0) return { version: 3, status: 'error', message: 'No tests were run: no started exercise was found.', ...totals };
  return { version: 3, status: report.passed === report.total ? 'pass' : 'fail', ...totals };
}
