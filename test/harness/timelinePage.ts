/**
 * The stepper's real webview bundle (dist/webviews/stepper.js) on a plain Chromium page, driven
 * the way VS Code drives it: `acquireVsCodeApi` is provided, the host's messages are dispatched
 * as `message` events, and the `load` message arrives as JSON text (the webview channel serializes
 * it; parsing it is counted). The page sets VS Code's theme variables for light or dark.
 *
 * Measured in the page (performance.now):
 *   paint  from the load message's JSON text to the end of the first frame after it (the canvas's
 *          draw runs in that frame's animation callbacks, before ours)
 *   step   per `control: step` message: the handler's own time, plus the animation-frame callbacks
 *          it scheduled (the canvas redraw) and a forced style/layout of the page, i.e. the work a
 *          step costs, not the wait for the next vsync
 * Used by the 100k-event browser test and `npm run bench:timeline`.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Browser } from './browser';

export type PageTheme = 'light' | 'dark';

const ROOT = path.resolve(__dirname, '..', '..');
export const STEPPER_BUNDLE = path.join(ROOT, 'dist', 'webviews', 'stepper.js');

/** VS Code's Default Light Modern / Dark Modern values for the variables the timeline and stepper read. */
export const THEME_VARS: Record<PageTheme, Record<string, string>> = {
  light: {
    '--vscode-font-family': 'system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-hoverBackground': '#0258a8',
    '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-dropdown-background': '#ffffff',
    '--vscode-dropdown-foreground': '#3b3b3b',
    '--vscode-dropdown-border': '#cecece',
    // What @vscode-elements' selects and text fields read (their fallbacks are dark-theme colours).
    '--vscode-settings-dropdownBackground': '#ffffff',
    '--vscode-settings-dropdownForeground': '#3b3b3b',
    '--vscode-settings-dropdownBorder': '#cecece',
    '--vscode-settings-dropdownListBorder': '#c8c8c8',
    '--vscode-settings-textInputBackground': '#ffffff',
    '--vscode-settings-textInputForeground': '#3b3b3b',
    '--vscode-settings-textInputBorder': '#cecece',
    '--vscode-list-activeSelectionBackground': '#e8e8e8',
    '--vscode-list-activeSelectionForeground': '#000000',
    '--vscode-list-hoverBackground': '#f2f2f2',
    '--vscode-list-focusOutline': '#005fb8',
    '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.16)',
    '--vscode-widget-border': '#e5e5e5',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-textLink-activeForeground': '#005fb8',
    '--vscode-textCodeBlock-background': '#f8f8f8',
    '--vscode-badge-background': '#cccccc',
    '--vscode-badge-foreground': '#3b3b3b',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorHoverWidget-background': '#f8f8f8',
    '--vscode-editorHoverWidget-foreground': '#3b3b3b',
    '--vscode-editorHoverWidget-border': '#c8c8c8',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-purple': '#652d90',
  },
  dark: {
    '--vscode-font-family': 'system-ui, sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': 'monospace',
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-hoverBackground': '#026ec1',
    '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-dropdown-background': '#313131',
    '--vscode-dropdown-foreground': '#cccccc',
    '--vscode-dropdown-border': '#3c3c3c',
    '--vscode-settings-dropdownBackground': '#313131',
    '--vscode-settings-dropdownForeground': '#cccccc',
    '--vscode-settings-dropdownBorder': '#3c3c3c',
    '--vscode-settings-dropdownListBorder': '#454545',
    '--vscode-settings-textInputBackground': '#313131',
    '--vscode-settings-textInputForeground': '#cccccc',
    '--vscode-settings-textInputBorder': '#3c3c3c',
    '--vscode-list-activeSelectionBackground': '#04395e',
    '--vscode-list-activeSelectionForeground': '#ffffff',
    '--vscode-list-hoverBackground': '#2a2d2e',
    '--vscode-list-focusOutline': '#0078d4',
    '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.36)',
    '--vscode-widget-border': '#313131',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-textLink-activeForeground': '#4daafc',
    '--vscode-textCodeBlock-background': '#2b2b2b',
    '--vscode-badge-background': '#616161',
    '--vscode-badge-foreground': '#f8f8f8',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorHoverWidget-background': '#202020',
    '--vscode-editorHoverWidget-foreground': '#cccccc',
    '--vscode-editorHoverWidget-border': '#454545',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-purple': '#b180d7',
  },
};

