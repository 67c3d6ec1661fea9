/**
 * Journey: the storage-engine views in a real VS Code, against the packaged .vsix, in the light
 * and dark themes: the LSM levels and the compaction player (stepped with its keyboard shortcut)
 * in the SSTables lab, the B-tree page view in the B-tree lab, and the amplification charts in
 * the comparison lab. Outputs live in the notebook's webview (nested iframes).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Locator, Page } from 'playwright-core';
import { launchBrowser, memoryPressure, type Browser } from '../harness/browser';
import { startCodeServer, type CodeServer, type Theme } from '../harness/codeServer';
import { findVsix } from '../harness/vsix';
import { findWebviewFrame, runCommand, screenshot, waitForWorkbench } from '../harness/workbench';

const VIEWPORT = { width: 1440, height: 1000 };

/** Closes editors restored from an earlier test, so the only notebook on the page is the next one. */
async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
  await dontSave.click({ timeout: 2_000 }).catch(() => undefined);
  await page
    .locator('.notebook-editor >> visible=true')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

async function openAndRunLab(page: Page, title: string): Promise<void> {
  await closeAllEditors(page);
  await runCommand(page, 'DDIA Labs: Open Lab');
  const input = page.locator('.quick-input-widget input');
  // Filter first: the list only renders the rows in view.
  await input.fill(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
  await input.press('Enter');
  const notebook = page.locator('.notebook-editor >> visible=true').first();
  await notebook.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  // Run All right after opening can land before the new notebook is the active editor: retry
  // until some cell shows it ran or is running.
  const started = notebook.locator('.codicon-notebook-state-success, .codicon-notebook-state-executing, .codicon-notebook-state-pending');
  for (let attempt = 0; attempt < 3; attempt++) {
    await runCommand(page, 'Notebook: Run All');
    try {
      await started.first().waitFor({ timeout: 15_000 });
      return;
    } catch {
      await notebook.click({ position: { x: 400, y: 200 } }).catch(() => undefined);
    }
  }
  throw new Error(`Run All did not start in the '${title}' notebook`);
}

/**
 * Scrolls the notebook until `output` (inside the output webview) is on screen. The output
 * webview does not scroll itself: the notebook list does, so move cell by cell in command mode
 * and watch where the element lands in page coordinates.
 */
async function bringIntoView(page: Page, output: Locator): Promise<void> {
  const notebook = page.locator('.notebook-editor >> visible=true').first();
  // Enter command mode from a cell editor if one is on screen (after scrolling there may be none,
  // and the notebook is then still in command mode from the last call).
  // A mouse click near the editor's top left, not Locator.click: that first scrolls the element
  // into view, and a cell editor's line layer can be wider than the window, so Playwright would
  // scroll the whole notebook sideways (no person's click does that).
  const lines = await notebook
    .locator('.view-lines >> visible=true')
    .first()
    .boundingBox({ timeout: 3_000 })
    .catch(() => null);
  if (lines && lines.y > 90 && lines.y < VIEWPORT.height - 60) {
    await page.mouse.click(lines.x + 30, lines.y + 8);
    await page.keyboard.press('Escape');
  }
  // The notebook renders outputs near the viewport only: walk down until the output exists and
  // sits inside the window.
  for (let i = 0; i < 80; i++) {
    const box = (await output.count()) > 0 ? await output.boundingBox() : null;
    if (box && box.y >= 90 && box.y + Math.min(box.height, 420) <= VIEWPORT.height - 40) break;
    await page.keyboard.press(box && box.y < 90 ? 'ArrowUp' : 'ArrowDown');
    await page.waitForTimeout(400);
  }
  await output.waitFor({ timeout: 10_000 });
  await page.waitForTimeout(600);
}

async function noRendererErrors(frame: Frame): Promise<void> {
  assert.equal(await frame.locator('.ddia-error').count(), 0, 'no renderer reported an error');
}

for (const theme of ['light', 'dark'] as Theme[]) {
  describe(`storage engine views (${theme} theme, installed .vsix)`, () => {
    let server: CodeServer;
    let browser: Browser;
    let workspace: string;

    before(async () => {
      workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-e2e-storage-'));
      server = await startCodeServer({ workspace, theme, vsix: findVsix() });
      browser = await launchBrowser(VIEWPORT);
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    });

    async function journey(name: string, body: (page: Page) => Promise<void>): Promise<void> {
      const page = await browser.context.newPage();
      try {
        await page.goto(server.workbenchUrl(workspace), { timeout: 60_000 });
        await waitForWorkbench(page);
        await body(page);
      } catch (err) {
        await screenshot(page, `storage-${name}-failure-${theme}`).catch(() => undefined);
        throw new Error(`${String(err)} (memory pressure: ${memoryPressure()})`);
      } finally {
        await page.close();
      }
    }

    test('Comparison lab: amplification charts for four engines', () =>
      journey('amplification', async (page) => {
        await openAndRunLab(page, 'LSM trees vs B-trees');
        const frame = await findWebviewFrame(page, '.ddia-chart svg', 180_000);
        await bringIntoView(page, frame.locator('.ddia-chart').first());
        await screenshot(page, `storage-amplification-${theme}`);
        await noRendererErrors(frame);
      }));

    test('SSTables lab: LSM levels and a compaction player that steps', () =>
      journey('lsm', async (page) => {
        await openAndRunLab(page, 'SSTables, memtables');
        const frame = await findWebviewFrame(page, '.ddia-lsm-svg .ddia-lsm-table', 120_000);
        await bringIntoView(page, frame.locator('.ddia-lsm-svg').first());
        await screenshot(page, `storage-lsm-levels-${theme}`);
        const player = frame.locator('.ddia-player').first();
        await bringIntoView(page, player);
        // Keyboard: click the player to focus it (as a person would) and step forward once; the first step outlines its inputs.
        // A mouse click where the caption is, as a person makes it: Locator.click would first
        // scroll the caption into view itself, which can move the notebook sideways.
        const caption = await player.locator('.ddia-player-caption').boundingBox();
        assert.ok(caption, 'the player caption is on screen');
        await page.mouse.click(caption.x + 20, caption.y + caption.height / 2);
        await page.keyboard.press('ArrowRight');
        await frame.locator('.ddia-player .ddia-lsm-table.is-input').first().waitFor({ timeout: 10_000 });
        assert.match((await frame.locator('.ddia-player-caption').first().textContent()) ?? '', /^Step 1/);
        await page.waitForTimeout(300);
        await screenshot(page, `storage-compaction-${theme}`);
        await noRendererErrors(frame);
      }));

    test('B-tree lab: pages as a tree with fill factors', () =>
      journey('btree', async (page) => {
        await openAndRunLab(page, 'B-trees and the write-ahead log');
        const frame = await findWebviewFrame(page, '.ddia-btree-svg .ddia-btree-page', 120_000);
        await bringIntoView(page, frame.locator('.ddia-btree').first());
        await screenshot(page, `storage-btree-${theme}`);
        await noRendererErrors(frame);
      }));
  });
}
