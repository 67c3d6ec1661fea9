/**
 * `ddia-labs run` on lab files: exit 0 when every cell succeeds, 1 when a cell throws or shows an
 * output its view would refuse (later cells are reported as skipped), 2 on bad arguments; --json
 * reports statuses and MIME types.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { runCli } from '../../../extension/cli/main';
import { kernelBundle } from '../kernel/kernelBundle';

function capture(distDir: string): { io: Parameters<typeof runCli>[1]; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), distDir }, out, err };
}

function labFile(body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-run-test-'));
  const file = path.join(dir, 'demo.lab.md');
  fs.writeFileSync(file, `---\nid: demo\n---\n\n# Demo\n\n${body}`);
  return file;
}

describe('ddia-labs run', () => {
  let distDir: string;
  before(async () => {
    distDir = path.dirname(await kernelBundle());
  });

  test('every cell succeeds → exit 0, with output MIME types', async () => {
    const file = labFile("```ts\nimport { table } from 'ddia-labs';\nconsole.log('hi');\n```\n\n```ts\ntable([{ a: 1 }])\n```\n");
    const c = capture(distDir);
    const code = await runCli(['run', file, '--json'], c.io);
    assert.equal(code, 0, c.err.join('\n'));
    const report = JSON.parse(c.out.join('\n')) as { ok: boolean; cells: { status: string; mimeTypes: string[] }[] };
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.cells.map((x) => x.status),
      ['ok', 'ok'],
    );
    assert.ok(report.cells[1]?.mimeTypes.includes('application/vnd.ddia-labs.table+json'));
  });

  test('an output its view would refuse to draw fails the run, naming the MIME type and the problem', async () => {
    const bad = "{ version: 1, kind: 'line', series: [{ name: 's', points: [[0, 'x']] }] }";
    const file = labFile(
      `\`\`\`ts\nimport { DISPLAYABLE } from 'ddia-labs';\nconst out = { [DISPLAYABLE]: () => ({ items: [{ mime: 'application/vnd.ddia-labs.chart+json', data: ${bad} }], text: 'a chart' }) };\nout\n\`\`\`\n\n\`\`\`ts\n1\n\`\`\`\n`,
    );
    const c = capture(distDir);
    const code = await runCli(['run', file], c.io);
    assert.equal(code, 1);
    const text = c.out.join('\n');
    assert.match(text, /✖ cell 1 {2}error/);
    assert.match(
      text,
      /the application\/vnd\.ddia-labs\.chart\+json output cannot be drawn: series\[0\]\.points\[0\]\[1\]: expected a number, got "x"/,
    );
    assert.match(text, /- cell 2 {2}skipped/);
  });

  test('a throwing cell → exit 1, the error shown, later cells skipped', async () => {
    const file = labFile("```ts\nconst a = 1;\n```\n\n```ts\nthrow new Error('lab broke');\n```\n\n```ts\na\n```\n");
    const c = capture(distDir);
    const code = await runCli(['run', file], c.io);
    assert.equal(code, 1);
    const text = c.out.join('\n');
    assert.match(text, /✖ cell 2 {2}error/);
    assert.match(text, /lab broke/);
    assert.match(text, /- cell 3 {2}skipped/);
  });

  test('a claim that holds is shown and counted; one that does not fails the run, and later cells still run', async () => {
    const file = labFile(
      "```ts\nimport { shouldSee } from 'ddia-labs';\nshouldSee('two is more than one', 2 > 1, '2 > 1');\n```\n\n```ts\nshouldSee('one is more than two', 1 > 2, '1 vs 2');\n```\n\n```ts\nshouldSee('still checked', true);\n```\n",
    );
    const c = capture(distDir);
    const code = await runCli(['run', file, '--json'], c.io);
    assert.equal(code, 1);
    const report = JSON.parse(c.out.join('\n')) as {
      ok: boolean;
      cells: { status: string; error?: string; claims?: { text: string; holds: boolean; detail?: string }[] }[];
    };
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.cells.map((x) => x.status),
      ['ok', 'claim-failed', 'ok'],
    );
    assert.deepEqual(report.cells[0]?.claims, [{ version: 1, text: 'two is more than one', holds: true, detail: '2 > 1' }]);
    assert.match(report.cells[1]?.error ?? '', /the lab says "one is more than two", but this run did not show it \(1 vs 2\)/);
  });

  test('a deliberately broken copy of a shipped lab fails: its output no longer supports its prose', async () => {
    // hash-index-log says compaction leaves the files near the size of the live data; a copy whose
    // compaction cell no longer compacts still runs without an error, and only its claim notices.
    const source = fs.readFileSync(path.join(__dirname, '../../../labs/hash-index-log/hash-index-log.lab.md'), 'utf8');
    const compact = 'const result = store.engine.compact();';
    assert.equal(source.split(compact).length, 2, 'the lab compacts exactly once');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-run-broken-'));
    const file = path.join(dir, 'hash-index-log.lab.md');
    fs.writeFileSync(file, source.replace(compact, 'const result = { inputSegments: 0, outputSegments: 0 };'));
    const c = capture(distDir);
    const code = await runCli(['run', file], c.io);
    assert.equal(code, 1, c.out.join('\n'));
    const text = c.out.join('\n');
    assert.match(text, /✖ cell 4 \(compaction\) {2}claim-failed/);
    assert.match(text, /the lab says "after compaction the files hold little more than the live data/);
    assert.match(text, /FAILED: the lab's claims about its outputs did not all hold/);
  });

  test('bad arguments exit 2 with a usage line', async () => {
    const c = capture(distDir);
    assert.equal(await runCli(['run'], c.io), 2);
    assert.match(c.err.join('\n'), /usage: ddia-labs run/);
    const d = capture(distDir);
    assert.equal(await runCli(['run', 'x.lab.md', '--timeout', 'soon'], d.io), 2);
  });
});
