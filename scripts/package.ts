/**
 * `npm run package`: a production build, then a platform-neutral .vsix with @vscode/vsce
 * (3.9.x, which runs on Node 20 and packages offline). Dependencies are bundled by esbuild, so
 * the package carries no node_modules and no native binaries. Prints the file and its size.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const out = path.join(root, `${pkg.name}-${pkg.version}.vsix`);

execFileSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/build.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--skip-license', '--out', out], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const bytes = fs.statSync(out).size;
console.log(`package: ${path.relative(root, out)} ${(bytes / 1024).toFixed(1)} KiB`);
