/**
 * Benchmark baselines for non-regression testing, stored as JSON through an injected file
 * store (the workspace file system in the extension, node:fs in the CLI, a Map in tests).
 *
 * File format (version 1), one baseline per file:
 *   {
 *     "format": "ddia-labs-bench-baseline",
 *     "version": 1,
 *     "name": "<benchmark name>",
 *     "savedAt": "<ISO 8601 time, supplied by the caller>",
 *     "environment": { "<key>": "<value>" },   // e.g. node version, CPU model: for the reader
 *     "iterationsPerSample": <integer>,
 *     "samplesNs": [<per-operation ns>, …]     // the raw samples, so any test can be re-run
 *   }
 * Raw samples rather than a summary are kept because a regression check needs a distribution.
 */
import { compareSamples, type Comparison } from '../stats/verdict';
import { type BenchResult } from './runBench';

export interface FileStore {
  read(path: string): Promise<string | undefined>;
  write(path: string, text: string): Promise<void>;
}

export interface Baseline {
  format: 'ddia-labs-bench-baseline';
  version: 1;
  name: string;
  savedAt: string;
  environment: Record<string, string>;
  iterationsPerSample: number;
  samplesNs: number[];
}

export type LoadedBaseline = { ok: true; baseline: Baseline } | { ok: false; reason: 'missing' | 'invalid'; message: string };

export async function saveBaseline(
  store: FileStore,
  path: string,
  result: BenchResult,
  savedAt: string,
  environment: Record<string, string> = {},
): Promise<Baseline> {
  const baseline: Baseline = {
    format: 'ddia-labs-bench-baseline',
    version: 1,
    name: result.name,
    savedAt,
    environment,
    iterationsPerSample: result.iterationsPerSample,
    samplesNs: result.samplesNs,
  };
  await store.write(path, `${JSON.stringify(baseline, null, 2)}\n`);
  return baseline;
}

export async function loadBaseline(store: FileStore, path: string): Promise<LoadedBaseline> {
  const text = await store.read(path);
  if (text === undefined) return { ok: false, reason: 'missing', message: `no baseline at ${path}` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: 'invalid', message: `${path} is not JSON: ${(e as Error).message}` };
  }
  const b = data as Partial<Baseline>;
  if (b?.format !== 'ddia-labs-bench-baseline') return { ok: false, reason: 'invalid', message: `${path} is not a DDIA Labs baseline` };
  if (b.version !== 1) return { ok: false, reason: 'invalid', message: `${path} has unsupported version ${String(b.version)}` };
  if (
    typeof b.name !== 'string' ||
    !Array.isArray(b.samplesNs) ||
    b.samplesNs.length < 2 ||
    !b.samplesNs.every((x) => typeof x === 'number' && Number.isFinite(x))
  ) {
    return { ok: false, reason: 'invalid', message: `${path} lacks a name or at least two finite samples` };
  }
  return {
    ok: true,
    baseline: {
      format: b.format,
      version: 1,
      name: b.name,
      savedAt: typeof b.savedAt === 'string' ? b.savedAt : '',
      environment: typeof b.environment === 'object' && b.environment ? b.environment : {},
      iterationsPerSample: typeof b.iterationsPerSample === 'number' ? b.iterationsPerSample : 1,
      samplesNs: b.samplesNs,
    },
  };
}

export interface RegressionCheck {
  regressed: boolean;
  comparison: Comparison;
  maxSlowdown: number;
}

/**
 * A regression is a *significant* slowdown (Mann–Whitney, alpha 0.05 by default) of at least
 * `maxSlowdown` (default 5%) in the median. Both conditions are needed: noise alone must not
 * fail a build, and neither should a real but negligible change.
 */
export function checkRegression(
  baseline: Baseline,
  result: Pick<BenchResult, 'samplesNs'>,
  opts: { maxSlowdown?: number; alpha?: number } = {},
): RegressionCheck {
  const maxSlowdown = opts.maxSlowdown ?? 0.05;
  const comparison = compareSamples(baseline.samplesNs, result.samplesNs, { alpha: opts.alpha ?? 0.05, minRelativeChange: maxSlowdown });
  return { regressed: comparison.verdict === 'slower', comparison, maxSlowdown };
}
