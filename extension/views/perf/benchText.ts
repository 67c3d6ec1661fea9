/**
 * A benchmark result and an A/B verdict in words: the summary rows the perf view's table and
 * the text fallback share, and the headline of a comparison. Pure formatting of the specs
 * (extension/views/perf/perfOutputs.ts), so a number reads the same in a cell, a panel and the CLI.
 */
import type { BenchSpec, CompareSpec } from './perfOutputs';

/** Chooses a unit so that typical values read as 1–999. */
export function timeUnit(ns: number): { unit: 'ns' | 'µs' | 'ms' | 's'; scale: number } {
  const a = Math.abs(ns);
  if (!Number.isFinite(a) || a < 1e3) return { unit: 'ns', scale: 1 };
  if (a < 1e6) return { unit: 'µs', scale: 1e3 };
  if (a < 1e9) return { unit: 'ms', scale: 1e6 };
  return { unit: 's', scale: 1e9 };
}

/** "12.3 µs"; NaN reads "n/a". */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return 'n/a';
  const { unit, scale } = timeUnit(ns);
  const v = ns / scale;
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${unit}`;
}

/** Summary rows shared by the text fallback and the CLI. */
export function summaryRows(s: BenchSpec): [string, string][] {
  const m = s.summary;
  return [
    ['mean', formatNs(m.meanNs)],
    ['median', formatNs(m.medianNs)],
    ['p90', formatNs(m.p90Ns)],
    ['p99', formatNs(m.p99Ns)],
    ['p99.9', formatNs(m.p999Ns)],
    ['stddev', formatNs(m.stddevNs)],
    ['CV', Number.isFinite(m.cv) ? `${(m.cv * 100).toFixed(1)}%` : 'n/a'],
    [`${Math.round(m.ciLevel * 100)}% CI of mean`, `${formatNs(m.ciLowNs)} – ${formatNs(m.ciHighNs)}`],
    ['outliers (Tukey)', `${m.outliersLow} low, ${m.outliersHigh} high of ${s.samples}`],
  ];
}

export function benchText(s: BenchSpec): string {
  const head = `${s.name}: ${s.samples} samples × ${s.iterationsPerSample} calls (${(s.totalMs / 1000).toFixed(1)} s)`;
  const rows = summaryRows(s);
  const w = Math.max(...rows.map(([k]) => k.length));
  return [head, ...rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`)].join('\n');
}

/** "B is faster than A" in plain words, for headings. */
export function verdictHeadline(s: Pick<CompareSpec, 'baseline' | 'candidate' | 'verdict'>): string {
  return s.verdict === 'no significant difference'
    ? `${s.candidate} vs ${s.baseline}: no significant difference`
    : `${s.candidate} is ${s.verdict} than ${s.baseline}`;
}

export function compareText(s: CompareSpec): string {
  return [
    verdictHeadline(s),
    `  test: ${s.testName}, p = ${s.pValue.toPrecision(3)} (alpha ${s.alpha})`,
    `  ${s.centre} change: ${(s.relativeChange * 100).toFixed(1)}%, ${s.effectSizeName} ${s.effectSize.toFixed(3)}`,
    `  ${s.explanation}`,
  ].join('\n');
}