function pageHtml(theme: PageTheme): string {
  const vars = Object.entries(THEME_VARS[theme])
    .map(([k, v]) => `${k}: ${v};`)
    .join(' ');
  // The animation-frame wrapper only adds timing: callbacks run unchanged and in order.
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>stepper</title>
<style>:root { ${vars} } body { background: var(--vscode-editor-background); color: var(--vscode-foreground);
font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); margin: 0; padding: 0 20px; }</style></head>
<body class="vscode-${theme}"><main id="root"></main><script>
window.__posted = [];
window.__rafFirst = undefined;
const raf = window.requestAnimationFrame.bind(window);
window.requestAnimationFrame = (cb) => raf((ts) => {
  if (window.__rafFirst === undefined) window.__rafFirst = performance.now();
  cb(ts);
});
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });
</script><script src="/stepper.js"></script></body></html>`;
}

export interface StepperPage {
  readonly page: Page;
  readonly errors: string[];
  close(): Promise<void>;
}

/** Serves the built bundle on loopback and opens the stepper page in `theme`. */
export async function openStepperPage(browser: Browser, theme: PageTheme): Promise<StepperPage> {
  if (!fs.existsSync(STEPPER_BUNDLE)) throw new Error(`${STEPPER_BUNDLE} is missing: run \`npm run build\` first`);
  const bundle = fs.readFileSync(STEPPER_BUNDLE);
  const html = pageHtml(theme);
  const server = http.createServer((req, res) => {
    const p = (req.url ?? '/').split('?')[0];
    if (p === '/stepper.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else if (p === '/' || p === '/index.html') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
  return {
    page,
    errors,
    async close() {
      await page.close();
      server.close();
    },
  };
}

// The in-page functions are source text: this project's Node typecheck has no DOM types.

/** In the page: (json) → ms from the JSON text to the end of the first frame after its dispatch. */
const LOAD_AND_PAINT = `(json) => new Promise((resolve) => {
  const t0 = performance.now();
  const data = JSON.parse(json);
  window.dispatchEvent(new MessageEvent('message', { data }));
  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
})`;

/** In the page: (n) → per step, the handler's time plus its frame's animation callbacks and layout. */
const STEP_TIMES = `async (count) => {
  const out = [];
  for (let k = 0; k < count; k++) {
    window.__rafFirst = undefined;
    const t0 = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'control', action: 'step' } }));
    const handler = performance.now() - t0;
    const frame = await new Promise((resolve) => requestAnimationFrame(() => {
      const start = window.__rafFirst ?? performance.now();
      void document.body.getBoundingClientRect();
      resolve(performance.now() - start);
    }));
    out.push(handler + frame);
  }
  return out;
}`;

/** In the page: distinct colours on the timeline canvas, sampled every 4th pixel (a blank canvas has one or two). */
const CANVAS_COLOURS = `() => {
  const c = document.querySelector('.ddia-tl-canvas-wrap canvas');
  const ctx = c && c.getContext('2d');
  if (!ctx) return 0;
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  const seen = new Set();
  for (let i = 0; i < d.length; i += 16) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  return seen.size;
}`;

/** Sends the load message (as JSON text) and returns ms to the end of the first frame after it. */
export async function loadAndPaint(page: Page, loadJson: string): Promise<number> {
  return (await page.evaluate(`(${LOAD_AND_PAINT})(${JSON.stringify(loadJson)})`)) as number;
}

/** `n` step messages, one per frame; per step, the work it cost in ms (see the file comment). */
export async function stepTimes(page: Page, n: number): Promise<number[]> {
  return (await page.evaluate(`(${STEP_TIMES})(${n})`)) as number[];
}

/** Posts a host message to the webview. */
export async function hostMessage(page: Page, message: unknown): Promise<void> {
  await page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} }))`);
}

export async function canvasColours(page: Page): Promise<number> {
  return (await page.evaluate(`(${CANVAS_COLOURS})()`)) as number;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}
