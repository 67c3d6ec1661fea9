/**
 * The CLI at its edges: `ddia-labs run` refuses a malformed lab file with exit 2 and a message
 * naming the file, the line and the problem (before any kernel starts); numeric options out of
 * range are usage errors (exit 2), e.g. a `--timeout` past setTimeout's ceiling; `--labs-folder`
 * must stay inside the workspace.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { scanLabs } from '../../../extension/catalog/labScan';
import { numberFlag, UsageError } from '../../../extension/cli/args';
import { runCliCaptured, type CliResult } from './captureCli';
import { createRandom } from '../../../extension/util/prng';

const root = path.resolve(__dirname, '../../..');

let distDir = '';
const cli = (...argv: string[]): Promise<CliResult> => runCliCaptured(argv, distDir);

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ddia-cli-input-${name}-`));
}

before(() => {
  // A throwaway installation: dist/catalog.json next to a copy of labs/ (no kernel needed: a bad
  // file is refused before one starts).
  const install = tempDir('install');
  distDir = path.join(install, 'dist');
  fs.mkdirSync(distDir);
  fs.cpSync(path.join(root, 'labs'), path.join(install, 'labs'), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(install, 'package.json'));
  fs.writeFileSync(path.join(distDir, 'catalog.json'), JSON.stringify(scanLabs(path.join(install, 'labs'), install).catalog));
});

describe('ddia-labs run refuses malformed lab files with exit 2', () => {
  const rng = createRandom(11);
  const random = new Uint8Array(3 * 1024 * 1024).map(() => rng.int(256));
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['bad YAML front matter', '---\nid: x\ntitle: [unclosed\n---\n\n```ts\n1\n```\n', /bad\.lab\.md:3: front matter is not valid YAML: /],
    ['no front matter', '# Title\n\n```ts\n1\n```\n', /bad\.lab\.md:1: no front matter: a lab file starts with a '---' line/],
    ['3 MB of random bytes', random, /bad\.lab\.md:1: file is larger than the 2 MB a lab may have \(3\.0 MB\)/],
    ['random bytes under the size limit', random.subarray(0, 4096), /bad\.lab\.md:\d+: not a text file: /],
    ['a NUL byte', '---\nid: x\n---\n\n```ts\n1\0\n```\n', /bad\.lab\.md:6: not a text file: a NUL byte at byte offset \d+/],
    ['an empty file', '', /bad\.lab\.md:1: the file is empty/],
    [
      'wrong types in the front matter',
      '---\nid: x\nchapter: [1]\n---\n\n```ts\n1\n```\n',
      /bad\.lab\.md:3: field 'chapter': must be a chapter number, got a list/,
    ],
    ['no code cells', '---\nid: x\n---\n\n# Only prose\n', /bad\.lab\.md:4: no code cells/],
  ];
  for (const [name, content, expected] of cases) {
    test(name, async () => {
      const dir = tempDir('run');
      const file = path.join(dir, 'bad.lab.md');
      fs.writeFileSync(file, content);
      const r = await cli('run', file);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, expected);
      assert.ok(r.err.startsWith(`ddia-labs run: ${file}:`), r.err);
      assert.doesNotMatch(r.err, /usage:/, 'a bad file is not a usage mistake');
      assert.equal(r.out, '', 'nothing ran');
    });
  }

  test('a folder or a device is not a lab file', async () => {
    const dir = tempDir('run-dir');
    const r = await cli('run', dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /not a lab file \(it is a folder\)/);
    if (fs.existsSync('/dev/zero')) {
      const z = await cli('run', '/dev/zero');
      assert.equal(z.code, 2);
      assert.match(z.err, /not a lab file \(it is a special file\)/);
    }
  });
});

describe('numeric options are bounded', () => {
  const usage: [string[], RegExp][] = [
    [['run', 'x.lab.md', '--timeout', '3000000'], /'--timeout' needs a positive number of seconds from 1 to 3600, not '3000000'/],
    [['run', 'x.lab.md', '--timeout', '0'], /from 1 to 3600, not '0'/],
    [['run', 'x.lab.md', '--timeout', 'NaN'], /not 'NaN'/],
    [['run', 'x.lab.md', '--timeout', 'Infinity'], /not 'Infinity'/],
    [
      ['grade', '--workspace', '/tmp', '--timeout', '3000000'],
      /'--timeout' needs a positive number of seconds from 1 to 3600, not '3000000'/,
    ],
    [['grade', '--workspace', '/tmp', '--timeout', '-5'], /not '-5'/],
    [['grade', '--workspace', '/tmp', '--seed', '99999999999999999999'], /'--seed' needs an integer from/],
    [['bench', 'lookup', '--samples', '1e9'], /--samples must be an integer from 5 to 1000/],
    [['use', '--seconds', '1e9'], /--seconds must be from 0\.1 to 600/],
    [['checklist', '--timeout', '3000000'], /--timeout must be from 1 to 600 seconds/],
    [['sim', 'x', '--seed', '-1'], /--seed must be an integer from 0 to 4294967295/],
  ];
  for (const [argv, expected] of usage) {
    test(`${argv.join(' ')} → exit 2`, async () => {
      const r = await cli(...argv);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, expected);
    });
  }

  test('numberFlag: default, bounds, integers', () => {
    const b = { min: 1, max: 10, integer: true };
    assert.equal(numberFlag({}, 'n', 5, b), 5);
    assert.equal(numberFlag({ n: '10' }, 'n', 5, b), 10);
    for (const bad of ['0', '11', '2.5', '', ' ', 'x', '0x', 'Infinity'])
      assert.throws(() => numberFlag({ n: bad }, 'n', 5, b), UsageError, bad);
    assert.equal(numberFlag({ n: '2.5' }, 'n', 5, { min: 1, max: 10 }), 2.5);
  });

  test('a --timeout within bounds is accepted (the run then fails on the missing file, not the option)', async () => {
    const r = await cli('run', path.join(tempDir('ok'), 'missing.lab.md'), '--timeout', '3600');
    assert.equal(r.code, 2);
    assert.match(r.err, /no such file/);
  });
});

describe('--labs-folder stays inside the workspace', () => {
  const bad: [string, RegExp][] = [
    ['../../x', /'--labs-folder' is '\.\.\/\.\.\/x', which DDIA Labs cannot use: it goes up with '\.\.'/],
    ['/abs/labs', /it is an absolute path/],
    ['.', /it names the workspace folder itself/],
  ];
  for (const [value, expected] of bad) {
    test(`start --labs-folder ${value} → exit 2, nothing written`, async () => {
      const parent = tempDir('labs-folder');
      const ws = path.join(parent, 'ws');
      fs.mkdirSync(ws);
      const r = await cli('start', 'hash-index-log', '--workspace', ws, '--labs-folder', value);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, expected);
      assert.deepEqual(fs.readdirSync(parent), ['ws']);
      assert.deepEqual(fs.readdirSync(ws), []);
    });
    test(`grade --labs-folder ${value} → exit 2`, async () => {
      const r = await cli('grade', '--workspace', tempDir('grade'), '--labs-folder', value);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, expected);
    });
  }

  test('a labs folder that is a symbolic link out of the workspace is refused', async () => {
    const parent = tempDir('link');
    const ws = path.join(parent, 'ws');
    const outside = path.join(parent, 'outside');
    fs.mkdirSync(ws);
    fs.mkdirSync(outside);
    fs.symlinkSync(outside, path.join(ws, 'ddia-labs'), 'dir');
    const r = await cli('start', 'hash-index-log', '--workspace', ws);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /'ddia-labs' leads outside the workspace folder through a symbolic link/);
    assert.deepEqual(fs.readdirSync(outside), []);
  });

  test('a lab file that is a symbolic link out of the workspace is not written through', async () => {
    const parent = tempDir('file-link');
    const ws = path.join(parent, 'ws');
    const victim = path.join(parent, 'victim.txt');
    fs.writeFileSync(victim, 'precious\n');
    fs.mkdirSync(path.join(ws, 'ddia-labs', 'hash-index-log'), { recursive: true });
    fs.symlinkSync(victim, path.join(ws, 'ddia-labs', 'hash-index-log', 'kv-log.ts'));
    const r = await cli('start', 'hash-index-log', '--workspace', ws, '--force');
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /kv-log\.ts: 'ddia-labs\/hash-index-log\/kv-log\.ts' leads outside the workspace folder/);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n');
  });

  test('a nested folder inside the workspace is fine', async () => {
    const ws = tempDir('nested');
    const r = await cli('start', 'hash-index-log', '--workspace', ws, '--labs-folder', 'course/labs');
    assert.equal(r.code, 0, r.out + r.err);
    assert.ok(fs.existsSync(path.join(ws, 'course', 'labs', 'hash-index-log', 'hash-index-log.lab.md')));
  });
});
