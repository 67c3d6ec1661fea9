/**
 * Real process plumbing for the checklist: PATH lookup and running a command with a time
 * bound. LC_ALL=C is set so tools print the layout the parsers know best (they also accept
 * localized output, for outputs pasted by learners).
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import * as path from 'node:path';
import { findOnPath } from '../checklist/commands';
import { type RunOutcome } from '../checklist/runChecklist';

export function which(name: string): Promise<string | undefined> {
  return findOnPath(
    name,
    process.env['PATH'] ?? '',
    async (f) => {
      try {
        await access(f, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    path.delimiter,
  );
}

export function runBounded(file: string, args: string[], timeoutMs: number): Promise<RunOutcome> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' }, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
        resolve({
          stdout: String(stdout),
          stderr: String(stderr),
          exitCode: e ? (typeof e.code === 'number' ? e.code : null) : 0,
          timedOut: Boolean(e?.killed),
        });
      },
    );
  });
}
