/**
 * `ddia-labs grade` end to end, in an installed layout (dist/catalog.json and dist/grader-runner.js
 * beside labs/): a freshly started lab fails (exit 1), the reference solution passes (exit 0),
 * results.json and JUnit XML are written and parse, and bad arguments exit 2.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { scanLabs } from '../../../extension/catalog/labScan';
import { runCliCaptured, type CliResult } from '../cli/captureCli';
import { buildRunnerBundle, REPO, tempDir } from './graderHarness';

let distDir = '';
const cli = (...argv: string[]): Promise<CliResult> => runCliCaptured(argv, distDir);

describe('ddia-labs grade', () => {
  before(() => {
    const install = tempDir('install');
    distDir = path.join(install, 'dist');
    fs.mkdirSync(distDir);
    fs.writeFileSync(path.join(distDir, 'catalog.json'), JSON.stringify(scanLabs(path.join(REPO, 'labs'), REPO).catalog));
    fs.copyFileSync(buildRunnerBundle(), path.join(distDir, 'grader-runner.js'));
    fs.symlinkSync(path.join(REPO, 'labs'), path.join(install, 'labs'), 'dir');
  });

  test('a started lab fails with exit 1 and writes results; with the reference in place it passes with exit 0', async () => {
    const ws = tempDir('ws');
    assert.equal((await cli('start', 'hash-index-log', '--workspace', ws)).code, 0);
    const json = path.join(ws, 'out', 'results.json');
    const junit = path.join(ws, 'out', 'junit.xml');
    // One exercise of the lab: the lab has others (compaction), graded the same way.
    const failing = await cli('grade', 'hash-index-log/kv-log', '--workspace', ws, '--json', json, '--junit', junit);
    assert.equal(failing.code, 1, failing.out + failing.err);
    assert.match(failing.out, /FAIL {2}put then get returns the value/);
    assert.match(failing.out, /0\/5 tests passed, 0\/5 points/);
    const results = JSON.parse(fs.readFileSync(json, 'utf8')) as {
      version: number;
      status: string;
      tests: { status: string; test_code?: string }[];
    };
    assert.equal(results.version, 3);
    assert.equal(results.status, 'fail');
    assert.equal(results.tests.length, 5);
    assert.match(results.tests[0]?.test_code ?? '', /^test\('put then get returns the value'/);
    assert.match(
      fs.readFileSync(junit, 'utf8'),
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ddia-labs" tests="5" failures="5"/,
    );

    fs.copyFileSync(path.join(REPO, 'labs/hash-index-log/reference/kv-log.ts'), path.join(ws, 'ddia-labs/hash-index-log/kv-log.ts'));
    const passing = await cli('grade', 'hash-index-log/kv-log', '--workspace', ws, '--json', json);
    assert.equal(passing.code, 0, passing.out + passing.err);
    assert.match(passing.out, /5\/5 tests passed, 5\/5 points \(100%\)/);
    assert.equal((JSON.parse(fs.readFileSync(json, 'utf8')) as { status: string }).status, 'pass');
  });

  test('bad arguments exit 2 with a reason', async () => {
    const ws = tempDir('ws-bad');
    const cases: [string[], RegExp][] = [
      [['grade'], /missing '--workspace DIR'/],
      [['grade', 'no-such-lab', '--workspace', ws], /no lab 'no-such-lab'/],
      [['grade', 'hash-index-log/nope', '--workspace', ws], /has no exercise 'nope'/],
      [['grade', 'hash-index-log', '--workspace', ws], /is not in .*ddia-labs start hash-index-log/],
      [['grade', '--workspace', ws, '--timeout', 'soon'], /'--timeout' needs a positive number/],
      [['grade', '--workspace', ws, '--bogus'], /unknown option '--bogus'/],
    ];
    for (const [argv, reason] of cases) {
      const r = await cli(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, reason);
    }
  });

  test('with no lab started there is nothing to grade: exit 1 and a hint', async () => {
    const r = await cli('grade', '--workspace', tempDir('ws-empty'));
    assert.equal(r.code, 1);
    assert.match(r.err, /no started lab with exercises/);
  });
});
