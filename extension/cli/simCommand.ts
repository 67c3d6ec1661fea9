/**
 * `ddia-labs sim <scenario> [--seed N] [--json]` runs a named simulator scenario and prints a
 * summary with the trace hash (the same seed always gives the same hash) and the anomalies the
 * checkers found; `ddia-labs sim --list` lists the scenarios. Anomalies are findings, not
 * failures: the exit code is 0 either way.
 */
import { listScenarios, runScenario } from '../sim/scenarios/registry';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './io';

export const SIM_USAGE = 'usage: ddia-labs sim <scenario> [--seed N] [--json] | ddia-labs sim --list [--json]';
export const SIM_HELP = `${SIM_USAGE}

Runs a replication scenario in the deterministic simulator and prints the trace hash, the
number of events, the anomalies its checkers found and scenario-specific facts.

options:
  --seed N   the run's seed, an integer 0..4294967295 (default 1)
  --list     list the scenarios
  --json     print JSON (the summary, without the full trace)
  --help     show this help`;

function parseSeed(raw: string | boolean | undefined): number {
  if (raw === undefined) return 1;
  const seed = Number(raw);
  if (!/^\d+$/.test(String(raw)) || !Number.isSafeInteger(seed) || seed > 0xffffffff)
    throw new UsageError(`--seed must be an integer from 0 to 4294967295, got '${String(raw)}'`);
  return seed;
}

export async function simCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { seed: 'string', list: 'boolean', json: 'boolean', help: 'boolean' });
  if (flags['help']) {
    io.out(SIM_HELP);
    return 0;
  }
  const scenarios = listScenarios();
  if (flags['list']) {
    if (positionals.length > 0 || flags['seed'] !== undefined) throw new UsageError('--list takes no scenario or --seed');
    if (flags['json']) io.out(JSON.stringify(scenarios, null, 2));
    else for (const s of scenarios) io.out(`  ${s.name.padEnd(30)} ${s.description}`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'missing <scenario> (or --list)' : `unexpected argument '${positionals[1]}'`);
  const name = positionals[0] as string;
  const seed = parseSeed(flags['seed']);
  if (!scenarios.some((s) => s.name === name))
    throw new UsageError(`unknown scenario '${name}'. Known scenarios: ${scenarios.map((s) => s.name).join(', ')}`);
  const r = runScenario(name, seed);
  const summary = {
    scenario: r.scenario,
    seed: r.seed,
    options: r.options,
    hash: r.hash,
    eventCount: r.eventCount,
    endMs: r.endMs,
    operations: r.history.filter((h) => h.type === 'invoke').length,
    anomalies: r.anomalies,
    summary: r.summary,
  };
  if (flags['json']) {
    io.out(JSON.stringify(summary, null, 2));
    return 0;
  }
  io.out(`${r.scenario}  seed ${r.seed}  ${JSON.stringify(r.options)}`);
  io.out(`  trace hash  ${r.hash}`);
  io.out(`  events      ${r.eventCount} over ${r.endMs} ms simulated, ${summary.operations} operations`);
  for (const [k, v] of Object.entries(r.summary)) io.out(`  ${k.padEnd(11)} ${JSON.stringify(v)}`);
  if (r.anomalies.length === 0) io.out('  no anomalies found');
  else {
    io.out(`  ${r.anomalies.length} anomal${r.anomalies.length === 1 ? 'y' : 'ies'}:`);
    for (const a of r.anomalies) io.out(`    ${a.kind} at ${a.atMs.toFixed(2)} ms (ops ${a.opIds.join(', ')}): ${a.message}`);
  }
  io.out(`  replay: ddia-labs sim ${r.scenario} --seed ${r.seed}`);
  return 0;
}
