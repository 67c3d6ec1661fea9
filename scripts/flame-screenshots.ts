/**
 * Screenshots of the flame-graph views in light and dark, to look at before calling UI done:
 * the profile editor in a real VS Code (code-server, extension loaded from this checkout) on
 * the corpus's Vert.x folded stacks, with a search and a zoom; and the notebook renderer's
 * bundle (dist/renderers/flamegraph.js) rendering a FlameSpec with a `before` profile (the
 * differential view) on a page that sets VS Code's theme variables.
 *
 *   npm run build && npx tsx scripts/flame-screenshots.ts   → test-output/screenshots/flame-*.png
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from '../test/harness/browser';
import { REPO_ROOT, startCodeServer, type Theme } from '../test/harness/codeServer';
import { findWebviewFrame, screenshot, SCREENSHOT_DIR, waitForWorkbench } from '../test/harness/workbench';
import { importProfile } from '../extension/perf/import/importProfile';
import type { Profile } from '../extension/perf/model/types';
import type { FlameSpec } from '../extension/views/flame/flameOutput';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'flame', 'perf-vertx-stacks-01.folded');

async function editor(theme: Theme): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-flame-shots-'));
  fs.copyFileSync(FIXTURE, path.join(workspace, 'vertx.folded'));
  const server = await startCodeServer({ workspace, theme });
  const browser = await launchBrowser({ width: 1400, height: 860 });
  try {
    const page = await browser.context.newPage();
    await page.goto(server.workbenchUrl(workspace, [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${REPO_ROOT}`]]));
    await waitForWorkbench(page);
    // Open the file from the Explorer: a double click opens it with its default editor (ours).
    await page.keyboard.press('Control+Shift+E');
    const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'vertx.folded' }).first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    await item.dblclick();
    const frame = await findWebviewFrame(page, 'canvas.fg-canvas', 60_000).catch(async (e: unknown) => {
      await screenshot(page, `flame-editor-${theme}-failed`);
      throw e;
    });
    await page.waitForTimeout(1000);
    await screenshot(page, `flame-editor-${theme}`);
    await frame.locator('.fg-search').fill('vertx');
    const canvas = frame.locator('canvas.fg-canvas');
    const box = await canvas.boundingBox();
    if (box) {
      await canvas.click({ position: { x: box.width * 0.3, y: 18 * 3 + 9 } });
      await canvas.hover({ position: { x: box.width * 0.35, y: 18 * 6 + 9 } });
    }
    await page.waitForTimeout(600);
    await screenshot(page, `flame-editor-${theme}-search-zoom`);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

const THEME_VARS: Record<Theme, Record<string, string>> = {
  light: {
    '--vscode-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-input-background': '#ffffff',
    '--vscode-input-foreground': '#3b3b3b',
    '--vscode-input-border': '#cecece',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-editorHoverWidget-background': '#f8f8f8',
    '--vscode-editorHoverWidget-foreground': '#3b3b3b',
    '--vscode-editorHoverWidget-border': '#c8c8c8',
  },
  dark: {
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-input-background': '#313131',
    '--vscode-input-foreground': '#cccccc',
    '--vscode-input-border': '#3c3c3c',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-editorHoverWidget-background': '#202020',
    '--vscode-editorHoverWidget-foreground': '#cccccc',
    '--vscode-editorHoverWidget-border': '#454545',
  },
};

async function renderer(theme: Theme): Promise<void> {
  const text = fs.readFileSync(FIXTURE, 'utf8');
  const after = importProfile(text, 'vertx.folded');
  // "Before": the same recording without the samples under one heavy subtree, so the diff shows red and blue.
  const before = importProfile(
    text
      .split('\n')
      .filter((l, i) => !(l.includes('Interpreter') && i % 3 === 0))
      .join('\n'),
    'before.folded',
  );
  if (after.kind !== 'ok' || before.kind !== 'ok') throw new Error('fixture did not import');
  const spec: FlameSpec = {
    version: 2,
    title: 'vertx',
    group: after.group,
    before: before.group.profiles[before.group.activeIndex] as Profile,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-flame-renderer-'));
  fs.copyFileSync(path.join(REPO_ROOT, 'dist', 'renderers', 'flamegraph.js'), path.join(dir, 'flamegraph.js'));
  for (const f of fs.readdirSync(path.join(REPO_ROOT, 'dist', 'renderers')).filter((f) => f.startsWith('chunk-')))
    fs.copyFileSync(path.join(REPO_ROOT, 'dist', 'renderers', f), path.join(dir, f));
  const vars = Object.entries(THEME_VARS[theme])
    .map(([k, v]) => `${k}: ${v};`)
    .join(' ');
  fs.writeFileSync(path.join(dir, 'spec.json'), JSON.stringify(spec));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body { ${vars} background: var(--vscode-editor-background); margin: 12px; }</style></head>
<body class="vscode-${theme}"><div id="out"></div><script type="module">
import { activate } from './flamegraph.js';
const spec = await (await fetch('./spec.json')).json();
const r = activate({ postMessage: (m) => console.log('posted', JSON.stringify(m)) });
r.renderOutputItem({ mime: 'application/vnd.ddia-labs.flamegraph+json', json: () => spec, text: () => JSON.stringify(spec) }, document.getElementById('out'));
</script></body></html>`,
  );
  // Module scripts and fetch do not work from file:// pages, so serve the folder on loopback.
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.basename((req.url ?? '/').split('?')[0] as string) || 'index.html');
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': file.endsWith('.js') ? 'text/javascript' : file.endsWith('.json') ? 'application/json' : 'text/html',
    });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const browser = await launchBrowser({ width: 1200, height: 640 });
  try {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error(`renderer page: ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.waitForSelector('canvas.fg-canvas', { timeout: 60_000 });
    await page.waitForTimeout(500);
    const canvas = page.locator('canvas.fg-canvas');
    await canvas.hover({ position: { x: 500, y: 18 * 5 + 9 } });
    await page.waitForTimeout(300);
    await screenshot(page, `flame-renderer-diff-${theme}`);
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await renderer(theme);
    await editor(theme);
  }
  console.log(`screenshots in ${SCREENSHOT_DIR}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
