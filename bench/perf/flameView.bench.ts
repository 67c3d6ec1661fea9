/**
 * Flame-graph view speed, ours against speedscope's web build, in the same Chromium run
 * (Debian's, through playwright-core; headless, software rendering).
 *
 * Inputs: (a) the corpus's largest .cpuprofile (speedscope's sucrase sample, 1 MB) and (b) a
 * generated 1,000,000-sample / 100,000-node .cpuprofile (seeded; see generateCpuProfile.ts).
 * Both viewers load the file by URL from a 127.0.0.1 static server in a fresh page:
 *   ours:       a page with dist/webviews/flamegraph.js and `{url}` in #initial-state;
 *   speedscope: node_modules/speedscope/dist/release/index.html#profileURL=…&view=left-heavy
 *               (its left-heavy view is the one ours opens with).
 * What is timed (median of runs, each in a new page):
 *   import       fetch + decode + parse + profile model. Ours: the page's own timers around
 *                fetch and loadSource. Speedscope: its `console.time("import")`, which wraps
 *                the same fetch + arrayBuffer + import.
 *   first render navigation start → the first frame presented after the flame graph exists.
 *                Ours: after the app is mounted (it paints synchronously). Speedscope: after
 *                its document.title becomes "<name> - speedscope" (set when the profile is
 *                loaded, before its canvas renders). In both, "presented" is measured as
 *                requestAnimationFrame → setTimeout(0) after the condition, polled every frame.
 *   zoom         a real mouse zoom on the third row at 40% of the width: a click for ours, a
 *                double click for speedscope (its zoom-to-frame gesture); from the event's
 *                dispatch (capture listener) to requestAnimationFrame → setTimeout(0).
 *
 *   npm run bench:flame      (builds nothing: run `npm run build` first)
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { type Page } from 'playwright-core';
import { launchBrowser, memoryPressure } from '../../test/harness/browser';
import { GENERATOR_SEED, generateCpuProfile } from './generateCpuProfile';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'dist', 'webviews', 'flamegraph.js');
const SPEEDSCOPE = path.join(ROOT, 'node_modules', 'speedscope', 'dist', 'release');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'speedscope', 'sample', 'profiles', 'Chrome', '65', 'sucrase.cpuprofile');
const CORPUS_FALLBACK = '/work/shared/corpus/speedscope/sample/profiles/Chrome/65/sucrase.cpuprofile';

interface Times {
  importMs: number;
  firstRenderMs: number;
  zoomMs: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function serve(files: Map<string, string | Buffer>): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent((req.url ?? '/').split(/[?#]/)[0] as string);
    let body = files.get(p);
    if (body === undefined && p.startsWith('/speedscope/')) {
      const f = path.join(SPEEDSCOPE, path.normalize(p.slice('/speedscope/'.length)));
      if (f.startsWith(SPEEDSCOPE) && fs.existsSync(f) && fs.statSync(f).isFile()) body = fs.readFileSync(f);
    }
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(p)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${a.port}`, close: () => server.close() });
    }),
  );
}

/** In the page: resolves to performance.now() at the first presented frame after `cond` holds. */
const PRESENTED_AFTER = `(cond) => new Promise((resolve) => {
  const poll = () => { if (cond()) requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)); else requestAnimationFrame(poll); };
  poll();
})`;

async function zoomTime(page: Page, x: number, y: number, gesture: 'click' | 'dblclick'): Promise<number> {
  await page.mouse.move(x, y);
  await page.waitForTimeout(200);
  const done = page.evaluate(
    (g) =>
      new Promise<number>((resolve) => {
        window.addEventListener(
          g,
          () => {
            const t0 = performance.now();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          },
          { capture: true, once: true },
        );
      }),
    gesture,
  );
  await page.waitForTimeout(50);
  if (gesture === 'click') await page.mouse.click(x, y);
  else await page.mouse.dblclick(x, y);
  return done;
}

async function runOurs(page: Page, base: string, file: string): Promise<Times> {
  await page.goto(`${base}/ours.html?file=${encodeURIComponent(file)}`);
  const presented = (await page.evaluate(`(${PRESENTED_AFTER})(() => window.__flameApp !== undefined)`)) as number;
  const t = (await page.evaluate('({ fetch: window.__fetchMs, times: window.__flameTimes })')) as {
    fetch: number;
    times: { importMs: number };
  };
  const box = await page.locator('canvas.fg-canvas').boundingBox();
  if (!box) throw new Error('our canvas is not on the page');
  const zoomMs = await zoomTime(page, box.x + box.width * 0.4, box.y + 18 * 2 + 9, 'click');
  const zoomed = (await page.evaluate('window.__flameApp.state().zoomedFrame')) as string | null;
  if (!zoomed) throw new Error('our click did not zoom');
  return { importMs: t.fetch + t.times.importMs, firstRenderMs: presented, zoomMs };
}

