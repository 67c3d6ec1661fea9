/**
 * Samples the USE method every interval: reads a snapshot (injected reader), attaches the
 * event-loop sample, computes the report against the previous snapshot using the injected
 * clock for Δt, and hands it to `onReport`. Reads never overlap: a tick that arrives while the
 * previous read is still running is skipped (and counted), so a slow /proc cannot pile up.
 */
import { computeUse, type UseReport } from '../use/computeUse';
import { readSnapshot, type TextReader } from '../use/readSnapshot';
import { type NodeLoopSample, type SystemSnapshot } from '../use/snapshot';
import { type Clock, type Timer } from './clock';

export interface UseSamplerOptions {
  reader: TextReader;
  clock: Clock;
  timer: Timer;
  intervalMs?: number;
  cpuCount: number;
  nodeLoop?: { take(): NodeLoopSample };
  onReport(report: UseReport): void;
  onError?(err: unknown): void;
}

export interface UseSampler {
  /** Takes one sample now (the first call only primes the baseline and returns undefined). */
  tick(): Promise<UseReport | undefined>;
  stop(): void;
  readonly skippedTicks: number;
}

export function startUseSampler(opts: UseSamplerOptions): UseSampler {
  let prev: { snap: SystemSnapshot; at: number } | undefined;
  let busy = false;
  let skipped = 0;
  const tick = async (): Promise<UseReport | undefined> => {
    if (busy) {
      skipped++;
      return undefined;
    }
    busy = true;
    try {
      const snap = await readSnapshot(opts.reader, opts.cpuCount);
      const at = opts.clock.now();
      if (opts.nodeLoop) snap.nodeLoop = opts.nodeLoop.take();
      const before = prev;
      prev = { snap, at };
      if (!before) return undefined;
      const report = computeUse(before.snap, snap, (at - before.at) / 1000);
      opts.onReport(report);
      return report;
    } catch (err) {
      opts.onError?.(err);
      return undefined;
    } finally {
      busy = false;
    }
  };
  const handle = opts.timer.every(opts.intervalMs ?? 1000, () => void tick());
  void tick();
  return {
    tick,
    stop: () => handle.cancel(),
    get skippedTicks() {
      return skipped;
    },
  };
}

/** Two samples `seconds` apart on the real machine, for `ddia-labs use --seconds N`. */
export async function sampleUseOnce(
  opts: Omit<UseSamplerOptions, 'onReport' | 'timer'> & { seconds: number; sleep(ms: number): Promise<void> },
): Promise<UseReport> {
  const first = await readSnapshot(opts.reader, opts.cpuCount);
  const t0 = opts.clock.now();
  opts.nodeLoop?.take();
  await opts.sleep(opts.seconds * 1000);
  const second = await readSnapshot(opts.reader, opts.cpuCount);
  if (opts.nodeLoop) second.nodeLoop = opts.nodeLoop.take();
  return computeUse(first, second, (opts.clock.now() - t0) / 1000);
}
