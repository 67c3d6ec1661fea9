/**
 * The timeline at 100k events, before and after the compact run encoding: bytes per event of
 * the notebook output and of the stepper's load message, then, in Chromium (the stepper's built
 * webview bundle on a plain page, test/harness/timelinePage.ts), time to first paint and time
 * per step over 200 steps.
 *
 * Before = the version-1 formats at the same size (an object per event and per history record in
 * the output; the old load message added the worker's model: two numbers per event and an
 * object per message). Their sizes are computed from the same run; the old webview path itself
 * no longer exists to be timed, so the measurement stands for it (a 63k-event run made a
 * 15.9 MB cell output).
 *
 *   npm run build && npm run bench:timeline      (BENCH_TIMELINE_RUNS=n pages, default 3)
 */
import * as fs from 'node:fs';
import { beforeSizes, bigTimeline, TIMELINE_OPTIONS, TIMELINE_SEED } from './timelineWorkload';
import { launchBrowser } from '../../test/harness/browser';
import { canvasColours, loadAndPaint, median, openStepperPage, percentile, stepTimes } from '../../test/harness/timelinePage';

const RUNS = Number(process.env['BENCH_TIMELINE_RUNS'] ?? 3);
const STEPS = 200;

async function main(): Promise<void> {
  const run = bigTimeline();
  const n = run.spec.eventCount;
  console.log(`timeline bench: quorum-no-stale-reads seed ${TIMELINE_SEED} ${JSON.stringify(TIMELINE_OPTIONS)}: ${n} events`);
  console.log(`  simulate ${run.simulateMs.toFixed(0)} ms; timeline output (hash + encode + base64) ${run.specMs.toFixed(0)} ms`);
  console.log(`  machine load: ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
  const outputAfter = Buffer.byteLength(JSON.stringify(run.spec));
  const loadAfter = Buffer.byteLength(run.loadJson);
  const before = beforeSizes(run);
  const row = (what: string, b: number, a: number): string =>
    `  ${what.padEnd(28)} before ${(b / 1e6).toFixed(2).padStart(6)} MB (${(b / n).toFixed(1).padStart(5)} B/event)   after ${(a / 1e6).toFixed(2).padStart(5)} MB (${(a / n).toFixed(1).padStart(4)} B/event)   ratio ${(b / a).toFixed(1)}×`;
  console.log(row('notebook output (JSON)', before.outputBytes, outputAfter));
  console.log(row('stepper load message (JSON)', before.loadBytes, loadAfter));
  console.log(`  issue's measurement before: 63k events → 15.9 MB output (${((15.9e6 / 63e3) | 0).toString()} B/event)`);

  const browser = await launchBrowser({ width: 1400, height: 1000 });
  const paints: number[] = [];
  const steps: number[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      const p = await openStepperPage(browser, r % 2 === 0 ? 'dark' : 'light');
      try {
        paints.push(await loadAndPaint(p.page, run.loadJson));
        if ((await canvasColours(p.page)) <= 8) throw new Error('the timeline canvas is blank');
        steps.push(...(await stepTimes(p.page, STEPS)));
        if (p.errors.length > 0) throw new Error(`page errors: ${p.errors.join('; ')}`);
      } finally {
        await p.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(
    `  Chromium, ${RUNS} fresh pages: first paint median ${median(paints).toFixed(0)} ms (runs: ${paints.map((x) => x.toFixed(0)).join(', ')}; target ≤ 1000 ms)`,
  );
  console.log(
    `  step (${STEPS} per page): median ${median(steps).toFixed(2)} ms, p95 ${percentile(steps, 95).toFixed(2)} ms, max ${Math.max(...steps).toFixed(2)} ms (target < 16 ms)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