async function runSpeedscope(page: Page, base: string, file: string): Promise<Times> {
  let importMs = NaN;
  page.on('console', (m) => {
    const match = /^import: ([\d.]+) ?ms/.exec(m.text());
    if (match) importMs = Number(match[1]);
  });
  await page.goto(`${base}/speedscope/index.html#profileURL=${encodeURIComponent(`${base}/profiles/${file}`)}&view=left-heavy`);
  const presented = (await page.evaluate(`(${PRESENTED_AFTER})(() => / - speedscope$/.test(document.title))`)) as number;
  await page.waitForTimeout(100);
  const canvas = await page.locator('canvas').first().boundingBox();
  if (!canvas) throw new Error('speedscope has no canvas');
  // Its toolbar is ~24 px; rows are ~16 px. The third row of the left-heavy chart.
  const zoomMs = await zoomTime(page, canvas.x + canvas.width * 0.4, 24 + 16 * 2 + 8, 'dblclick');
  if (Number.isNaN(importMs)) throw new Error('speedscope printed no import time');
  return { importMs, firstRenderMs: presented, zoomMs };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function main(): Promise<void> {
  if (!fs.existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first`);
  const corpus = fs.existsSync(CORPUS) ? CORPUS : CORPUS_FALLBACK;
  const big = generateCpuProfile(100_000, 1_000_000);
  const files = new Map<string, string | Buffer>([
    ['/flamegraph.js', fs.readFileSync(SCRIPT)],
    ['/profiles/sucrase.cpuprofile', fs.readFileSync(corpus)],
    ['/profiles/generated-1M.cpuprofile', big],
  ]);
  files.set(
    '/ours.html',
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>ours</title></head><body><main id="root"></main>
<script id="initial-state" type="application/json">null</script>
<script>{ const f = new URLSearchParams(location.search).get('file');
document.getElementById('initial-state').textContent = JSON.stringify({ url: '/profiles/' + f, fileName: f }); }</script>
<script src="/flamegraph.js"></script></body></html>`,
  );
  const server = await serve(files);
  const browser = await launchBrowser({ width: 1280, height: 800 });
  console.log(
    `flame view benchmark: ours vs speedscope ${readSpeedscopeVersion()} in Chromium (headless, software GL); seed ${GENERATOR_SEED}`,
  );
  console.log(`machine load: ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
  try {
    const cases: [string, string, number][] = [
      ['sucrase.cpuprofile (corpus, 1.0 MB)', 'sucrase.cpuprofile', 5],
      [`generated 100k nodes / 1M samples (${(big.length / 1e6).toFixed(0)} MB)`, 'generated-1M.cpuprofile', 3],
    ];
    for (const [label, file, runs] of cases) {
      const results: Record<'ours' | 'speedscope', Times[]> = { ours: [], speedscope: [] };
      for (let i = 0; i < runs; i++) {
        // Alternate which viewer goes first so background load hits both alike.
        for (const who of i % 2 === 0 ? (['ours', 'speedscope'] as const) : (['speedscope', 'ours'] as const)) {
          const page = await browser.context.newPage();
          try {
            results[who].push(await (who === 'ours' ? runOurs(page, server.url, file) : runSpeedscope(page, server.url, file)));
          } finally {
            await page.close();
          }
        }
      }
      console.log(`\n${label}: median of ${runs} runs`);
      for (const metric of ['importMs', 'firstRenderMs', 'zoomMs'] as const) {
        const o = median(results.ours.map((r) => r[metric]));
        const s = median(results.speedscope.map((r) => r[metric]));
        console.log(
          `  ${metric.replace('Ms', '').padEnd(12)} ours ${o.toFixed(1).padStart(8)} ms   speedscope ${s.toFixed(1).padStart(8)} ms   ratio ${(o / s).toFixed(2)}×`,
        );
      }
    }
  } catch (e) {
    console.error(`memory pressure: ${memoryPressure()}`);
    throw e;
  } finally {
    await browser.close();
    server.close();
  }
}

function readSpeedscopeVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'speedscope', 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '?';
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
