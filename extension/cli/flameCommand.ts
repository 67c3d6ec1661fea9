/**
 * `ddia-labs flame <file> [--format …] [--json] [--folded] [--out FILE.html]`: imports a profile with the same
 * importers the flame-graph editor uses and prints a summary (profiles, totals, the heaviest
 * frames), the summary as JSON, or the profile as folded stacks. Exit 3 when the file cannot be
 * read or is not a profile we can import, with the reason. `--out FILE.html` writes a
 * self-contained interactive flame graph page (see flameHtml.ts).
 *
 * `--folded` on `perf script` text is stackcollapse-perf.pl (perf/import/collapsePerf.ts):
 * every thread's samples, counted by sample or period, with its options; the file is read a
 * line at a time and the output written a line at a time, so neither has to fit in memory as
 * one string. Only regular files are read (not /dev/zero, FIFOs or directories), up to a cap.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../perf/import/input';
import { flameHtml } from './flameHtml';
import { PerfCollapser, type CollapseOptions } from '../perf/import/collapsePerf';
import { foldedLines } from '../perf/import/exportFolded';
import { InputFileError, MAX_STREAMED_BYTES, readInputFile, readInputHead, readInputLines, checkInputFile } from './fileLines';
import { formatFromFileName, importProfile } from '../perf/import/importProfile';
import { looksLikePerfScript } from '../perf/import/perfScriptParse';
import { PROFILE_FORMATS, type ProfileFormat } from '../perf/import/result';
import { formatValue } from '../perf/model/formatValue';
import { type Profile } from '../perf/model/types';
import { frameWeights, totalWeight } from '../perf/model/weights';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './io';

export const FLAME_USAGE =
  'usage: ddia-labs flame <file> [--format auto|cpuprofile|folded|perf|speedscope] [--json | --folded [perf options] | --out FILE.html]';
export const FLAME_HELP = `${FLAME_USAGE}

Imports a CPU profile (.cpuprofile, speedscope JSON, folded stacks, perf script output) and
prints its profiles with their total weight, sample and frame counts and heaviest frames.
Exit 3 when the file cannot be read or imported, with the reason: only regular files are
read (not devices such as /dev/zero, FIFOs or directories), at most ${MAX_STREAMED_BYTES / 1024 ** 3} GiB of perf script
for --folded and 512 MiB otherwise.

options:
  --format F  the file's format (default auto: by file name, then by content)
  --json      print {format, profiles:[{name, unit, totalWeight, samples, frames}]}
  --folded    print folded stacks ("a;b;c 12" per line). For perf script input this is what
              FlameGraph's stackcollapse-perf.pl prints: all samples of all threads, one
              line "comm;root;...;leaf count" per distinct stack, sorted, counted by the
              sample's period when perf printed one, else 1 per sample; only the first event
              type seen is kept; a sample counts once a blank line ends it. For other
              formats: one line per run of samples, times in seconds or milliseconds written
              as integer microseconds; a file with several profiles prints the first one
              shown (named on stderr).
  --out FILE  write FILE.html: an interactive flame graph (zoom, search, sandwich, time
              order) in one self-contained page, no network needed
  --help      show this help

perf script options (with --folded, as in stackcollapse-perf.pl):
  --pid       name the process "comm-PID" ("?" when perf printed only one id)
  --tid       name the process "comm-PID/TID"
  --kernel    tag kernel frames with _[k]
  --jit       tag JIT frames (/tmp/perf-PID.map) with _[j]
  --all       --kernel and --jit
  --addrs     show unresolved symbols as [module <address>]
  --event-filter EVENT  keep only samples of EVENT (default: the first event type seen)`;

const FOLDED_SCALE: Partial<Record<Profile['unit'], number>> = { seconds: 1e6, milliseconds: 1e3 };

export async function flameCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {
    format: 'string',
    json: 'boolean',
    folded: 'boolean',
    out: 'string',
    help: 'boolean',
    ...PERF_FLAGS,
  });
  if (flags['help']) {
    io.out(FLAME_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'missing <file>' : `unexpected argument '${positionals[1]}'`);
  const format = (flags['format'] ?? 'auto') as string;
  if (format !== 'auto' && !PROFILE_FORMATS.includes(format as ProfileFormat))
    throw new UsageError(`--format must be one of auto, ${PROFILE_FORMATS.join(', ')}; got '${format}'`);
  if ([flags['json'], flags['folded'], flags['out']].filter(Boolean).length > 1)
    throw new UsageError('--json, --folded and --out exclude each other');
  const perfFlags = Object.keys(PERF_FLAGS).filter((f) => flags[f] !== undefined);
  if (perfFlags.length > 0 && !flags['folded']) throw new UsageError(`--${perfFlags[0]} needs --folded`);
  const file = positionals[0] as string;
  let bytes: Uint8Array;
  try {
    if (flags['folded'] && isPerfScript(file, format)) return collapsePerfFile(file, collapseOptions(flags), io);
    if (perfFlags.length > 0) throw new UsageError(`--${perfFlags[0]} is for perf script input, and ${file} is not perf script`);
    bytes = readInputFile(file);
  } catch (err) {
    if (!(err instanceof InputFileError) && !isFsError(err)) throw err;
    io.err(`ddia-labs flame: cannot read ${file}: ${err.message}`);
    return 3;
  }
  const result = importProfile(bytes, file, format as ProfileFormat | 'auto');
  if (result.kind !== 'ok') {
    const reason =
      result.kind === 'unrecognised' ? result.message : result.kind === 'error' ? result.message : `not ${result.format}: ${result.reason}`;
    io.err(`ddia-labs flame: cannot import ${file}: ${reason}`);
    return 3;
  }
  const { group } = result;
  if (typeof flags['out'] === 'string') return writeHtml(flags['out'], file, bytes, io);
  if (flags['folded']) {
    const profile = group.profiles[group.activeIndex] ?? group.profiles[0];
    if (!profile) return 0;
    if (group.profiles.length > 1) io.err(`${group.profiles.length} profiles in the file; printing '${profile.name}'`);
    for (const line of foldedLines(profile, { scale: FOLDED_SCALE[profile.unit] ?? 1 })) io.out(line);
    return 0;
  }
  const profiles = group.profiles.map((p) => ({
    name: p.name,
    unit: p.unit,
    totalWeight: totalWeight(p),
    samples: p.samples.length,
    frames: p.frames.length,
  }));
  if (flags['json']) {
    io.out(JSON.stringify({ format: result.format, profiles }, null, 2));
    return 0;
  }
  io.out(`${file}: ${result.format}, ${profiles.length} profile${profiles.length === 1 ? '' : 's'}`);
  group.profiles.forEach((p, i) => {
    const s = profiles[i] as (typeof profiles)[number];
    io.out(`\n${p.name || '(unnamed)'}: ${formatValue(s.totalWeight, p.unit)} total, ${s.samples} samples, ${s.frames} frames`);
    const { self, total } = frameWeights(p);
    const top = [...self.keys()].sort((a, b) => (self[b] as number) - (self[a] as number)).slice(0, 10);
    for (const f of top) {
      if (!((self[f] as number) > 0)) break;
      const share = s.totalWeight > 0 ? (((self[f] as number) / s.totalWeight) * 100).toFixed(1) : '0.0';
      const frame = p.frames[f] as Profile['frames'][number];
      const where = frame.file ? `  ${frame.file}${frame.line ? `:${frame.line}` : ''}` : '';
      io.out(`  ${share.padStart(5)}% self  ${formatValue(total[f] as number, p.unit).padStart(10)} total  ${frame.name}${where}`);
    }
  });
  return 0;
}

const PERF_FLAGS = {
  pid: 'boolean',
  tid: 'boolean',
  kernel: 'boolean',
  jit: 'boolean',
  all: 'boolean',
  addrs: 'boolean',
  'event-filter': 'string',
} as const;

function collapseOptions(flags: Record<string, string | boolean>): CollapseOptions {
  const eventFilter = flags['event-filter'];
  return {
    pid: flags['pid'] === true,
    tid: flags['tid'] === true,
    kernel: flags['kernel'] === true,
    jit: flags['jit'] === true,
    all: flags['all'] === true,
    addrs: flags['addrs'] === true,
    ...(typeof eventFilter === 'string' ? { eventFilter } : {}),
  };
}

function isFsError(err: unknown): err is NodeJS.ErrnoException & Error {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string';
}

/**
 * Whether `--folded` reads the file as perf script, decided as importProfile would: by --format
 * or the file name when they say perf or say nothing, and then by the content (not JSON, and a
 * perf event header followed by a frame line in the first 64 KiB).
 */
