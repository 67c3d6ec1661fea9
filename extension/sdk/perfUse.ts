/**
 * `perf.use({ seconds })`: the USE method on this machine, live in a cell. Samples every
 * second (CPUs, memory, disks, network interfaces, and this kernel's own event loop), shows a
 * dashboard that updates in place with each sample, and resolves with every report when the
 * time is up. The returned value, displayed, replaces the live output with the final one, so a
 * cell ending in `await perf.use({ seconds: 5 })` shows one dashboard, not two.
 */
import * as os from 'node:os';
import { realClock, realTimer } from '../perf/collect/clock';
import { procReader } from '../perf/collect/procReader';
import { startNodeLoopMonitor } from '../perf/collect/nodeLoop';
import { startUseSampler } from '../perf/collect/useSampler';
import { type UseReport } from '../perf/use/computeUse';
import { buildUseDashboard, dashboardText } from '../perf/use/useDashboard';
import { PERF_MIME, type UseDashboardSpec } from '../views/perf/perfOutputs';
import { display, hasDisplaySink, newDisplayId, type DisplayHandle } from './display';
import { DISPLAYABLE, type Displayable } from './outputs';

export interface UseOptions {
  /** How long to sample, 1 to 600 seconds (default 5). Keep it under the cell time limit. */
  readonly seconds?: number;
  /** Sampling interval (default 1000 ms, at least 200). */
  readonly intervalMs?: number;
  /** Stops sampling early; the run then ends with status "stopped". */
  readonly signal?: AbortSignal;
  /** Show the live dashboard in the cell while sampling (default true; only inside a notebook). */
  readonly live?: boolean;
}

/** What perf.use measured: every report, oldest first, and the final dashboard. */
export interface UseRun extends Displayable {
  readonly reports: readonly UseReport[];
  /** The latest report (undefined if the run was stopped before the second snapshot). */
  readonly last: UseReport | undefined;
  readonly dashboard: UseDashboardSpec;
}

function useBundle(spec: UseDashboardSpec, displayId?: string): ReturnType<Displayable[typeof DISPLAYABLE]> {
  return { items: [{ mime: PERF_MIME.use, data: spec }], text: dashboardText(spec), ...(displayId ? { displayId } : {}) };
}

const asDisplayable = (spec: UseDashboardSpec): Displayable => ({ [DISPLAYABLE]: () => useBundle(spec) });

/** Samples the USE method for `seconds`, live in the cell; resolves with the reports. */
export function use(opts: UseOptions = {}): Promise<UseRun> {
  const seconds = opts.seconds ?? 5;
  const intervalMs = opts.intervalMs ?? 1000;
  if (!(seconds >= 1 && seconds <= 600)) throw new RangeError(`perf.use: seconds must be from 1 to 600, got ${String(opts.seconds)}`);
  if (!(intervalMs >= 200 && intervalMs <= 60_000))
    throw new RangeError(`perf.use: intervalMs must be from 200 to 60000, got ${String(opts.intervalMs)}`);
  const planned = Math.max(1, Math.floor((seconds * 1000) / intervalMs));
  const live = opts.live !== false && hasDisplaySink();
  const reports: UseReport[] = [];
  const base = { intervalMs, platform: process.platform, plannedSamples: planned };
  let handle: DisplayHandle | undefined;
  if (live) handle = display(asDisplayable(buildUseDashboard([], { ...base, status: 'sampling' })));
  const displayId = handle?.id ?? newDisplayId();

  return new Promise<UseRun>((resolve) => {
    const loop = startNodeLoopMonitor();
    let finished = false;
    const finish = (status: 'final' | 'stopped'): void => {
      if (finished) return;
      finished = true;
      sampler.stop();
      loop.stop();
      reader.close();
      clearTimeout(deadline);
      opts.signal?.removeEventListener('abort', onAbort);
      const dashboard = buildUseDashboard(reports, { ...base, status });
      handle?.update(asDisplayable(dashboard));
      resolve({ reports, last: reports[reports.length - 1], dashboard, [DISPLAYABLE]: () => useBundle(dashboard, displayId) });
    };
    const onAbort = (): void => finish('stopped');
    const reader = procReader();
    const sampler = startUseSampler({
      reader,
      clock: realClock,
      timer: realTimer,
      intervalMs,
      cpuCount: os.availableParallelism(),
      nodeLoop: loop,
      onReport: (report) => {
        if (finished) return;
        reports.push(report);
        if (reports.length >= planned) return finish('final');
        handle?.update(asDisplayable(buildUseDashboard(reports, { ...base, status: 'sampling' })));
      },
    });
    // A bound in case a tick is skipped (slow /proc): never run much past the requested time.
    const deadline = setTimeout(() => finish('final'), seconds * 1000 + intervalMs);
    if (opts.signal?.aborted) finish('stopped');
    else opts.signal?.addEventListener('abort', onAbort);
  });
}
