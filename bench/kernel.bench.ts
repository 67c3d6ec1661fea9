/**
 * `npm run bench:kernel`: the notebook kernel's costs, each next to a reference measured in the
 * same run.
 *   1. cold start: a new kernel process up and running its first trivial cell (what a notebook's
 *      first run or a restart costs when the kernel was not pre-warmed) — vs. spawning a fresh
 *      `node` process for one line, the floor for any process-per-notebook kernel. Also the
 *      first cell that imports the SDK, which the kernel loads on first use;
 *   2. warm round trip of a trivial cell (target p50 under 30 ms) — same reference;
 *   3. time to render a 100,000-point line chart with our renderer in Chromium — vs. d3 drawing
 *      all 100,000 points as one SVG path without downsampling, in the same page.
 * Needs `npm run build` first (uses dist/kernel.js, dist/kernel-process.js and
 * dist/renderers/outputs.js). The kernel's V8 code cache is written by the first kernel after a
 * build, so the first cold start of a run is uncounted.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { KernelClient, kernelEntryPath } from '../extension/notebook/kernelClient';
import { launchBrowser } from '../test/harness/browser';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
}
const ms = (x: number): string => `${x.toFixed(2)} ms`;
const sink = { stream: () => undefined, display: () => undefined };
const newKernel = (): KernelClient =>
  new KernelClient({ kernelPath: kernelEntryPath(dist), labDir: os.tmpdir(), timeLimitMs: 30_000, memoryLimitMb: 512 });

/** Milliseconds from a new kernel to the end of its first cell. */
async function coldRun(code: string): Promise<number> {
  const k = newKernel();
  const t = performance.now();
  const r = await k.run(code, 'Cell 1', sink);
  const elapsed = performance.now() - t;
  if (r.status !== 'ok') throw new Error(`cold run failed: ${JSON.stringify(r)}`);
  await k.dispose();
  return elapsed;
}

async function kernelNumbers(): Promise<void> {
  await coldRun('1'); // uncounted: writes the code cache if this build has none yet
  const cold: number[] = [];
  const coldSdk: number[] = [];
  for (let i = 0; i < 8; i++) {
    cold.push(await coldRun('1'));
    coldSdk.push(await coldRun("import { table } from 'ddia-labs';\ntable([{ a: 1 }])"));
  }
  const k = newKernel();
  await k.run('let n = 0', 'Cell 1', sink);
  const warm: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    await k.run('n += 1', 'Cell 2', sink);
    warm.push(performance.now() - t);
  }
  await k.dispose();
  const spawn: number[] = [];
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '1']);
    spawn.push(performance.now() - t);
  }
  const spawnP50 = percentile(spawn, 0.5);
  console.log('kernel');
  console.log(
    `  cold start + first cell   p50 ${ms(percentile(cold, 0.5))}   reference (new node process) p50 ${ms(spawnP50)}   ratio ${(percentile(cold, 0.5) / spawnP50).toFixed(2)}×`,
  );
  console.log(`  cold start + SDK cell     p50 ${ms(percentile(coldSdk, 0.5))}   (first cell imports 'ddia-labs')`);
  console.log(
    `  warm trivial cell         p50 ${ms(percentile(warm, 0.5))}  p90 ${ms(percentile(warm, 0.9))}  p99 ${ms(percentile(warm, 0.99))}   target p50 < 30 ms: ${(percentile(warm, 0.5) / 30).toFixed(3)}× of target; vs new process ${(percentile(warm, 0.5) / spawnP50).toFixed(3)}×`,
  );
}

const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body class="vscode-light" style="width:900px">
<div id="ours" style="width:900px"></div><div id="naive" style="width:900px"></div>
<script type="module">
import { activate } from './renderers/outputs.js';
const n = 100000;
const points = Array.from({ length: n }, (_, i) => [i, Math.sin(i / 500) * 100 + ((i * 7919) % 97) - 48]);
const spec = { version: 1, kind: 'line', title: '100k points', series: [{ name: 'signal', points }] };
const item = { id: 'x', mime: 'application/vnd.ddia-labs.chart+json', json: () => spec, text: () => JSON.stringify(spec), data: () => new Uint8Array(), blob: () => new Blob(), metadata: {} };
const renderer = activate({});
// A frame has been painted once two animation frames have passed.
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
// Warm up both paths (module initialisation, JIT) on small data, so the timings compare drawing.
const small = { ...spec, series: [{ name: 'w', points: points.slice(0, 1000) }] };
renderer.renderOutputItem({ ...item, json: () => small }, document.createElement('div'));
document.getElementById('naive').innerHTML = '<svg width="900" height="280"><path d="M0,0L1,1"/></svg>';
await frame();
let t = performance.now();
renderer.renderOutputItem(item, document.getElementById('ours'));
await frame();
const ours = performance.now() - t;
// Reference: all points into one SVG path, no downsampling (the obvious d3 approach).
t = performance.now();
const w = 900, h = 280;
let d = '';
for (let i = 0; i < n; i++) d += (i ? 'L' : 'M') + (points[i][0] / n * w).toFixed(2) + ',' + (h / 2 - points[i][1]).toFixed(2);
document.getElementById('naive').innerHTML = '<svg width="900" height="280"><path fill="none" stroke="blue" d="' + d + '"/></svg>';
await frame();
const naive = performance.now() - t;
window.__result = { ours, naive };
</script></body></html>`;

async function chartNumbers(): Promise<void> {
  const pageFile = path.join(dist, 'bench-chart.html');
  fs.writeFileSync(pageFile, PAGE);
  const server = http.createServer((req, res) => {
    const file = path.join(dist, decodeURIComponent((req.url ?? '/').split('?')[0] as string));
    if (!file.startsWith(dist) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await launchBrowser({ width: 1000, height: 800 });
  try {
    const results: { ours: number; naive: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.context.newPage();
      await page.goto(`http://127.0.0.1:${port}/bench-chart.html`);
      await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, undefined, {
        timeout: 60_000,
      });
      results.push(await page.evaluate(() => (window as unknown as { __result: { ours: number; naive: number } }).__result));
      await page.close();
    }
    const ours = percentile(
      results.map((r) => r.ours),
      0.5,
    );
    const naive = percentile(
      results.map((r) => r.naive),
      0.5,
    );
    console.log('chart (Chromium)');
    console.log(
      `  100k-point line chart     p50 ${ms(ours)}   reference (all points as one SVG path) p50 ${ms(naive)}   ratio ${(ours / naive).toFixed(2)}×`,
    );
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(pageFile, { force: true });
  }
}

async function main(): Promise<void> {
  await kernelNumbers();
  await chartNumbers();
}

void main();
