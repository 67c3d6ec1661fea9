/**
 * `ddia-labs sim <scenario> [name=value …] [--seed N] [--trace FILE] [--json]` runs a named
 * simulator scenario with its options and prints a summary with the trace hash (the same seed
 * and options always give the same hash) and the anomalies the checkers found; `--trace` writes
 * the run as a trace file the stepper opens (DDIA Labs: Open Trace in Stepper…).
 * `ddia-labs sim --list` lists the scenarios with their options. Anomalies are findings, not
 * failures: the exit code is 0 either way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportTrace } from '../sim/core/trace';
import { listScenarios, runScenario } from '../sim/scenarios/registry';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './io';

export const SIM_USAGE =
  'usage: ddia-labs sim <scenario> [name=value …] [--seed N] [--trace FILE] [--json] | ddia-labs sim --list [--json]';
export const SIM_HELP = `${SIM_USAGE}

Runs a replication scenario in the deterministic simulator and prints the trace hash, the
number of events, the anomalies its checkers found and scenario-specific facts.

Scenario options are given as name=value after the scenario, e.g.
  ddia-labs sim async-failover-loses-writes mode=sync writes=50 --seed 3
A value has the type of the option's default (see --list); JSON values such as
injectFaults='[{"atMs":40,"fault":{"kind":"crash","node":"n2"}}]' are accepted.

options:
  --seed N        the run's seed, an integer 0..4294967295 (default 1)
  --trace FILE    also write the run as a trace file (open it in the stepper; name it *.trace.json)
  --list          list the scenarios and their options' defaults
  --json          print JSON (the summary, without the full trace)
  --help          show this help`;

/**
 * name=value pairs, checked against the scenario's defaults: an unknown name or a value of the
 * wrong type is a usage error naming the known options, so a typo never silently runs the
 * default scenario. `injectFaults` (not in any defaults) is the stepper's fault-injection option.
 */
export function parseScenarioOptions(pairs: readonly string[], defaults: object): Record<string, unknown> {
  const known = defaults as Record<string, unknown>;
  const knownList = () =>
    Object.entries(known)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`unexpected argument '${pair}': scenario options are name=value (known: ${knownList()})`);
    const name = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    if (!(name in known) && name !== 'injectFaults')
      throw new UsageError(`unknown option '${name}' for this scenario (known: ${knownList() || 'none'}, injectFaults)`);
    const expected = name === 'injectFaults' ? 'object' : typeof known[name];
    let value: unknown = raw;
    if (expected !== 'string') {
      try {
        value = JSON.parse(raw);
      } catch {
        throw new UsageError(`option '${name}' needs a ${expected === 'object' ? 'JSON' : expected} value, not '${raw}'`);
      }
    }
    if (typeof value !== expected || (expected === 'number' && !Number.isFinite(value as number)))
      throw new UsageError(`option '${name}' needs a ${expected} (default ${JSON.stringify(known[name])}), not '${raw}'`);
    options[name] = value;
  }
  return options;
}

/** Writes through a temporary file and a rename, so an interrupted write never leaves half a trace. */
function writeTraceFile(file: string, text: string): string {
  const abs = path.resolve(file);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new UsageError(`cannot write the trace to '${file}': ${(e as Error).message}`);
  }
  return abs;
}

function parseSeed(raw: string | boolean | undefined): number {
  if (raw === undefined) return 1;
  const seed = Number(raw);
  if (!/^\d+$/.test(String(raw)) || !Number.isSafeInteger(seed) || seed > 0xffffffff)
    throw new UsageError(`--seed must be an integer from 0 to 4294967295, got '${String(raw)}'`);
  return seed;
}

export async function simCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {
    seed: 'string',
    trace: 'string',
    list: 'boolean',
    json: 'boolean',
    help: 'boolean',
  });
  if (flags['help']) {
    io.out(SIM_HELP);
    return 0;
  }
  const scenarios = listScenarios();
  if (flags['list']) {
    if (positionals.length > 0 || flags['seed'] !== undefined) throw new UsageError('--list takes no scenario or --seed');
    if (flags['json']) io.out(JSON.stringify(scenarios, null, 2));
    else
      for (const s of scenarios) {
        io.out(`  ${s.name.padEnd(30)} ${s.description}`);
        const opts = Object.entries(s.defaults).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
        if (opts.length > 0) io.out(`  ${''.padEnd(30)} options: ${opts.join(' ')}`);
      }
    return 0;
  }
  if (flags['list'] === undefined && flags['trace'] !== undefined && positionals.length === 0)
    throw new UsageError('--trace needs a <scenario> to run');
  if (positionals.length === 0) throw new UsageError('missing <scenario> (or --list)');
  const name = positionals[0] as string;
  const seed = parseSeed(flags['seed']);
  const scenario = scenarios.find((s) => s.name === name);
  if (scenario === undefined)
    throw new UsageError(`unknown scenario '${name}'. Known scenarios: ${scenarios.map((s) => s.name).join(', ')}`);
  const given = parseScenarioOptions(positionals.slice(1), scenario.defaults);
  let r: ReturnType<typeof runScenario>;
  try {
    r = runScenario(name, seed, given);
  } catch (e) {
    // A scenario rejects values its types allow but its model does not (e.g. injectFaults' shape).
    if (e instanceof TypeError || e instanceof RangeError) throw new UsageError(`${name}: ${e.message}`);
    throw e;
  }
  const traceFile =
    typeof flags['trace'] === 'string'
      ? writeTraceFile(
          flags['trace'],
          exportTrace({ scenario: r.scenario, seed: r.seed, options: r.options, events: r.trace, history: r.history }),
        )
      : undefined;
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
    ...(traceFile !== undefined ? { traceFile } : {}),
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
  if (traceFile !== undefined) io.out(`  trace file  ${traceFile} (open it with "DDIA Labs: Open Trace in Stepper…")`);
  const replayOptions = Object.entries(given).map(([k, v]) => ` ${shellWord(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)}`);
  io.out(`  replay: ddia-labs sim ${r.scenario}${replayOptions.join('')} --seed ${r.seed}`);
  return 0;
}

/** Quotes a word for a POSIX shell when it holds anything but plain characters. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
