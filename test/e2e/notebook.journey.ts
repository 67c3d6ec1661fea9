/**
 * Journey: open a lab, Run All, and look at what the learner sees — a d3 chart and a mermaid
 * diagram in a Markdown cell — in the light and dark themes, against the packaged .vsix.
 * Outputs live in the notebook's webview (nested iframes; Markdown cells in shadow roots, which
 * Playwright's CSS locators pierce).
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
  describe(`run a lab notebook (${theme} theme, installed .vsix)`, () => {
    let server: CodeServer;
    let browser: Browser;
    let workspace: string;

    before(async () => {
      workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-e2e-nb-'));
      server = await startCodeServer({ workspace, theme, vsix: findVsix() });
      browser = await launchBrowser({ width: 1440, height: 1000 });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    });

    test('Open Lab → Run All → a chart and a mermaid diagram render', async () => {
      const page = await browser.context.newPage();
      try {
        await page.goto(server.workbenchUrl(workspace), { timeout: 60_000 });
        await waitForWorkbench(page);
        await runCommand(page, 'DDIA Labs: Open Lab');
        const input = page.locator('.quick-input-widget input');
        // Filter first: with 16 labs the row may be below the list's fold, and the list only
        // renders the rows in view.
        await input.fill('USE method');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'USE method' }).first().waitFor({ timeout: 10_000 });
        await page.waitForTimeout(300);
        await input.press('Enter');
        await page.locator('.notebook-editor >> visible=true').first().waitFor({ timeout: 30_000 });
        await runCommand(page, 'Notebook: Run All');
        const frame = await findWebviewFrame(page, '.ddia-chart svg rect', 90_000);
        // The mermaid diagram is in the first Markdown cell, drawn once it is on screen.
        const diagram = frame.locator('.ddia-mermaid[data-rendered] svg').first();
        await diagram.waitFor({ timeout: 60_000 });
        await diagram.scrollIntoViewIfNeeded();
        await page.waitForTimeout(500);
        await screenshot(page, `notebook-mermaid-${theme}`);
        // Move through the cells the way a keyboard user does (command mode, ↓), which scrolls
        // the notebook; scrolling inside the output webview does not.
        await page
          .locator('.notebook-editor >> visible=true')
          .locator('h2', { hasText: 'CPUs' })
          .first()
          .click()
          .catch(async () => {
            await page.mouse.click(700, 770);
          });
        await page.keyboard.press('Escape');
        for (let i = 0; i < 2; i++) {
          await page.keyboard.press('ArrowDown');
          await page.waitForTimeout(300);
        }
        await frame.locator('.ddia-chart svg rect').first().waitFor();
        await page.waitForTimeout(800);
        await screenshot(page, `notebook-chart-${theme}`);
        assert.equal(await frame.locator('.ddia-error').count(), 0, 'no renderer reported an error');
      } catch (err) {
        await screenshot(page, `notebook-failure-${theme}`).catch(() => undefined);
        throw new Error(`${String(err)} (memory pressure: ${memoryPressure()})`);
      } finally {
        await page.close();
      }
    });
  });
}