function isPerfScript(file: string, format: string): boolean {
  if (format !== 'auto' && format !== 'perf') return false;
  const byName = format === 'auto' ? formatFromFileName(file) : undefined;
  if (byName !== undefined && byName !== 'perf') return false;
  // Content that is not perf script goes to the importers, which say what is wrong with it.
  checkInputFile(file, MAX_STREAMED_BYTES);
  const head = readInputHead(file);
  return !/^\uFEFF?\s*[{[]/.test(head) && looksLikePerfScript(head);
}

/** stackcollapse-perf.pl: the file read a line at a time, the folded stacks written a line at a time. */
function collapsePerfFile(file: string, options: CollapseOptions, io: CliIo): number {
  const collapser = new PerfCollapser(options);
  for (const line of readInputLines(file)) collapser.line(line);
  if (collapser.samples === 0) {
    io.err(
      `ddia-labs flame: no complete samples in ${file} (a sample counts once a blank line ends it${options.eventFilter ? `, and only samples of event '${options.eventFilter}' are kept` : ''})`,
    );
    return 0;
  }
  for (const line of collapser.lines()) io.out(line);
  return 0;
}

/** Writes the HTML page; exit 3 when the built view script is missing or the file cannot be written. */
function writeHtml(out: string, file: string, bytes: Uint8Array, io: CliIo): number {
  const scriptPath = path.join(io.distDir, 'webviews', 'flamegraph.js');
  let script: string;
  try {
    script = fs.readFileSync(scriptPath, 'utf8');
  } catch {
    io.err(`ddia-labs flame: the flame graph view is not built (${scriptPath} is missing); run \`npm run build\``);
    return 3;
  }
  const name = path.basename(file);
  try {
    fs.writeFileSync(out, flameHtml({ title: `${name} — flame graph`, fileName: name, text: decodeText(bytes), script }));
  } catch (err) {
    io.err(`ddia-labs flame: cannot write ${out}: ${err instanceof Error ? err.message : String(err)}`);
    return 3;
  }
  io.out(`wrote ${out} (${name}, ${(fs.statSync(out).size / 1024).toFixed(0)} KB)`);
  return 0;
}
