/** The readable grade report the CLI prints: one line per test, details under failures, a total. */
import type { GradeReport, TestResult } from './gradeTypes';

const MARK: Record<TestResult['status'], string> = { pass: 'PASS', fail: 'FAIL', timeout: 'TIME', crash: 'CRASH' };

function indent(text: string, by: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

export function formatReport(report: GradeReport): string {
  const lines: string[] = [];
  for (const e of report.exercises) {
    lines.push(`${e.labId}/${e.exerciseId} — ${e.title}  (${e.points}/${e.maxPoints} points)`);
    for (const t of e.tests) {
      lines.push(`  ${MARK[t.status].padEnd(5)} ${t.name}`);
      if (t.status === 'pass') continue;
      lines.push(indent(t.message, '          '));
      if (t.expected !== undefined && t.actual !== undefined) {
        lines.push('          expected:', indent(t.expected, '            '), '          actual:', indent(t.actual, '            '));
      }
      if (t.location) lines.push(`          at ${t.location.file}:${t.location.line}:${t.location.column}`);
      if (t.replayHint) lines.push(`          ${t.replayHint}`);
    }
    lines.push('');
  }
  const pct = report.maxPoints > 0 ? Math.round((100 * report.points) / report.maxPoints) : 0;
  lines.push(`${report.passed}/${report.total} tests passed, ${report.points}/${report.maxPoints} points (${pct}%)`);
  return lines.join('\n');
}
