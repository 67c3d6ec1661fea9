/**
 * How to start a grading child process in this installation.
 *
 * Installed extension, or a built checkout: `dist/grader-runner.js` (bundled from
 * extension/grading/runner/graderRunner.ts, TypeScript compiler included) is both the preload
 * that makes `.ts` loadable and the test reporter. No node_modules are needed.
 *
 * Unbuilt checkout (e.g. running the CLI or unit tests from source before `npm run build`
 * has the runner entry): tsx, a dev dependency, loads TypeScript, and the reporter is loaded
 * from source through it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface GraderRuntime {
  readonly nodePath: string;
  /** Arguments that make the child able to load TypeScript. */
  readonly loaderArgs: readonly string[];
  /** The `--test-reporter` module. */
  readonly reporter: string;
  readonly env: Readonly<Record<string, string>>;
  /** Which of the two set-ups, for messages. */
  readonly kind: 'bundled' | 'tsx';
}

export const RUNNER_FILE = 'grader-runner.js';

export function bundledRuntime(runnerScript: string): GraderRuntime {
  return {
    nodePath: process.execPath,
    loaderArgs: ['--require', runnerScript],
    reporter: runnerScript,
    env: { ELECTRON_RUN_AS_NODE: '1' },
    kind: 'bundled',
  };
}

/** `distDir` holds grader-runner.js when built; `repoRoot` is tried for a source checkout. */
export function locateGraderRuntime(distDir: string, repoRoot = path.resolve(distDir, '..')): GraderRuntime {
  const bundled = path.join(distDir, RUNNER_FILE);
  if (fs.existsSync(bundled)) return bundledRuntime(bundled);
  const reporter = path.join(repoRoot, 'extension', 'grading', 'runner', 'graderRunner.ts');
  // An absolute file URL: the child's working folder is the learner's, where `tsx` is unknown.
  const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  if (fs.existsSync(tsx) && fs.existsSync(reporter)) {
    return {
      nodePath: process.execPath,
      loaderArgs: ['--import', pathToFileURL(tsx).href],
      reporter,
      env: { ELECTRON_RUN_AS_NODE: '1' },
      kind: 'tsx',
    };
  }
  throw new Error(`The grader runner ${bundled} is missing: run 'npm run build' (or reinstall DDIA Labs).`);
}
