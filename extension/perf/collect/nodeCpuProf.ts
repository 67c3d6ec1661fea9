/**
 * Runs a Node script with `--cpu-prof` (V8's sampling profiler, started before the script's
 * first line and written at exit) and returns the `.cpuprofile` of its main thread. Used by
 * "Profile Node Script…"; no VS Code here.
 *
 * Node names each file `CPU.<date>.<time>.<pid>.<threadId>.<seq>.cpuprofile`; thread 0 is the
 * main thread, workers get their own files, which are returned too.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeCpuProfArgs } from './perfRecordPlan';

export interface CpuProfRequest {
  readonly script: string;
  readonly scriptArgs?: readonly string[];
  readonly outDir: string;
  readonly nodePath?: string;
  readonly intervalUs?: number;
  readonly cwd?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export type CpuProfOutcome =
  | {
      readonly ok: true;
      readonly mainProfile: string;
      readonly allProfiles: readonly string[];
      readonly exitCode: number | null;
      readonly stderr: string;
    }
  | { readonly ok: false; readonly message: string; readonly cancelled?: boolean };

export function runWithCpuProf(req: CpuProfRequest): Promise<CpuProfOutcome> {
  fs.mkdirSync(req.outDir, { recursive: true });
  const existing = new Set(fs.readdirSync(req.outDir));
  return new Promise((resolve) => {
    const child = spawn(req.nodePath ?? process.execPath, nodeCpuProfArgs(req.outDir, req.script, req.scriptArgs, req.intervalUs), {
      cwd: req.cwd ?? path.dirname(req.script),
      stdio: ['ignore', 'ignore', 'pipe'],
      // The extension host's own Node options (inspector ports, loaders) must not leak in.
      env: { ...process.env, NODE_OPTIONS: '', ELECTRON_RUN_AS_NODE: '1' },
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      if (stderr.length < 64 * 1024) stderr += d;
    });
    let cancelled = false;
    let timedOut = false;
    // Node writes the profile only when the script exits normally, so a cancelled (killed)
    // run has no profile, and the outcome says so.
    const onAbort = (): void => {
      cancelled = true;
      child.kill('SIGKILL');
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, req.timeoutMs ?? 120_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, message: `could not start ${req.nodePath ?? process.execPath}: ${err.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      if (cancelled) return resolve({ ok: false, cancelled: true, message: 'cancelled; the script was stopped before it wrote a profile' });
      if (timedOut)
        return resolve({
          ok: false,
          message: `the script ran longer than ${Math.round((req.timeoutMs ?? 120_000) / 1000)} s and was stopped; no profile was written`,
        });
      const created = fs
        .readdirSync(req.outDir)
        .filter((f) => f.endsWith('.cpuprofile') && !existing.has(f))
        .map((f) => path.join(req.outDir, f));
      if (created.length === 0) {
        const tail = stderr.trim().split('\n').slice(-5).join('\n');
        return resolve({
          ok: false,
          message: `the script exited with ${code ?? 'a signal'} and wrote no profile${tail ? `:\n${tail}` : ''}`,
        });
      }
      const main = created.find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)) ?? created[0];
      resolve({ ok: true, mainProfile: main as string, allProfiles: created, exitCode: code, stderr });
    });
  });
}
