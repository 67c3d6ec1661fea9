/**
 * Journey: the storage-engine views in a real VS Code, against the packaged .vsix, in the light
 * and dark themes: the LSM levels and the compaction player (stepped with its keyboard shortcut)
 * in the SSTables lab, the B-tree page view in the B-tree lab, and the amplification charts in
 * the comparison lab. Outputs live in the notebook's webview (nested iframes).
 */
import { strict as assert } from 'node:assert';
import type { Frame, Locator, Page } from 'playwright-core';
import { journey } from '../harness/journey';
import { closeAllEditors, findWebviewFrame, openLab, runAllCells } from '../harness/workbench';

const VIEWPORT = { width: 1440, height: 1000 };

/** Opens a lab's notebook as the only editor on the page and runs all its cells. */
async function openAndRunLab(page: Page, title: string): Promise<void> {
  await closeAllEditors(page);
  await openLab(page, title);
  await runAllCells(page, `the '${title}' notebook`);
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

journey({ title: 'storage engine views', name: 'storage', viewport: VIEWPORT }, (j) => {
  j.test('Comparison lab: amplification charts for four engines', async (page) => {
    await openAndRunLab(page, 'LSM trees vs B-trees');
    const frame = await findWebviewFrame(page, '.ddia-chart svg', 180_000);
    await bringIntoView(page, frame.locator('.ddia-chart').first());
    await j.screenshot(page, 'storage-amplification');
    await noRendererErrors(frame);
  });

  j.test('SSTables lab: LSM levels and a compaction player that steps', async (page) => {
    await openAndRunLab(page, 'SSTables, memtables');
    const frame = await findWebviewFrame(page, '.ddia-lsm-svg .ddia-lsm-table', 120_000);
    await bringIntoView(page, frame.locator('.ddia-lsm-svg').first());
    await j.screenshot(page, 'storage-lsm-levels');
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
    await j.screenshot(page, 'storage-compaction');
    await noRendererErrors(frame);
  });

  j.test('B-tree lab: pages as a tree with fill factors', async (page) => {
    await openAndRunLab(page, 'B-trees and the write-ahead log');
    const frame = await findWebviewFrame(page, '.ddia-btree-svg .ddia-btree-page', 120_000);
    await bringIntoView(page, frame.locator('.ddia-btree').first());
    await j.screenshot(page, 'storage-btree');
    await noRendererErrors(frame);
  });
});
