/**
 * How to start a grading child process in this installation: `dist/grader-runner.js` (bundled
 * from extension/grading/runner/graderRunner.ts, TypeScript loader and SDK inside) is the preload
 * that makes `.ts` loadable, stands in for node:test and reports on the signed result channel.
 * No node_modules are needed, which is also what lets the sandbox allow reading just this file.
 *
 * A source checkout needs `npm run build` first (the unit tests build the bundle themselves, see
 * test/unit/grading/graderHarness.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GraderRuntime {
  readonly nodePath: string;
  /** Arguments that load the runner before the test file. */
  readonly loaderArgs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Files and folders the child must be able to read to start at all (the sandbox allows them). */
  readonly readPaths: readonly string[];
}

export const RUNNER_FILE = 'grader-runner.js';

export function bundledRuntime(runnerScript: string): GraderRuntime {
  return {
    nodePath: process.execPath,
    loaderArgs: ['--require', runnerScript],
    // Inside VS Code process.execPath is Electron, which behaves as Node with this set.
    env: { ELECTRON_RUN_AS_NODE: '1' },
    readPaths: [runnerScript],
  };
}

/** `distDir` holds grader-runner.js in an installed extension or a built checkout. */
export function locateGraderRuntime(distDir: string): GraderRuntime {
  const bundled = path.join(distDir, RUNNER_FILE);
  if (fs.existsSync(bundled)) return bundledRuntime(bundled);
  throw new Error(`The grader runner ${bundled} is missing: run 'npm run build' (or reinstall DDIA Labs).`);
}
