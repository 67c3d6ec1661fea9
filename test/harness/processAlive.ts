/**
 * Whether a process is still running, for tests that check that nothing outlives a run.
 * `process.kill(pid, 0)` alone is not enough: where init does not reap orphans (some
 * containers), a killed orphan stays in the process table as a zombie, and signalling it still
 * succeeds. On Linux a zombie (state Z in /proc/<pid>/stat) counts as gone.
 */
import * as fs from 'node:fs';

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    // "pid (comm) S …": the state follows the last ')', since comm may itself contain one.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    return stat.slice(close + 2, close + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Polls `check` every 20 ms until it holds or `ms` have passed; returns its last answer. */
export async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}
