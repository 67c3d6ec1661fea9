/**
 * `ddia-labs flame <file> [--format …] [--json] [--folded] [--out FILE.html]`: imports a profile with the same
 * importers the flame-graph editor uses and prints a summary (profiles, totals, the heaviest
 * frames), the summary as JSON, or the profile as folded stacks. Exit 3 when the file cannot be
 * read or is not a profile we can import, with the reason. `--out FILE.html` writes a
 * self-contained interactive flame graph page (see flameHtml.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../perf/import/input';
import { flameHtml } from './flameHtml';
import { exportFolded } from '../perf/import/exportFolded';
import { importProfile } from '../perf/import/importProfile';
import { PROFILE_FORMATS, type ProfileFormat } from '../perf/import/result';
import { formatValue } from '../perf/model/formatValue';
import { type Profile } from '../perf/model/types';
import { frameWeights, totalWeight } from '../perf/model/weights';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './io';

export const FLAME_USAGE =
  'usage: ddia-labs flame <file> [--format auto|cpuprofile|folded|perf|speedscope] [--json | --folded | --out FILE.html]';
export const FLAME_HELP = `${FLAME_USAGE}

Imports a CPU profile (.cpuprofile, speedscope JSON, folded stacks, perf script output) and
prints its profiles with their total weight, sample and frame counts and heaviest frames.
Exit 3 when the file cannot be read or imported, with the reason.

options:
  --format F  the file's format (default auto: by file name, then by content)
  --json      print {format, profiles:[{name, unit, totalWeight, samples, frames}]}
  --folded    print folded stacks ("a;b;c 12" per line; times in seconds or milliseconds are
              written as integer microseconds). A file with several profiles prints the
              first one shown (named on stderr).
  --out FILE  write FILE.html: an interactive flame graph (zoom, search, sandwich, time
              order) in one self-contained page, no network needed
  --help      show this help`;

const FOLDED_SCALE: Partial<Record<Profile['unit'], number>> = { seconds: 1e6, milliseconds: 1e3 };

export async function flameCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { format: 'string', json: 'boolean', folded: 'boolean', out: 'string', help: 'boolean' });
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
  const file = positionals[0] as string;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (err) {
    io.err(`ddia-labs flame: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
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
    const text = exportFolded(profile, { scale: FOLDED_SCALE[profile.unit] ?? 1 });
    if (text) io.out(text.replace(/\n$/, ''));
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
