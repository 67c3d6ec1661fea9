/**
 * Journey: profile a lab cell, zoom, search, diff two runs — in the light and dark themes,
 * against the packaged .vsix. The flame-graphs lab's cells call perf.profile in the kernel
 * worker; their FLAME_MIME outputs are drawn by the flame-graph notebook renderer (canvas
 * based, in the notebook's output webview). Zoom is a click on a frame (the zoom path grows),
 * search is the toolbar's regex box (it reports matches), and the diff cell's output opens in
 * the differential view.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, memoryPressure, type Browser } from '../harness/browser';
import { startCodeServer, type CodeServer, type Theme } from '../harness/codeServer';
import { findVsix } from '../harness/vsix';
import { findWebviewFrame, runCommand, screenshot, waitForWorkbench } from '../harness/workbench';

for (const theme of ['light', 'dark'] as Theme[]) {
  describe(`profile a lab cell (${theme} theme, installed .vsix)`, () => {
    let server: CodeServer;
    let browser: Browser;
    let workspace: string;

    before(async () => {
      workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-e2e-prof-'));
      server = await startCodeServer({ workspace, theme, vsix: findVsix() });
      browser = await launchBrowser({ width: 1440, height: 1000 });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    });

    test('Open Lab → Run All → flame graph, zoom, search, diff of two runs', async () => {
      const page = await browser.context.newPage();
      try {
        await page.goto(server.workbenchUrl(workspace), { timeout: 60_000 });
        await waitForWorkbench(page);
        await runCommand(page, 'DDIA Labs: Open Lab');
        const input = page.locator('.quick-input-widget input');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'flame graphs' }).first().waitFor({ timeout: 10_000 });
        await input.fill('flame graphs');
        await page.waitForTimeout(300);
        await input.press('Enter');
        await page.locator('.notebook-editor >> visible=true').first().waitFor({ timeout: 30_000 });
        await runCommand(page, 'Notebook: Run All');

        // 1. The profile of the slow cell, drawn as a flame graph.
        const frame = await findWebviewFrame(page, 'canvas.fg-canvas', 120_000);
        const first = frame.locator('.fg-root').first();
        await first.locator('canvas.fg-canvas').first().waitFor({ timeout: 30_000 });
        await page.waitForTimeout(800);
        await screenshot(page, `profiling-flame-${theme}`);

        // 2. Zoom: click a frame a few rows down; the zoom path gains an entry.
        const canvas = first.locator('canvas.fg-canvas').first();
        const box = await canvas.boundingBox();
        assert.ok(box, 'the flame graph canvas has a size');
        const crumbsBefore = await first.locator('.fg-crumbs button').count();
        await canvas.click({ position: { x: box.width * 0.4, y: 18 * 2 + 9 } });
        await page.waitForTimeout(500);
        const crumbsAfter = await first.locator('.fg-crumbs button').count();
        assert.ok(crumbsAfter > crumbsBefore, `zooming adds to the zoom path (${crumbsBefore} → ${crumbsAfter})`);

        // 3. Search the word-count functions; the toolbar reports the matches.
        await first.locator('.fg-search').fill('countWords|findWord|reportSlow');
        await page.waitForTimeout(600);
        const info = (await first.locator('.fg-search-info').textContent()) ?? '';
        assert.match(info, /\d/, `the search reports its matches ("${info}")`);
        await screenshot(page, `profiling-zoom-search-${theme}`);

        // 4. The diff cell: its output opens in the differential view of the two runs.
        const diffRoot = frame.locator('.fg-root', { has: frame.locator('button.fg-button', { hasText: /^Diff$/ }) });
        await diffRoot.first().waitFor({ timeout: 60_000 });
        assert.equal(await diffRoot.count(), 1, 'exactly one output (perf.diff) is a differential flame graph');
        // Bring the diff cell into view the way a keyboard user does: last cell, then up.
        await page
          .locator('.notebook-editor >> visible=true')
          .locator('.cell-focus-indicator, .cell-editor-part')
          .first()
          .click()
          .catch(() => undefined);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+End');
        for (let i = 0; i < 2; i++) {
          await page.keyboard.press('ArrowUp');
          await page.waitForTimeout(300);
        }
        await page.waitForTimeout(800);
        await screenshot(page, `profiling-diff-${theme}`);
        assert.equal(await frame.locator('.ddia-error').count(), 0, 'no renderer reported an error');
      } catch (err) {
        await screenshot(page, `profiling-failure-${theme}`).catch(() => undefined);
        throw new Error(`${String(err)} (memory pressure: ${memoryPressure()})`);
      } finally {
        await page.close();
      }
    });
  });
}
