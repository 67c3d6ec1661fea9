/**
 * Ending everything a run started: the kernel's and the grader's child processes, and whatever
 * the learner's code in them spawned, detached and double-forked processes included.
 *
 * How (POSIX): the child is spawned `detached`, so it leads a process group of its own, and it
 * carries a run token in its environment (`DDIA_RUN_TOKEN=<random>`). At the end of the run:
 *   1. the process group is killed (catches ordinary children and grandchildren);
 *   2. on Linux, /proc/<pid>/environ of every process of ours is read, and each one carrying the
 *      token is killed. Environments are inherited across fork and exec, so this catches
 *      processes that left the group with setsid (`detached: true`) and were re-parented to init
 *      when their parent exited (a double fork).
 * Windows: `taskkill /T /F` on the child's tree.
 *
 * API: newRunToken() and RUN_TOKEN_ENV to mark a run's environment; killRunTree() to end it;
 * killRunTreeSync() only for `process.on('exit')` handlers, where nothing asynchronous runs (a
 * host that exits must not leave a busy kernel or its detached children behind).
 *
 * Limits (also in the README): a process that both leaves the process group and replaces its
 * environment (execve with a clean env) is not found on Linux; on macOS only the process group
 * is killed. Node's permission model keeps graded code from starting processes at all, so this
 * matters for notebook cells, which may.
 */
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';

export const RUN_TOKEN_ENV = 'DDIA_RUN_TOKEN';

export function newRunToken(): string {
  return crypto.randomBytes(12).toString('hex');
}

export interface KillRunTreeOptions {
  /** The run's child process. */
  readonly pid?: number | undefined;
  /** Kill the child's whole process group (it was spawned `detached` on POSIX). */
  readonly processGroup?: boolean;
  /** Also kill every process carrying this run token (Linux). */
  readonly token?: string | undefined;
}

/** SIGKILLs the run's processes; resolves with how many were signalled. Never throws. */
export async function killRunTree(o: KillRunTreeOptions): Promise<number> {
  let killed = 0;
  if (process.platform === 'win32') {
    if (o.pid !== undefined) {
      await new Promise<void>((resolve) => {
        const p = spawn('taskkill', ['/pid', String(o.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
        p.on('error', () => resolve());
        p.on('close', () => resolve());
      });
      killed++;
    }
    return killed;
  }
  if (o.pid !== undefined) {
    if (signal(o.processGroup ? -o.pid : o.pid)) killed++;
    else if (o.processGroup && signal(o.pid)) killed++;
  }
  if (o.token !== undefined && process.platform === 'linux') {
    // Two passes: a process may fork between reading the list and signalling its parent.
    for (let pass = 0; pass < 2; pass++) {
      const found = await processesWithToken(o.token);
      if (found.length === 0) break;
      for (const pid of found) if (signal(pid)) killed++;
    }
  }
  return killed;
}

/**
 * killRunTree for `process.on('exit')` handlers: the same nets with synchronous reads of /proc (a
 * few milliseconds). On Windows only the root is killed (an exiting process cannot wait for
 * taskkill). Returns how many were signalled. Never throws.
 */
export function killRunTreeSync(o: KillRunTreeOptions): number {
  let killed = 0;
  if (o.pid !== undefined) {
    if (process.platform !== 'win32' && o.processGroup && signal(-o.pid)) killed++;
    else if (signal(o.pid)) killed++;
  }
  if (o.token !== undefined && process.platform === 'linux') {
    for (let pass = 0; pass < 2; pass++) {
      const found = ourPids().filter((pid) => {
        try {
          return hasToken(fs.readFileSync(`/proc/${pid}/environ`), o.token as string);
        } catch {
          return false;
        }
      });
      if (found.length === 0) break;
      for (const pid of found) if (signal(pid)) killed++;
    }
  }
  return killed;
}

function ourPids(): number[] {
  try {
    return fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
      .map(Number);
  } catch {
    return [];
  }
}

function hasToken(env: Buffer, token: string): boolean {
  const needle = Buffer.from(`${RUN_TOKEN_ENV}=${token}\0`);
  // The environ block ends each entry with NUL; the token entry may be the last one.
  return env.includes(needle) || env.subarray(env.length - needle.length + 1).equals(needle.subarray(0, -1));
}

function signal(pid: number): boolean {
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

/** Linux: the pids (other than ours) whose environment holds `DDIA_RUN_TOKEN=<token>`. */
export async function processesWithToken(token: string): Promise<number[]> {
  let entries: string[];
  try {
    entries = await fs.promises.readdir('/proc');
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const out: number[] = [];
  await Promise.all(
    entries.map(async (name) => {
      if (!/^\d+$/.test(name)) return;
      const pid = Number(name);
      if (pid === process.pid) return;
      try {
        if (uid !== undefined && uid !== 0) {
          const st = await fs.promises.stat(`/proc/${name}`);
          if (st.uid !== uid) return;
        }
        if (hasToken(await fs.promises.readFile(`/proc/${name}/environ`), token)) out.push(pid);
      } catch {
        // Gone, or not ours to read.
      }
    }),
  );
  return out;
}
