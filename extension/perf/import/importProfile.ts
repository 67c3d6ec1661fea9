/**
 * The import dispatcher: the file name decides first (`*.cpuprofile`, `*.speedscope.json`,
 * `*.folded`/`*.collapsed`, `*.perf`/`*.linux-perf.txt`/`perf.script`), then every importer is
 * asked in turn, most specific first (folded stacks accept the most, so they come last). An
 * importer that recognises the input but finds it broken ends the search with its error: a
 * truncated .cpuprofile must say so, not fall through to "unknown format".
 */
import { importCpuProfile } from './cpuprofile';
import { importFolded } from './folded';
import { ProfileInput } from './input';
import { importPerfScript } from './perfScript';
import { type ImportResult, type ProfileFormat } from './result';
import { importSpeedscope } from './speedscope';

export type Importer = (content: ProfileInput) => ImportResult;

export const IMPORTERS: Readonly<Record<ProfileFormat, Importer>> = {
  cpuprofile: importCpuProfile,
  speedscope: importSpeedscope,
  perf: importPerfScript,
  folded: importFolded,
};

const SNIFF_ORDER: readonly ProfileFormat[] = ['cpuprofile', 'speedscope', 'perf', 'folded'];

export type DispatchResult = ImportResult | { readonly kind: 'unrecognised'; readonly message: string };

export function formatFromFileName(fileName: string): ProfileFormat | undefined {
  const name = fileName.toLowerCase().replace(/^.*[\\/]/, '');
  if (name.endsWith('.cpuprofile')) return 'cpuprofile';
  if (name.endsWith('.speedscope.json')) return 'speedscope';
  if (name.endsWith('.folded') || name.endsWith('.collapsed')) return 'folded';
  if (name.endsWith('.perf') || name.endsWith('.linux-perf.txt') || name === 'perf.script' || name.endsWith('.perf-script')) return 'perf';
  return undefined;
}

export function importProfile(content: string | Uint8Array, fileName?: string, format: ProfileFormat | 'auto' = 'auto'): DispatchResult {
  const input = ProfileInput.from(content, fileName);
  if (format !== 'auto') return IMPORTERS[format](input);
  const byName = fileName === undefined ? undefined : formatFromFileName(fileName);
  const order = byName ? [byName, ...SNIFF_ORDER.filter((f) => f !== byName)] : SNIFF_ORDER;
  const reasons: string[] = [];
  for (const f of order) {
    const result = IMPORTERS[f](input);
    if (result.kind !== 'not-this-format') return result;
    reasons.push(`${f}: ${result.reason}`);
  }
  return { kind: 'unrecognised', message: `not a profile format we know (${reasons.join('; ')})` };
}
