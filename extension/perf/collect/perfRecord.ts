/**
 * Whole-system CPU profile of a Node script with Linux perf: `perf record` (arguments and
 * diagnosis in perfRecordPlan.ts), then `perf script`, then our own importers. Used by the
 * "System Profile (perf record)…" command; no VS Code here, so it runs in tests as is.
 *
 * Files go to `outDir`: perf.data, the `perf script` text, FlameGraph's folded stacks
 * (`stackcollapse-perf.pl` semantics) and speedscope JSON (one profile per thread). The
 * /tmp/perf-<pid>.map files that `--perf-basic-prof` leaves behind are removed for the
 * processes that were recorded.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collapsePerfScript } from '../import/collapsePerf';
import { exportSpeedscope } from '../import/exportSpeedscope';
import { importPerfScript } from '../import/perfScript';
import { which } from './childRunner';
import {
  diagnoseEnvironment,
  diagnosePerfFailure,
  parseParanoid,
  perfRecordArgs,
  perfScriptArgs,
  type PerfEnvironment,
  type PerfProblem,
} from './perfRecordPlan';

export interface PerfRecordRequest {
  readonly script: string;
  readonly scriptArgs?: readonly string[];
  readonly outDir: string;
  /** Base name of the output files (default: the script's name). */
  readonly name?: string;
  readonly nodePath?: string;
  readonly frequency?: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: string) => void;
}

export type PerfRecordOutcome =
  | {
      readonly ok: true;
      readonly dataFile: string;
      readonly scriptFile: string;
      readonly foldedFile: string;
      readonly speedscopeFile: string;
      readonly samples: number;
    }
  | { readonly ok: false; readonly problem: PerfProblem; readonly cancelled?: boolean };

export async function perfEnvironment(): Promise<PerfEnvironment> {
  let paranoid: number | undefined;
  try {
    paranoid = parseParanoid(await fs.promises.readFile('/proc/sys/kernel/perf_event_paranoid', 'utf8'));
  } catch {
    paranoid = undefined;
  }
  return {
    platform: process.platform,
    perfPath: process.platform === 'linux' ? await which('perf') : undefined,
    paranoid,
    privileged: typeof process.getuid === 'function' && process.getuid() === 0,
  };
}

interface Ran {
  readonly code: number | null;
  readonly stderr: string;
  readonly cancelled: boolean;
  readonly timedOut: boolean;
}

function run(file: string, args: string[], opts: { stdoutFile?: string; timeoutMs: number; signal?: AbortSignal }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const out = opts.stdoutFile ? fs.openSync(opts.stdoutFile, 'w') : 'ignore';
    const child = spawn(file, args, { stdio: ['ignore', out, 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    if (typeof out === 'number') fs.closeSync(out);
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      // Enough for the diagnosis; perf can print a warning per lost sample.
      if (stderr.length < 64 * 1024) stderr += d;
    });
    let cancelled = false;
    let timedOut = false;
    // SIGINT lets perf record finish writing perf.data; SIGKILL follows if it does not stop.
    const stop = (): void => {
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    };
    const onAbort = (): void => {
      cancelled = true;
      stop();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({ code, stderr, cancelled, timedOut });
    });
  });
}

export async function recordWithPerf(req: PerfRecordRequest): Promise<PerfRecordOutcome> {
  const env = await perfEnvironment();
  const before = diagnoseEnvironment(env);
  if (before) return { ok: false, problem: before };
  const perf = env.perfPath as string;
  const name = req.name ?? path.basename(req.script).replace(/\.[cm]?[jt]s$/, '');
  fs.mkdirSync(req.outDir, { recursive: true });
  const dataFile = path.join(req.outDir, `${name}.perf.data`);
  const timeoutMs = req.timeoutMs ?? 120_000;

  req.onProgress?.(`perf record: running ${path.basename(req.script)}`);
  const v8Log = path.join(req.outDir, `${name}.v8.log`);
  const args = perfRecordArgs({
    output: dataFile,
    v8Log,
    nodePath: req.nodePath ?? process.execPath,
    script: req.script,
    scriptArgs: req.scriptArgs,
    frequency: req.frequency,
  });
  const recorded = await run(perf, args, { timeoutMs, signal: req.signal });
  fs.rmSync(v8Log, { force: true });
  if (recorded.cancelled) return { ok: false, cancelled: true, problem: { kind: 'failed', message: 'cancelled' } };
  // perf record exits with the script's status; a failing script still leaves a usable
  // recording, so only a missing or empty perf.data (or perf's own complaints) is an error.
  const size = fs.existsSync(dataFile) ? fs.statSync(dataFile).size : 0;
  if (
    size === 0 ||
    (recorded.code !== 0 && /perf_event|paranoid|not permitted|not supported|not installed|not found/i.test(recorded.stderr))
  )
    return { ok: false, problem: diagnosePerfFailure(recorded.stderr, recorded.code, env.paranoid) };

  req.onProgress?.('perf script: symbolising samples');
  const scriptFile = path.join(req.outDir, `${name}.perf.txt`);
  const scripted = await run(perf, perfScriptArgs(dataFile), { stdoutFile: scriptFile, timeoutMs, signal: req.signal });
  if (scripted.cancelled) return { ok: false, cancelled: true, problem: { kind: 'failed', message: 'cancelled' } };
  if (scripted.code !== 0) return { ok: false, problem: diagnosePerfFailure(scripted.stderr, scripted.code, env.paranoid) };

  const text = await fs.promises.readFile(scriptFile, 'utf8');
  removePerfMaps(text);
  const imported = importPerfScript(text, scriptFile);
  if (imported.kind !== 'ok')
    return {
      ok: false,
      problem: {
        kind: 'failed',
        message: `perf recorded no samples with stacks (${imported.kind === 'error' ? imported.message : imported.reason}); did the script run long enough?`,
      },
    };
  const foldedFile = path.join(req.outDir, `${name}.folded`);
  await fs.promises.writeFile(foldedFile, collapsePerfScript(text));
  const speedscopeFile = path.join(req.outDir, `${name}.speedscope.json`);
  await fs.promises.writeFile(speedscopeFile, JSON.stringify(exportSpeedscope(imported.group)));
  const samples = imported.group.profiles.reduce((n, p) => n + p.samples.length, 0);
  return { ok: true, dataFile, scriptFile, foldedFile, speedscopeFile, samples };
}

/** Deletes the JIT symbol maps of the recorded processes (pids from the sample headers). */
function removePerfMaps(perfScriptText: string): void {
  const pids = new Set<string>();
  for (const m of perfScriptText.matchAll(/^\S.*?\s+(\d+)(?:\/\d+)?\s+[\d.]+:/gm)) pids.add(m[1] as string);
  for (const pid of pids) fs.rmSync(`/tmp/perf-${pid}.map`, { force: true });
}
