/**
 * `npm run test:e2e`: the Playwright journeys (test/e2e/*.journey.ts), one at a time (each
 * starts its own code-server and Chromium; two cores cannot run two well), against the packaged
 * .vsix. Screenshots go to test-output/screenshots/.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCodeServer, REPO_ROOT } from './harness/codeServer';

ensureCodeServer();
const filters = process.argv.slice(2);
const dir = path.join(REPO_ROOT, 'test', 'e2e');
/**
 * Journeys that run only when named (`npm run test:e2e -- storage`): they take screenshots of
 * views whose behaviour unit tests and lab runs already cover, and CI must stay under 30 minutes.
 */
const ON_REQUEST = new Set(['storage.journey.ts']);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.journey.ts') && (filters.length === 0 ? !ON_REQUEST.has(f) : filters.some((x) => f.includes(x))))
  .map((f) => path.join(dir, f))
  .sort();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
