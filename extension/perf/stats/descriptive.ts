/**
 * Descriptive statistics of one sample set. Every function takes plain numbers and returns
 * NaN for an empty input (and for spreads that need two values) instead of throwing, so a
 * caller can show "not enough samples" rather than crash.
 *
 * Definitions (stated because libraries differ):
 * - variance and standard deviation are the *sample* ones, dividing by n − 1 (Bessel);
 * - coefficient of variation is stddev / mean (a ratio, not a percentage);
 * - MAD is the raw median absolute deviation from the median, *not* scaled by 1.4826;
 *   `madScaled` multiplies by 1.4826 so it estimates σ for normal data.
 */
import { quantileSorted } from './percentile';

export function sum(xs: readonly number[]): number {
  // Neumaier's compensated sum: benchmark samples can span many magnitudes.
  let s = 0;
  let c = 0;
  for (const x of xs) {
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : sum(xs) / xs.length;
}

export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  return sum(xs.map((x) => (x - m) * (x - m))) / (xs.length - 1);
}

export function stddev(xs: readonly number[]): number {
  return Math.sqrt(variance(xs));
}

export function coefficientOfVariation(xs: readonly number[]): number {
  return stddev(xs) / mean(xs);
}

export function sortAscending(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

export function median(xs: readonly number[]): number {
  return quantileSorted(sortAscending(xs), 0.5);
}

export function mad(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/** Consistency constant 1 / Φ⁻¹(3/4), so that madScaled estimates σ for normal data. */
export const MAD_NORMAL_SCALE = 1.482602218505602;

export function madScaled(xs: readonly number[]): number {
  return mad(xs) * MAD_NORMAL_SCALE;
}

export interface Summary {
  count: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  stddev: number;
  /** stddev / mean. */
  cv: number;
  /** Raw (unscaled) median absolute deviation. */
  mad: number;
}

export function summarize(xs: readonly number[]): Summary {
  const sorted = sortAscending(xs);
  return {
    count: xs.length,
    min: sorted.length ? (sorted[0] as number) : NaN,
    max: sorted.length ? (sorted[sorted.length - 1] as number) : NaN,
    mean: mean(xs),
    median: quantileSorted(sorted, 0.5),
    stddev: stddev(xs),
    cv: coefficientOfVariation(xs),
    mad: mad(xs),
  };
}
