/**
 * The foundation CLI: `labs --json` lists the catalog, `start` puts a lab into a folder exactly
 * as Open Lab does (and keeps changed files unless --force, backing them up), bad arguments exit
 * 2 with a usage line, and a lab with broken front matter fails the build naming the file.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { scanLabs } from '../../../extension/catalog/labScan';
import { runCli } from '../../../extension/cli/main';

const root = path.resolve(__dirname, '../../..');

function capture(distDir: string): { io: Parameters<typeof runCli>[1]; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), distDir }, out, err };
}

describe('ddia-labs labs and start', () => {
  let distDir: string;
  before(() => {
    // A throwaway installation: <tmp>/dist/catalog.json next to a copy of labs/.
    const install = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-cli-install-'));
    distDir = path.join(install, 'dist');
    fs.mkdirSync(distDir);
    fs.cpSync(path.join(root, 'labs'), path.join(install, 'labs'), { recursive: true });
    fs.copyFileSync(path.join(root, 'package.json'), path.join(install, 'package.json'));
    fs.writeFileSync(path.join(distDir, 'catalog.json'), JSON.stringify(scanLabs(path.join(install, 'labs'), install).catalog));
  });

  test('labs --json lists id, title, book, chapter and exercises of every lab', async () => {
    const c = capture(distDir);
    assert.equal(await runCli(['labs', '--json'], c.io), 0);
    const labs = JSON.parse(c.out.join('\n')) as { id: string; title: string; book: string; chapter: number; exercises: unknown[] }[];
    assert.ok(labs.length >= 2);
    for (const l of labs) assert.ok(l.id && l.title && l.book && l.chapter > 0 && Array.isArray(l.exercises));
  });

  test('start copies the lab file and starters, not the built-in tests, and keeps edits unless --force', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-cli-ws-'));
    const c = capture(distDir);
    assert.equal(await runCli(['start', 'hash-index-log', '--workspace', ws], c.io), 0);
    const dir = path.join(ws, 'ddia-labs', 'hash-index-log');
    assert.ok(fs.existsSync(path.join(dir, 'hash-index-log.lab.md')));
    assert.ok(fs.existsSync(path.join(dir, 'kv-log.ts')));
    assert.ok(!fs.existsSync(path.join(dir, 'kv-log.test.ts')));
    fs.writeFileSync(path.join(dir, 'kv-log.ts'), '// my work\n');
    const again = capture(distDir);
    assert.equal(await runCli(['start', 'hash-index-log', '--workspace', ws], again.io), 0);
    assert.equal(fs.readFileSync(path.join(dir, 'kv-log.ts'), 'utf8'), '// my work\n', 'edits are kept');
    assert.match(again.out.join('\n'), /kept .*kv-log\.ts/);
    const forced = capture(distDir);
    assert.equal(await runCli(['start', 'hash-index-log', '--workspace', ws, '--force'], forced.io), 0);
    assert.equal(fs.readFileSync(path.join(dir, 'kv-log.ts.backup-1'), 'utf8'), '// my work\n', 'the user’s version is backed up');
    assert.notEqual(fs.readFileSync(path.join(dir, 'kv-log.ts'), 'utf8'), '// my work\n');
  });

  const usage: [string, string[]][] = [
    ['no command', []],
    ['unknown command', ['frobnicate']],
    ['unknown option', ['labs', '--yaml']],
    ['start without --workspace', ['start', 'hash-index-log']],
    ['start without a lab', ['start', '--workspace', '/tmp']],
    ['start with an unknown lab', ['start', 'no-such-lab', '--workspace', '/tmp']],
  ];
  for (const [name, argv] of usage) {
    test(`${name} exits 2 with a message`, async () => {
      const c = capture(distDir);
      assert.equal(await runCli(argv, c.io), 2);
      assert.ok(c.err.length > 0);
    });
  }

  test('--help works on every command', async () => {
    for (const argv of [['--help'], ['labs', '--help'], ['start', '--help'], ['run', '--help'], ['grade', '--help']]) {
      const c = capture(distDir);
      assert.equal(await runCli(argv, c.io), 0, argv.join(' '));
      assert.match(c.out.join('\n'), /usage: ddia-labs/);
    }
  });

  test('a lab with broken front matter fails the build, naming the file and field', () => {
    const labs = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-broken-labs-'));
    fs.mkdirSync(path.join(labs, 'broken-lab'));
    fs.writeFileSync(
      path.join(labs, 'broken-lab', 'lab.md'),
      '---\nid: broken-lab\ntitle: Broken\nbook: DDIA\nchapter: 99\nsummary: x\nexercises: []\n---\n',
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'build.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DDIA_LABS_DIR: labs, DDIA_BUILD_CATALOG_ONLY: '1' },
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /broken-lab\/lab\.md:\d+: field 'chapter': Designing Data-Intensive Applications has no chapter 99/);
  });
});
