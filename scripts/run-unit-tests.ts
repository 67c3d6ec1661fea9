/**
 * `npm run test:unit`: runs every `test/unit/**\/*.test.ts` with Node's built-in test runner,
 * TypeScript loaded through tsx. Arguments filter test files by substring, e.g.
 * `npm run test:unit -- catalog`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));

function find(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return find(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const files = find(path.join(root, 'test', 'unit'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no unit test files matched');
  process.exit(1);
}
const reporter = 'spec';
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-reporter=${reporter}`, '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DDIA_REPO_ROOT: root },
});
process.exit(result.status ?? 1);
