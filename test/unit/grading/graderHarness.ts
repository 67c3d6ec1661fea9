/**
 * Shared set-up for the grader's process-level tests: the real runner bundle
 * (extension/grading/runner/graderRunner.ts → grader-runner.js, TypeScript compiler inside),
 * built with esbuild the way the build does, so the tests exercise what ships. The bundle is
 * cached in the temp folder by a hash of its sources; concurrent test files build it at most
 * once each and publish it with an atomic rename.
 */
import * as crypto from 'node:crypto';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledRuntime, type GraderRuntime } from '../../../extension/grading/graderRuntime';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'grading');

/**
 * Everything the bundle may contain: the runner imports the whole SDK (engines, simulator, perf
 * tools), so the cache key covers every source file under extension/ — a key over the runner
 * alone served a stale SDK to exercise tests after the SDK changed.
 */
function runnerSources(): string[] {
  const files = fs
    .readdirSync(path.join(REPO, 'extension'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
  return [...files, path.join(REPO, 'node_modules/typescript/package.json')].sort();
}

export function buildRunnerBundle(): string {
  const hash = crypto.createHash('sha256');
  for (const f of runnerSources()) hash.update(f).update(fs.readFileSync(f));
  const out = path.join(os.tmpdir(), `ddia-labs-grader-runner-${hash.digest('hex').slice(0, 16)}.js`);
  if (fs.existsSync(out)) return out;
  const temp = `${out}.${process.pid}.tmp`;
  esbuild.buildSync({
    entryPoints: [path.join(REPO, 'extension/grading/runner/graderRunner.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    minify: true,
    outfile: temp,
    logLevel: 'warning',
  });
  fs.renameSync(temp, out);
  return out;
}

let cached: GraderRuntime | undefined;
export function testRuntime(): GraderRuntime {
  cached ??= bundledRuntime(buildRunnerBundle());
  return cached;
}

export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ddia-grading-${prefix}-`));
}
