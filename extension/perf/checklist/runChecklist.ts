/**
 * Runs the first-60-seconds checklist with whatever is installed: each command is looked up
 * on PATH, run with a time bound through an injected runner (child_process in the host, a
 * table of captured outputs in tests), parsed, and the standouts summarized. Commands run one
 * after another, never in parallel, so they do not disturb each other's measurements.
 * A missing tool is reported with the package that provides it; a failed or timed-out one
 * with its stderr; the checklist itself never throws for a tool's sake.
 */
import { parseDmesg } from '../parsers/dmesg';
import { parseFree } from '../parsers/free';
import { parseIostat } from '../parsers/iostat';
import { parseMpstat } from '../parsers/mpstat';
import { type Parsed } from '../parsers/parsed';
import { parsePidstat } from '../parsers/pidstat';
import { parseSarDev, parseSarTcp } from '../parsers/sarNetwork';
import { parseTop } from '../parsers/top';
import { parseUptime } from '../parsers/uptime';
import { parseVmstatTool } from '../parsers/vmstatTool';
import { CHECKLIST, type ChecklistCommand, type ChecklistId } from './commands';
import { findStandouts, type Finding, type ParsedOutputs } from './findings';

export interface RunOutcome {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  timedOut: boolean;
}

export interface ChecklistDeps {
  /** Absolute path of an executable, or undefined when it is not installed. */
  which(name: string): Promise<string | undefined>;
  run(file: string, args: string[], timeoutMs: number): Promise<RunOutcome>;
  cpuCount: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  onStep?(id: ChecklistId, index: number, total: number): void;
}

export type StepStatus = 'ok' | 'missing' | 'failed' | 'timed-out' | 'unparsed' | 'cancelled';

export interface ChecklistStep {
  id: ChecklistId;
  label: string;
  purpose: string;
  status: StepStatus;
  /** Install hint for a missing tool. */
  install?: string;
  output?: string;
  notes: string[];
}

export interface ChecklistReport {
  steps: ChecklistStep[];
  findings: Finding[];
  parsed: ParsedOutputs;
}

function lastLines(text: string, n: number): string {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .slice(-n)
    .join('\n');
}

function store(parsed: ParsedOutputs, id: ChecklistId, text: string): Parsed<unknown> {
  const keep = <T>(r: Parsed<T>, set: (v: T) => void): Parsed<T> => (r.ok && set(r.value), r);
  switch (id) {
    case 'uptime':
      return keep(parseUptime(text), (v) => (parsed.uptime = v));
    case 'dmesg':
      return keep(parseDmesg(lastLines(text, 10)), (v) => (parsed.dmesg = v));
    case 'vmstat':
      return keep(parseVmstatTool(text), (v) => (parsed.vmstat = v));
    case 'mpstat':
      return keep(parseMpstat(text), (v) => (parsed.mpstat = v));
    case 'pidstat':
      return keep(parsePidstat(text), (v) => (parsed.pidstat = v));
    case 'iostat':
      return keep(parseIostat(text), (v) => (parsed.iostat = v));
    case 'free':
      return keep(parseFree(text), (v) => (parsed.free = v));
    case 'sar-dev':
      return keep(parseSarDev(text), (v) => (parsed.sarDev = v));
    case 'sar-tcp':
      return keep(parseSarTcp(text), (v) => (parsed.sarTcp = v));
    case 'top':
      return keep(parseTop(text), (v) => (parsed.top = v));
  }
}

function installHint(c: ChecklistCommand): string {
  const brew = c.homebrewPackage ? `; macOS: brew install ${c.homebrewPackage}` : '';
  return `Debian/Ubuntu: sudo apt install ${c.debianPackage}${brew}`;
}

export async function runChecklist(deps: ChecklistDeps, commands: readonly ChecklistCommand[] = CHECKLIST): Promise<ChecklistReport> {
  const parsed: ParsedOutputs = {};
  const steps: ChecklistStep[] = [];
  const timeoutMs = deps.timeoutMs ?? 10_000;
  for (const [i, c] of commands.entries()) {
    const base = { id: c.id, label: c.label, purpose: c.purpose, notes: [] as string[] };
    if (deps.signal?.aborted) {
      steps.push({ ...base, status: 'cancelled' });
      continue;
    }
    deps.onStep?.(c.id, i, commands.length);
    const [name, ...args] = c.argv as [string, ...string[]];
    const file = await deps.which(name);
    if (!file) {
      steps.push({ ...base, status: 'missing', install: installHint(c), notes: [`${name} is not installed`] });
      continue;
    }
    const r = await deps.run(file, args, timeoutMs);
    const output = r.stdout || r.stderr;
    if (r.timedOut) {
      steps.push({ ...base, status: 'timed-out', output, notes: [`no result within ${timeoutMs} ms`] });
      continue;
    }
    const p = store(parsed, c.id, r.stdout + (c.id === 'dmesg' ? r.stderr : ''));
    if (p.ok) steps.push({ ...base, status: 'ok', output, notes: p.notes });
    else if (r.exitCode !== 0)
      steps.push({ ...base, status: 'failed', output, notes: [`exit code ${r.exitCode}`, lastLines(r.stderr, 3)].filter(Boolean) });
    else steps.push({ ...base, status: 'unparsed', output, notes: [p.reason] });
  }
  return { steps, findings: findStandouts(parsed, deps.cpuCount), parsed };
}
