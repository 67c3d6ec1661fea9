/**
 * `ddia-labs bench <suite> [--samples N] [--baseline-dir DIR] [--json]`: runs a registered
 * benchmark suite (extension/perf/bench/suites) with the same harness and statistics as
 * perf.bench in a cell, prints each case's summary and a verdict for each compared pair, and
 * with --baseline-dir checks every case against its saved baseline (creating missing ones).
 * Exit codes: 0 done (no regression), 1 a case regressed or failed, 2 bad arguments.
 */
import * as path from 'node:path';
import { checkRegression, loadBaseline, saveBaseline } from '../perf/bench/baseline';
import { benchSpec, compareSpec } from '../perf/bench/benchView';
import { formatNs, verdictHeadline } from '../views/perf/benchText';
import { compareBench } from '../perf/bench/compareBench';
import { runBench, type BenchResult } from '../perf/bench/runBench';
import { BENCH_SUITES, findSuite } from '../perf/bench/suites/index';
import { realClock } from '../perf/collect/clock';
import { benchEnvironment } from '../sdk/perfBench';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './io';
import { nodeTextFiles } from '../util/nodeFiles';
import { textTableLines } from '../util/textTable';

export const BENCH_USAGE = 'usage: ddia-labs bench <suite> [--samples N] [--baseline-dir DIR] [--json] | ddia-labs bench --list';
export const BENCH_HELP = `${BENCH_USAGE}

Runs a benchmark suite: for each case a warm-up, a calibrated number of calls per sample, and N
samples; prints mean, median, p90/p99/p99.9, stddev, CV, a 95% confidence interval of the mean and
Tukey outliers, then a verdict (Mann–Whitney U) for each compared pair of cases.

suites:
${BENCH_SUITES.map((s) => `  ${s.id.padEnd(10)} ${s.summary}`).join('\n')}

options:
  --samples N         samples per case, 5 to 1000 (default 40)
  --baseline-dir DIR  check each case against DIR/<suite>.<case>.json (a missing baseline is
                      created); a significant slowdown of 5% or more is a regression: exit 1
  --json              print the results as JSON
  --list              list the suites
  --help              show this help`;

export function baselineFileName(suite: string, caseName: string): string {
  return `${suite}.${caseName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.json`;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function benchCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {
    samples: 'string',
    'baseline-dir': 'string',
    json: 'boolean',
    list: 'boolean',
    help: 'boolean',
  });
  if (flags['help']) {
    io.out(BENCH_HELP);
    return 0;
  }
  if (flags['list']) {
    for (const s of BENCH_SUITES) io.out(`${s.id.padEnd(10)} ${s.summary}`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'name a suite (ddia-labs bench --list)' : `unexpected argument '${positionals[1]}'`);
  const id = positionals[0] as string;
  const suite = findSuite(id);
  if (!suite) throw new UsageError(`unknown suite '${id}' (suites: ${BENCH_SUITES.map((s) => s.id).join(', ')})`);
  const samples = flags['samples'] === undefined ? 40 : Number(flags['samples']);
  if (!Number.isInteger(samples) || samples < 5 || samples > 1000)
    throw new UsageError(`--samples must be an integer from 5 to 1000, got '${String(flags['samples'])}'`);
  const baselineDir = typeof flags['baseline-dir'] === 'string' ? path.resolve(flags['baseline-dir']) : undefined;

  const results: BenchResult[] = [];
  for (const c of suite.cases) {
    io.err(`${suite.id}: ${c.name}…`);
    const fn = c.setup();
    results.push(await runBench(c.name, fn, { clock: realClock, samples, yieldNow: yieldToLoop }));
  }
  const byName = new Map(results.map((r) => [r.name, r]));
  const comparisons = suite.compare.map(([a, b]) => {
    const ra = byName.get(a);
    const rb = byName.get(b);
    if (!ra || !rb) throw new Error(`suite ${suite.id} compares unknown case '${ra ? b : a}'`);
    return compareSpec(compareBench(ra, rb), ra.samplesNs, rb.samplesNs);
  });

  const baselines: { case: string; file: string; status: 'created' | 'ok' | 'regressed'; relativeChange?: number; message: string }[] = [];
  if (baselineDir) {
    for (const r of results) {
      const file = path.join(baselineDir, baselineFileName(suite.id, r.name));
      const loaded = await loadBaseline(nodeTextFiles, file);
      if (!loaded.ok) {
        if (loaded.reason === 'invalid') throw new Error(loaded.message);
        await saveBaseline(nodeTextFiles, file, r, new Date().toISOString(), benchEnvironment());
        baselines.push({ case: r.name, file, status: 'created', message: `baseline created: ${file}` });
        continue;
      }
      const check = checkRegression(loaded.baseline, r);
      const pct = `${(check.comparison.relativeChange * 100).toFixed(1)}%`;
      baselines.push({
        case: r.name,
        file,
        status: check.regressed ? 'regressed' : 'ok',
        relativeChange: check.comparison.relativeChange,
        message: check.regressed
          ? `REGRESSION: median ${pct} vs baseline (${check.comparison.explanation})`
          : `no regression (median ${pct})`,
      });
    }
  }
  const regressed = baselines.some((b) => b.status === 'regressed');

  if (flags['json']) {
    io.out(
      JSON.stringify(
        {
          suite: suite.id,
          environment: benchEnvironment(),
          results: results.map((r) => {
            const s = benchSpec(r);
            return { name: s.name, samples: s.samples, iterationsPerSample: s.iterationsPerSample, totalMs: s.totalMs, summary: s.summary };
          }),
          comparisons: comparisons.map(({ box: _box, ...rest }) => rest),
          baselines,
          regressed,
        },
        null,
        2,
      ),
    );
    return regressed ? 1 : 0;
  }
  const env = benchEnvironment();
  io.out(`bench ${suite.id}: ${suite.summary}`);
  io.out(`${samples} samples per case · ${env['cpu']} ×${env['cpus']} · Node ${env['node']}\n`);
  const header = ['case', 'median', 'p99', 'p99.9', 'mean (95% CI)', 'CV', 'outliers'];
  const rows = results.map((r) => {
    const s = benchSpec(r).summary;
    return [
      r.name,
      formatNs(s.medianNs),
      formatNs(s.p99Ns),
      formatNs(s.p999Ns),
      `${formatNs(s.meanNs)} (${formatNs(s.ciLowNs)}–${formatNs(s.ciHighNs)})`,
      `${(s.cv * 100).toFixed(1)}%`,
      String(s.outliersLow + s.outliersHigh),
    ];
  });
  for (const l of textTableLines(header, rows)) io.out(l);
  io.out('');
  for (const c of comparisons)
    io.out(`${verdictHeadline(c)} (${c.testName}, p = ${c.pValue.toPrecision(3)}, ${c.centre} ${(c.relativeChange * 100).toFixed(1)}%)`);
  if (baselines.length > 0) {
    io.out('');
    for (const b of baselines) io.out(`${b.case}: ${b.message}`);
  }
  return regressed ? 1 : 0;
}
