/**
 * Journey: the storage-engine views in a real VS Code, against the packaged .vsix, in the light
 * and dark themes: the LSM levels and the compaction player (stepped with its keyboard shortcut)
 * in the SSTables lab, its live levels view (storage.watch) changing while the compaction cell runs, the B-tree page view in the B-tree lab, and the amplification charts in
 * the comparison lab. Outputs live in the notebook's webview (nested iframes).
 */
import { strict as assert } from 'node:assert';
import type { Frame, Locator, Page } from 'playwright-core';
import { journey } from '../harness/journey';
import { closeAllEditors, findWebviewFrame, openLab, runAllCells, runCommand } from '../harness/workbench';

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

  j.test('SSTables lab: the levels update live while the compaction cell runs, and end on the final state', async (page) => {
    await openAndRunLab(page, 'SSTables, memtables');
    // Run All shows the compaction cell's live view among other outputs; wait for it to finish,
    // bring it on screen, then run that cell again and watch its output while it runs.
    // The notebook renders outputs near the viewport only: find the first cell's view, then walk down to the live one.
    const frame = await findWebviewFrame(page, '.ddia-lsm-svg .ddia-lsm-table', 120_000);
    const liveView = frame.locator('.ddia-lsm-live').first();
    // Walk down to the last cell and wait for Run All to finish there, then back up to the live view.
    await bringIntoView(page, frame.locator('.ddia-player').last());
    await page.locator('.notebook-editor .codicon-notebook-state-success >> visible=true').last().waitFor({ timeout: 120_000 });
    for (let i = 0; i < 60 && (await liveView.count()) === 0; i++) {
      await page.keyboard.press('ArrowUp');
      await page.waitForTimeout(400);
    }
    await bringIntoView(page, liveView);
    await frame.locator('.ddia-lsm-live .ddia-storage-progress.is-final').first().waitFor({ timeout: 60_000 });
    // Select the compaction cell in command mode (arrow keys, as a person would), then the command palette runs it.
    const cellRow = page.locator('.notebook-editor .monaco-list-row.focused', { hasText: 'storage.watch(db' });
    for (let i = 0; i < 6 && (await cellRow.count()) === 0; i++) {
      await page.keyboard.press('ArrowUp');
      await page.waitForTimeout(300);
    }
    assert.equal(await cellRow.count(), 1, 'the compaction cell is selected');
    // Poll the live output from before the run starts: opening the command palette and typing can
    // take as long as the cell's three seconds on a busy machine, so polling only after the command
    // returned could see nothing but the final frame. Its progress line must change several times
    // while the cell runs (the same output element redrawn, not new outputs), then end on "done".
    const seen: string[] = [];
    let midShot = false;
    let ran = false;
    const poll = (async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        assert.ok(Date.now() < deadline, `the live view finished within a minute (saw ${seen.join(' | ')})`);
        const progress = frame.locator('.ddia-lsm-live .ddia-storage-progress').last();
        const text = (await progress.count()) > 0 ? ((await progress.textContent({ timeout: 2_000 }).catch(() => null)) ?? '') : '';
        if (text && text !== seen.at(-1)) seen.push(text);
        const running = /running/.test(text);
        const ops = Number(/([\d,]+) operations/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
        if (running && !midShot && ops >= 1200) {
          midShot = true;
          assert.ok((await frame.locator('.ddia-lsm-live').count()) <= 2, 'one live output per run, redrawn in place');
          await j.screenshot(page, 'storage-lsm-live-mid');
        }
        if (ran && /done/.test(text) && seen.some((t) => /running/.test(t))) break;
        await page.waitForTimeout(50);
      }
    })();
    await runCommand(page, 'Notebook: Execute Cell');
    ran = true;
    await poll;
    const running = seen.filter((t) => /running/.test(t));
    assert.ok(
      running.length >= 4,
      `at least four running frames were drawn while the cell ran, saw ${running.length}: ${seen.join(' | ')}`,
    );
    assert.ok(midShot, 'a frame in the middle of the run was captured');
    const final = seen.at(-1) ?? '';
    assert.match(final, /✓ done.*3,000 operations/, 'the last frame is the final state: every write counted');
    // The final drawing matches the final state: its table count is the one the summary states.
    const note = (await frame.locator('.ddia-lsm-live .ddia-storage-note').last().textContent()) ?? '';
    const tablesDrawn = await frame.locator('.ddia-lsm-live').last().locator('.ddia-lsm-table').count();
    assert.match(note, new RegExp(`· ${tablesDrawn} tables`), `the drawing shows the ${tablesDrawn} tables of the final state (${note})`);
    await page.waitForTimeout(1000); // let the last flash fade
    await j.screenshot(page, 'storage-lsm-live-final');
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
