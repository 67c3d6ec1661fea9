/**
 * Human-readable weights, in the same shape speedscope prints them (its snapshots are our
 * reference): plain numbers for `none`, `X.XXns|µs|ms|s` (or `m:ss` from one minute) for time
 * units, `B/KB/MB/GB` (powers of 1024) for bytes.
 */
import { type ValueUnit } from './types';

const SECONDS_PER_UNIT: Partial<Record<ValueUnit, number>> = {
  nanoseconds: 1e-9,
  microseconds: 1e-6,
  milliseconds: 1e-3,
  seconds: 1,
};

function formatSeconds(s: number): string {
  if (s / 60 >= 1) {
    const minutes = Math.floor(s / 60);
    const seconds = Math.floor(s - minutes * 60);
    return `${minutes}:${String(seconds).padStart(2, '0')}`;
  }
  if (s >= 1) return `${s.toFixed(2)}s`;
  if (s / 1e-3 >= 1) return `${(s / 1e-3).toFixed(2)}ms`;
  if (s / 1e-6 >= 1) return `${(s / 1e-6).toFixed(2)}µs`;
  return `${(s / 1e-9).toFixed(2)}ns`;
}

function formatBytes(v: number): string {
  if (v < 1024) return `${v.toFixed(0)} B`;
  for (const suffix of ['KB', 'MB']) {
    v /= 1024;
    if (v < 1024) return `${v.toFixed(2)} ${suffix}`;
  }
  return `${(v / 1024).toFixed(2)} GB`;
}

export function formatValue(v: number, unit: ValueUnit): string {
  const multiplier = SECONDS_PER_UNIT[unit];
  if (multiplier !== undefined) return `${v < 0 ? '-' : ''}${formatSeconds(Math.abs(v) * multiplier)}`;
  if (unit === 'bytes') return formatBytes(v);
  return v.toLocaleString('en-US');
}
