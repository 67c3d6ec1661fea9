/**
 * JUnit XML for CI systems, in the common dialect that Jenkins, GitLab and GitHub test
 * reporters read: one <testsuite> per exercise, one <testcase> per test; a failing assertion is
 * <failure>, a timeout or crash is <error>. Points go into <properties>.
 *
 *   <testsuites name="ddia-labs" tests failures errors time>
 *     <testsuite name="<lab>/<exercise>" tests failures errors skipped="0" time>
 *       <properties><property name="points" value/><property name="max_points" value/></properties>
 *       <testcase classname="<lab>.<exercise>" name file time>
 *         <failure message type>details</failure> | <error message type="timeout|crash">…</error>
 *         <system-out>…</system-out>
 *       </testcase>
 *
 * Times are seconds. Text is escaped for XML, and characters XML 1.0 cannot contain (most
 * control characters, e.g. from ANSI colours in output) are dropped.
 */
import type { ExerciseResult, GradeReport, TestResult } from './gradeTypes';

// Tab, newline and carriage return are the only C0 controls XML 1.0 allows; lone surrogates and U+FFFE/U+FFFF are not characters.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANSI = /\u001B\[[0-9;]*[A-Za-z]/g;

export function escapeXml(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function testcase(e: ExerciseResult, t: TestResult): string {
  const attrs = `classname="${escapeXml(`${e.labId}.${e.exerciseId}`)}" name="${escapeXml(t.name)}" file="${escapeXml(t.testFile)}" time="${seconds(t.durationMs)}"`;
  if (t.status === 'pass') return `    <testcase ${attrs}/>`;
  const details = [
    t.message,
    t.expected !== undefined ? `expected:\n${t.expected}` : '',
    t.actual !== undefined ? `actual:\n${t.actual}` : '',
    t.location ? `at ${t.location.file}:${t.location.line}:${t.location.column}` : '',
    t.replayHint ?? '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const firstLine = t.message.split('\n')[0] ?? '';
  const element = t.status === 'fail' ? 'failure' : 'error';
  const type = t.status === 'fail' ? (t.errorType ?? 'Error') : t.status;
  const lines = [
    `    <testcase ${attrs}>`,
    `      <${element} message="${escapeXml(firstLine)}" type="${type}">${escapeXml(details)}</${element}>`,
  ];
  if (t.output) lines.push(`      <system-out>${escapeXml(t.output)}</system-out>`);
  lines.push('    </testcase>');
  return lines.join('\n');
}

export function buildJUnitXml(report: GradeReport): string {
  const count = (tests: readonly TestResult[], pick: (t: TestResult) => boolean): number => tests.filter(pick).length;
  const isError = (t: TestResult): boolean => t.status === 'timeout' || t.status === 'crash';
  const all = report.exercises.flatMap((e) => e.tests);
  const totalMs = all.reduce((s, t) => s + t.durationMs, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ddia-labs" tests="${all.length}" failures="${count(all, (t) => t.status === 'fail')}" errors="${count(all, isError)}" time="${seconds(totalMs)}">`,
  ];
  for (const e of report.exercises) {
    const ms = e.tests.reduce((s, t) => s + t.durationMs, 0);
    out.push(
      `  <testsuite name="${escapeXml(`${e.labId}/${e.exerciseId}`)}" tests="${e.tests.length}" failures="${count(e.tests, (t) => t.status === 'fail')}" errors="${count(e.tests, isError)}" skipped="0" time="${seconds(ms)}">`,
      `    <properties>`,
      `      <property name="points" value="${e.points}"/>`,
      `      <property name="max_points" value="${e.maxPoints}"/>`,
      `    </properties>`,
      ...e.tests.map((t) => testcase(e, t)),
    );
    if (e.output) out.push(`    <system-out>${escapeXml(e.output)}</system-out>`);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
