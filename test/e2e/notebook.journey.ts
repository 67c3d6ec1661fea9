/**
 * Journey: open a lab, Run All, and look at what the learner sees — a d3 chart, a table, and a
 * mermaid diagram in a Markdown cell — in the light and dark themes, against the packaged .vsix.
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

    test('Open Lab → Run All → charts, tables and diagrams render', async () => {
      const page = await browser.context.newPage();
      try {
        await page.goto(server.workbenchUrl(workspace), { timeout: 60_000 });
        await waitForWorkbench(page);
        await runCommand(page, 'DDIA Labs: Open Lab');
        const input = page.locator('.quick-input-widget input');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'USE method' }).first().waitFor({ timeout: 10_000 });
        await input.fill('USE method');
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
        const chart = frame.locator('.ddia-chart').first();
        await chart.scrollIntoViewIfNeeded();
        await page.waitForTimeout(500);
        await screenshot(page, `notebook-chart-${theme}`);
        assert.equal(await frame.locator('.ddia-error').count(), 0, 'no renderer reported an error');
        // The table is the next cell's output, just below the chart.
        const tableOut = frame.locator('.ddia-table').first();
        await tableOut.waitFor({ timeout: 30_000 });
        await tableOut.scrollIntoViewIfNeeded();
        await page.waitForTimeout(300);
        await screenshot(page, `notebook-table-${theme}`);
        assert.ok((await tableOut.locator('tbody tr').count()) > 0, 'the table has rows');
      } catch (err) {
        await screenshot(page, `notebook-failure-${theme}`).catch(() => undefined);
        throw new Error(`${String(err)} (memory pressure: ${memoryPressure()})`);
      } finally {
        await page.close();
      }
    });
  });
}
