/**
 * `perf.baseline`: non-regression testing for benchmarks. `save` writes a result's raw samples
 * to a JSON file (format in extension/perf/bench/baseline.ts); `check` benchmarks against it
 * and reports a regression only for a significant slowdown of at least `maxSlowdown`.
 *
 * Relative paths resolve against the lab folder in a notebook (the kernel sets `__dirname`
 * to it) and against the current directory elsewhere (CLI, exercise tests).
 */
import * as path from 'node:path';
import { checkRegression, loadBaseline, saveBaseline, type Baseline } from '../perf/bench/baseline';
import { compareSpec, TEST_NAMES } from '../perf/bench/benchView';
import { compareText, formatNs } from '../views/perf/benchText';
import { PERF_MIME, type CompareSpec } from '../views/perf/perfOutputs';
import { DISPLAYABLE, type Displayable } from './outputs';
import { benchEnvironment, type BenchRun } from './perfBench';
import { CHART_MIME } from '../views/chart/chartOutput';
import { nodeTextFiles } from '../util/nodeFiles';

/** Where a relative baseline path lands: the lab folder in a notebook, else the current directory. */
export function resolveBaselinePath(file: string): string {
  if (typeof file !== 'string' || file.length === 0) throw new TypeError('perf.baseline: file must be a non-empty path');
  const labDir = (globalThis as Record<string, unknown>)['__dirname'];
  return path.resolve(typeof labDir === 'string' ? labDir : process.cwd(), file);
}

/** What {@link baseline.check} found. Displayed: the regression verdict with box plots. */
export interface BaselineCheck extends Displayable {
  /** 'created' when no baseline existed and this result was saved as the baseline. */
  readonly status: 'created' | 'ok' | 'regressed';
  readonly regressed: boolean;
  readonly file: string;
  /** The comparison against the baseline (absent when the baseline was just created). */
  readonly comparison?: CompareSpec;
  readonly maxSlowdown: number;
  readonly message: string;
}

export interface BaselineCheckOptions {
  /** Smallest median slowdown that counts as a regression (default 0.05, i.e. 5%). */
  readonly maxSlowdown?: number;
  /** Significance level (default 0.05). */
  readonly alpha?: number;
  /** When the file does not exist, save this result as the baseline (default true). */
  readonly saveIfMissing?: boolean;
}

function checkResult(
  status: BaselineCheck['status'],
  file: string,
  maxSlowdown: number,
  message: string,
  comparison?: CompareSpec,
): BaselineCheck {
  return {
    status,
    regressed: status === 'regressed',
    file,
    maxSlowdown,
    message,
    ...(comparison ? { comparison } : {}),
    [DISPLAYABLE]: () =>
      comparison
        ? {
            items: [
              { mime: PERF_MIME.compare, data: { ...comparison, explanation: `${message} ${comparison.explanation}` } },
              { mime: CHART_MIME, data: comparison.box },
            ],
            text: `${message}\n${compareText(comparison)}`,
          }
        : { items: [], text: message },
  };
}

export const baseline = {
  /** Saves `result`'s samples (and this machine's description) to `file`; returns the absolute path. */
  async save(file: string, result: BenchRun): Promise<string> {
    if (!result || !Array.isArray(result.samplesNs))
      throw new TypeError('perf.baseline.save(file, result): result must be a perf.bench result');
    const abs = resolveBaselinePath(file);
    await saveBaseline(nodeTextFiles, abs, result.raw, new Date().toISOString(), benchEnvironment());
    return abs;
  },

  /** Reads a saved baseline; throws a clear error if the file is missing or not a baseline. */
  async load(file: string): Promise<Baseline> {
    const abs = resolveBaselinePath(file);
    const loaded = await loadBaseline(nodeTextFiles, abs);
    if (!loaded.ok) throw new Error(`perf.baseline.load: ${loaded.message}`);
    return loaded.baseline;
  },

  /**
   * Compares `result` with the baseline in `file`. A regression is a significant (Mann–Whitney
   * U) slowdown of the median by at least `maxSlowdown`. A missing file is created from
   * `result` unless `saveIfMissing` is false; a file that is not a baseline is an error.
   */
  async check(file: string, result: BenchRun, opts: BaselineCheckOptions = {}): Promise<BaselineCheck> {
    if (!result || !Array.isArray(result.samplesNs))
      throw new TypeError('perf.baseline.check(file, result): result must be a perf.bench result');
    const abs = resolveBaselinePath(file);
    const maxSlowdown = opts.maxSlowdown ?? 0.05;
    const loaded = await loadBaseline(nodeTextFiles, abs);
    if (!loaded.ok) {
      if (loaded.reason === 'missing' && opts.saveIfMissing !== false) {
        await saveBaseline(nodeTextFiles, abs, result.raw, new Date().toISOString(), benchEnvironment());
        return checkResult(
          'created',
          abs,
          maxSlowdown,
          `No baseline yet: saved ${result.name} (median ${formatNs(result.stats.medianNs)}) to ${abs}.`,
        );
      }
      throw new Error(`perf.baseline.check: ${loaded.message}`);
    }
    const b = loaded.baseline;
    const r = checkRegression(b, result.raw, { maxSlowdown, ...(opts.alpha !== undefined ? { alpha: opts.alpha } : {}) });
    const spec = compareSpec(
      { ...r.comparison, baseline: `${b.name} (baseline ${b.savedAt.slice(0, 10)})`, candidate: result.name },
      b.samplesNs,
      result.samplesNs,
    );
    const pct = (r.comparison.relativeChange * 100).toFixed(1);
    const message = r.regressed
      ? `REGRESSION: ${result.name} is ${pct}% slower than its baseline (${TEST_NAMES[r.comparison.test]}, limit ${(maxSlowdown * 100).toFixed(0)}%).`
      : `No regression: ${result.name} changed ${pct}% against its baseline (limit ${(maxSlowdown * 100).toFixed(0)}%).`;
    return checkResult(r.regressed ? 'regressed' : 'ok', abs, maxSlowdown, message, spec);
  },
};
