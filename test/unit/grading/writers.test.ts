/**
 * The result writers: results.json (Exercism v3 shape with points), JUnit XML (checked for
 * well-formedness with a strict XML parser, with hostile text in names and messages), and the
 * text report.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { formatReport } from '../../../extension/grading/core/formatReport';
import { summarize, type ExerciseResult, type TestResult } from '../../../extension/grading/core/gradeTypes';
import { buildJUnitXml, escapeXml } from '../../../extension/grading/core/junitXml';
import { buildResultsJson } from '../../../extension/grading/core/resultsJson';

interface SaxParser {
  onerror: (e: Error) => void;
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
  ontext: (t: string) => void;
  write(s: string): SaxParser;
  close(): void;
}
// sax is installed (a dependency of the packaging tools); it has no bundled types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as { parser(strict: boolean): SaxParser };

const HOSTILE = 'a <b> & "c" \'d\' \u001b[31mred\u001b[0m \u0000\u0007 ]]> end';

function t(name: string, status: TestResult['status'], extra: Partial<TestResult> = {}): TestResult {
  return {
    name,
    testFile: 'ex.test.ts',
    status,
    message: status === 'pass' ? '' : `${status}: ${HOSTILE}`,
    durationMs: 12.5,
    points: status === 'pass' ? 2 : 0,
    maxPoints: 2,
    output: '',
    ...extra,
  };
}

const exercise: ExerciseResult = {
  labId: 'lab',
  exerciseId: 'ex',
  title: 'Ex',
  exerciseDir: '/ws/lab',
  tests: [
    t('passes', 'pass'),
    t(`fails ${HOSTILE}`, 'fail', {
      expected: '<1>',
      actual: '&2',
      location: { file: '/ws/lab/a.ts', line: 3, column: 4 },
      output: HOSTILE,
      errorType: 'AssertionError',
    }),
    t('hangs', 'timeout'),
    t('dies', 'crash', { seed: '7', replayHint: 'replay with --seed 7' }),
  ],
  points: 2,
  maxPoints: 8,
  output: 'printed <stuff>',
};
const report = summarize([exercise]);

function parseXml(xml: string): { tags: { name: string; attributes: Record<string, string> }[]; text: string } {
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  let text = '';
  const p = sax.parser(true);
  p.onerror = (e) => {
    throw e;
  };
  p.onopentag = (tag) => tags.push(tag);
  p.ontext = (s) => (text += s);
  p.write(xml).close();
  return { tags, text };
}

describe('results.json', () => {
  test('has the Exercism v3 shape with points, partial credit and error reasons', () => {
    const json = buildResultsJson(report, (_l, _e, test) => (test.name === 'passes' ? "test('passes')" : undefined));
    assert.equal(json.version, 3);
    assert.equal(json.status, 'fail');
    assert.deepEqual([json.points, json.max_points, json.passed, json.total], [2, 8, 1, 4]);
    assert.deepEqual(
      json.tests.map((x) => [x['status'], x['reason']]),
      [
        ['pass', undefined],
        ['fail', undefined],
        ['error', 'timeout'],
        ['error', 'crash'],
      ],
    );
    assert.equal(json.tests[0]?.['message'], undefined, 'a pass has no message');
    assert.equal(json.tests[0]?.['test_code'], "test('passes')");
    assert.equal(json.tests[1]?.['location'], '/ws/lab/a.ts:3:4');
    assert.equal(json.tests[3]?.['seed'], '7');
    assert.equal(json.tests[0]?.['name'], 'lab/ex: passes');
    assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
  });

  test('all passing is "pass"; nothing graded is "error" with a message', () => {
    const allPass = summarize([{ ...exercise, tests: [t('a', 'pass')], points: 2, maxPoints: 2 }]);
    assert.equal(buildResultsJson(allPass).status, 'pass');
    const none = buildResultsJson(summarize([]));
    assert.equal(none.status, 'error');
    assert.match(none.message ?? '', /No tests were run/);
  });
});

describe('JUnit XML', () => {
  test('is well formed with hostile names, messages and output, and counts failures and errors', () => {
    const xml = buildJUnitXml(report);
    const { tags, text } = parseXml(xml);
    const suites = tags.find((x) => x.name === 'testsuites');
    assert.deepEqual([suites?.attributes['tests'], suites?.attributes['failures'], suites?.attributes['errors']], ['4', '1', '2']);
    const cases = tags.filter((x) => x.name === 'testcase');
    assert.equal(cases.length, 4);
    assert.equal(cases[1]?.attributes['name'], 'fails a <b> & "c" \'d\' red  ]]> end');
    assert.equal(tags.filter((x) => x.name === 'failure').length, 1);
    assert.deepEqual(
      tags.filter((x) => x.name === 'error').map((x) => x.attributes['type']),
      ['timeout', 'crash'],
    );
    assert.equal(tags.find((x) => x.name === 'property' && x.attributes['name'] === 'points')?.attributes['value'], '2');
    assert.match(text, /expected:\n<1>/);
    assert.match(text, /replay with --seed 7/);
  });

  test('escapeXml escapes markup and drops characters XML cannot hold', () => {
    assert.equal(escapeXml('<a href="x">&\'</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    assert.equal(escapeXml('ok\u0000\u0008\u001b[1mbold\u001b[0m\ttab\n\uD800lone'), 'okbold\ttab\nlone');
    assert.equal(escapeXml('emoji 😀 stays'), 'emoji 😀 stays');
  });
});

describe('text report', () => {
  test('shows each status, the diff, the location, the replay hint and the total', () => {
    const text = formatReport(report);
    assert.match(text, /PASS  passes/);
    assert.match(text, /FAIL  fails/);
    assert.match(text, /TIME  hangs/);
    assert.match(text, /CRASH dies/);
    assert.match(text, /expected:\n\s+<1>\n\s+actual:\n\s+&2/);
    assert.match(text, /at \/ws\/lab\/a\.ts:3:4/);
    assert.match(text, /replay with --seed 7/);
    assert.match(text, /1\/4 tests passed, 2\/8 points \(25%\)$/);
  });
});
