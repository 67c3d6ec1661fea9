/**
 * What every importer returns. "not-this-format" is a normal answer (the dispatcher then tries
 * the next importer); "error" means the input is recognisably this format but broken, and the
 * message names the problem (truncated JSON, a sample pointing at a missing node, ...).
 */
import { type ProfileGroup } from '../model/types';

export type ProfileFormat = 'cpuprofile' | 'folded' | 'perf' | 'speedscope';

export const PROFILE_FORMATS: readonly ProfileFormat[] = ['cpuprofile', 'speedscope', 'perf', 'folded'];

export type ImportResult =
  | { readonly kind: 'ok'; readonly format: ProfileFormat; readonly group: ProfileGroup }
  | { readonly kind: 'not-this-format'; readonly format: ProfileFormat; readonly reason: string }
  | { readonly kind: 'error'; readonly format: ProfileFormat; readonly message: string };

export function notThisFormat(format: ProfileFormat, reason: string): ImportResult {
  return { kind: 'not-this-format', format, reason };
}

export function importError(format: ProfileFormat, message: string): ImportResult {
  return { kind: 'error', format, message: `${format}: ${message}` };
}

/** Runs an import whose format is already recognised, turning thrown errors into results. */
export function recognised(format: ProfileFormat, run: () => ProfileGroup): ImportResult {
  try {
    return { kind: 'ok', format, group: run() };
  } catch (e) {
    return importError(format, e instanceof Error ? e.message : String(e));
  }
}
