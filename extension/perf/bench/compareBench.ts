/**
 * `compare(a, b)`: is benchmark B faster or slower than A? The per-operation samples of the
 * two results go to stats/verdict (Mann–Whitney U by default, Welch's t on request); the
 * verdict reads "B is faster/slower than A" and carries the test, p-value and effect size.
 */
import { compareSamples, type Comparison, type CompareOptions } from '../stats/verdict';
import { type BenchResult } from './runBench';

export interface BenchComparison extends Comparison {
  baseline: string;
  candidate: string;
}

export function compareBench(
  a: Pick<BenchResult, 'name' | 'samplesNs'>,
  b: Pick<BenchResult, 'name' | 'samplesNs'>,
  opts: CompareOptions = {},
): BenchComparison {
  return { ...compareSamples(a.samplesNs, b.samplesNs, opts), baseline: a.name, candidate: b.name };
}
