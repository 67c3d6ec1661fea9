/**
 * `ddia-labs use [--seconds N] [--json]`: the USE method on this machine. Takes two snapshots
 * N seconds apart (/proc and /sys on Linux; the Node event loop of this process everywhere) and
 * prints a row per resource with utilization, saturation and errors, each with its state and
 * evidence, or "not available here" with the reason.
 */
import * as os from 'node:os';
import { realClock } from '../perf/collect/clock';
import { fsReader } from '../perf/collect/fsReader';
import { startNodeLoopMonitor } from '../perf/collect/nodeLoop';
import { sampleUseOnce } from '../perf/collect/useSampler';
import { isAvailable, type Metric } from '../perf/use/metric';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './io';
import { textTableLines } from '../util/textTable';

export const USE_USAGE = 'usage: ddia-labs use [--seconds N] [--json]';
export const USE_HELP = `${USE_USAGE}

The USE method: for each resource (CPUs, memory, disks, network interfaces, this process's
Node event loop) its utilization, saturation and errors over N seconds, with a state
(ok, WARN, BAD) and the evidence; metrics this platform cannot give read "not available here".

options:
  --seconds N  how long to measure, 0.1 to 600 (default 1)
  --json       print the report as JSON
  --help       show this help`;

function cell(m: Metric): string {
  if (!isAvailable(m)) return 'n/a';
  const v = m.unit === 'fraction' ? `${(m.value * 100).toFixed(1)}%` : `${Number(m.value.toFixed(2))} ${m.unit}`;
  return `${v} ${m.state === 'ok' ? 'ok' : m.state.toUpperCase()}`;
}

export async function useCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { seconds: 'string', json: 'boolean', help: 'boolean' });
  if (flags['help']) {
    io.out(USE_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const seconds = flags['seconds'] === undefined ? 1 : Number(flags['seconds']);
  if (!(seconds >= 0.1 && seconds <= 600)) throw new UsageError(`--seconds must be from 0.1 to 600, got '${String(flags['seconds'])}'`);
  const nodeLoop = startNodeLoopMonitor();
  let report;
  try {
    report = await sampleUseOnce({
      reader: fsReader,
      clock: realClock,
      cpuCount: os.cpus().length || 1,
      nodeLoop,
      seconds,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
  } finally {
    nodeLoop.stop();
  }
  if (flags['json']) {
    io.out(JSON.stringify({ platform: process.platform, ...report }, null, 2));
    return 0;
  }
  const rows = report.resources.map((r) => [r.name, cell(r.utilization), cell(r.saturation), cell(r.errors)]);
  const header = ['resource', 'utilization', 'saturation', 'errors'];
  io.out(`USE method over ${report.elapsedSec.toFixed(1)} s on ${os.hostname()} (${process.platform}, ${os.cpus().length} CPUs)\n`);
  for (const l of textTableLines(header, rows)) io.out(l);
  io.out('');
  for (const r of report.resources) {
    io.out(`${r.name}:`);
    for (const [label, m] of [
      ['utilization', r.utilization],
      ['saturation', r.saturation],
      ['errors', r.errors],
    ] as const)
      io.out(`  ${label.padEnd(12)} ${isAvailable(m) ? m.evidence : m.notAvailable}`);
  }
  return 0;
}
