/**
 * Journey: the storage-engine views in a real VS Code, against the packaged .vsix, in the light
 * and dark themes. Opens the SSTables lab, runs it, and checks the LSM levels and the
 * compaction player (stepping it with its keyboard shortcut). Outputs live in the notebook's webview (nested iframes).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, memoryPressure, type Browser } from '../harness/browser';
import { startCodeServer, type CodeServer, type Theme } from '../harness/codeServer';
import { findVsix } from '../harness/vsix';
import { findWebviewFrame, runCommand, screenshot, waitForWorkbench } from '../harness/workbench';

async function openAndRunLab(page: Page, title: string): Promise<void> {
  await runCommand(page, 'DDIA Labs: Open Lab');
  const input = page.locator('.quick-input-widget input');
  // Filter first: the list only renders the rows in view.
  await input.fill(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
  await input.press('Enter');
  await page.locator('.notebook-editor >> visible=true').first().waitFor({ timeout: 30_000 });
  await runCommand(page, 'Notebook: Run All');
}

/**
 * Puts the notebook in command mode near the Markdown cell with `heading`, so ↓ moves through
 * cells and scrolls the notebook (scrolling inside the output webview does not). Rendered
 * Markdown may live in the webview, so fall back to the first visible code cell's editor.
 */
async function moveToHeading(page: Page, heading: string): Promise<void> {
  const notebook = page.locator('.notebook-editor >> visible=true');
  await notebook
    .locator('h2', { hasText: heading })
    .first()
    .click({ timeout: 5_000 })
    .catch(() => notebook.locator('.monaco-editor').first().click({ timeout: 10_000 }));
  await page.keyboard.press('Escape');
}

async function screenshotOutput(page: Page, output: Locator, heading: string, cellsDown: number, name: string): Promise<void> {
  await moveToHeading(page, heading).catch(() => undefined);
  for (let i = 0; i < cellsDown; i++) {
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(400);
  }
  await output.waitFor({ timeout: 60_000 });
  await page.waitForTimeout(600);
  await screenshot(page, name);
}

for (const theme of ['light', 'dark'] as Theme[]) {
  describe(`storage engine views (${theme} theme, installed .vsix)`, () => {
    let server: CodeServer;
    let browser: Browser;
    let workspace: string;

    before(async () => {
      workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-e2e-storage-'));
      server = await startCodeServer({ workspace, theme, vsix: findVsix() });
      browser = await launchBrowser({ width: 1440, height: 1000 });
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    });

    // The B-tree page view is checked by the renderer's unit tests and the btree-wal lab run;
    // a second lab in the same session doubled the journey's time for one more picture.
    test('SSTables lab: LSM levels and a compaction player that steps', async () => {
      const page = await browser.context.newPage();
      try {
        await page.goto(server.workbenchUrl(workspace), { timeout: 60_000 });
        await waitForWorkbench(page);
        await openAndRunLab(page, 'SSTables, memtables');
        const frame = await findWebviewFrame(page, '.ddia-lsm-svg .ddia-lsm-table', 120_000);
        await screenshotOutput(
          page,
          frame.locator('.ddia-lsm-svg').first(),
          'A memtable becomes an SSTable',
          2,
          `storage-lsm-levels-${theme}`,
        );
        // The notebook renders outputs near the viewport only: walk down to the compaction cell.
        const player = frame.locator('.ddia-player').first();
        // Still in command mode from the screenshot above: keep going down, cell by cell.
        for (let i = 0; i < 30 && !(await player.isVisible()); i++) {
          await page.keyboard.press('ArrowDown');
          await page.waitForTimeout(700);
        }
        await player.waitFor({ timeout: 60_000 });
        // Keyboard: focus the player and step forward once; the first step outlines its inputs.
        await player.scrollIntoViewIfNeeded();
        await player.focus();
        await page.keyboard.press('ArrowRight');
        await frame.locator('.ddia-player .ddia-lsm-table.is-input').first().waitFor({ timeout: 10_000 });
        assert.match((await frame.locator('.ddia-player-caption').first().textContent()) ?? '', /^Step 1/);
        await page.waitForTimeout(300);
        await screenshot(page, `storage-compaction-${theme}`);
        assert.equal(await frame.locator('.ddia-error').count(), 0, 'no renderer reported an error');
      } catch (err) {
        await screenshot(page, `storage-failure-${theme}`).catch(() => undefined);
        throw new Error(`${String(err)} (memory pressure: ${memoryPressure()})`);
      } finally {
        await page.close();
      }
    });
  });
}
