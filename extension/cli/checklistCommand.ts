/**
 * `ddia-labs checklist [--json] [--timeout SECONDS]`: the first 60 seconds of a performance
 * investigation (uptime, dmesg | tail, vmstat, mpstat, pidstat, iostat, free, sar, top) with
 * whichever tools are installed, one after another, within an overall time bound; prints what
 * stands out with the evidence, and the package to install for each missing tool.
 */
import * as os from 'node:os';
import { runChecklist } from '../perf/checklist/runChecklist';
import { runBounded, which } from '../perf/collect/childRunner';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './io';

export const CHECKLIST_USAGE = 'usage: ddia-labs checklist [--json] [--timeout SECONDS]';
export const CHECKLIST_HELP = `${CHECKLIST_USAGE}

Runs the first-60-seconds checklist (uptime, dmesg | tail, vmstat 1, mpstat -P ALL 1,
pidstat 1, iostat -xz 1, free -m, sar -n DEV 1, sar -n TCP,ETCP 1, top) with the tools that
are installed, names the package for the missing ones, and summarizes what stands out
(run queue above the CPU count, swapping, a saturated disk, interface errors, ...).

options:
  --timeout SECONDS  bound on the whole checklist, 1 to 600 (default 60); no single tool
                     runs longer than 10 s, and steps not started in time are reported as cancelled
  --json             print the steps, findings and parsed outputs as JSON
  --help             show this help`;

const STEP_LIMIT_MS = 10_000;

export async function checklistCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { timeout: 'string', json: 'boolean', help: 'boolean' });
  if (flags['help']) {
    io.out(CHECKLIST_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const bound = flags['timeout'] === undefined ? 60 : Number(flags['timeout']);
  if (!(bound >= 1 && bound <= 600)) throw new UsageError(`--timeout must be from 1 to 600 seconds, got '${String(flags['timeout'])}'`);
  const started = Date.now();
  const deadline = started + bound * 1000;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), bound * 1000);
  const cpuCount = os.cpus().length || 1;
  let report;
  try {
    report = await runChecklist({
      which,
      // Each tool gets at most what is left of the overall bound, so the whole run stays within it.
      run: (file, args, timeoutMs) => runBounded(file, args, Math.max(100, Math.min(timeoutMs, deadline - Date.now()))),
      cpuCount,
      timeoutMs: STEP_LIMIT_MS,
      signal: abort.signal,
      onStep: flags['json'] ? undefined : (id, i, total) => io.err(`[${i + 1}/${total}] ${id}…`),
    });
  } finally {
    clearTimeout(timer);
  }
  const elapsedMs = Date.now() - started;
  if (flags['json']) {
    io.out(JSON.stringify({ platform: process.platform, cpuCount, boundMs: bound * 1000, elapsedMs, ...report }, null, 2));
    return 0;
  }
  io.out(`first 60 seconds: ${report.steps.length} steps in ${(elapsedMs / 1000).toFixed(1)} s (bound ${bound} s, ${cpuCount} CPUs)\n`);
  for (const s of report.steps) {
    const note = [...s.notes, s.install].filter(Boolean).join('; ');
    io.out(`  ${s.label.padEnd(20)} ${s.status.padEnd(10)} ${note ?? ''}`.trimEnd());
  }
  io.out('');
  if (report.findings.length === 0) io.out('nothing stands out in what could be measured');
  else {
    io.out('what stands out:');
    for (const f of report.findings) io.out(`  ${f.severity.toUpperCase()} ${f.resource}: ${f.title}\n      ${f.evidence} (${f.source})`);
  }
  return 0;
}
