/** The packaged extension the journeys install: $DDIA_VSIX, or the newest ddia-labs-*.vsix at the root. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './codeServer';

export function findVsix(): string {
  const fromEnv = process.env['DDIA_VSIX'];
  if (fromEnv) return path.resolve(fromEnv);
  const candidates = fs
    .readdirSync(REPO_ROOT)
    .filter((f) => /^ddia-labs-.*\.vsix$/.test(f))
    .map((f) => path.join(REPO_ROOT, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!candidates[0]) throw new Error('no ddia-labs-*.vsix found: run `npm run package` first');
  return candidates[0];
}
