/**
 * Journey: profile a lab cell, zoom, search, diff two runs — in the light and dark themes,
 * against the packaged .vsix. The flame-graphs lab's cells call perf.profile in the kernel
 * worker; their FLAME_MIME outputs are drawn by the flame-graph notebook renderer (canvas
 * based, in the notebook's output webview). Zoom is a click on a frame (the zoom path grows),
 * search is the toolbar's regex box (it reports matches), and the diff cell's output opens in
 * the differential view.
 */
import { strict as assert } from 'node:assert';
import { journey } from '../harness/journey';
import { findWebviewFrame, openLab, runAllCells } from '../harness/workbench';

journey({ title: 'profile a lab cell', name: 'profiling', viewport: { width: 1440, height: 1000 } }, (j) => {
  j.test('Open Lab → Run All → flame graph, zoom, search, diff of two runs', async (page) => {
    await openLab(page, 'flame graphs');
    await runAllCells(page, 'the flame graphs lab');

    // 1. The profile of the slow cell, drawn as a flame graph. Outputs live in a webview
    // under the notebook's list, so scroll the notebook (mouse wheel over it) until the
    // canvas is on screen, and drive the view by keyboard as its aria label says.
    const frame = await findWebviewFrame(page, 'canvas.fg-canvas', 120_000);
    const first = frame.locator('.fg-root').first();
    const canvas = first.locator('canvas.fg-canvas').first();
    await canvas.waitFor({ timeout: 30_000 });
    const scrollTo = async (target: typeof canvas): Promise<void> => {
      await page.mouse.move(800, 500);
      for (let i = 0; i < 40; i++) {
        const box = await target.boundingBox();
        if (box && box.y > 120 && box.y < 450) return;
        await page.mouse.wheel(0, box && box.y < 120 ? -250 : 250);
        await page.waitForTimeout(150);
      }
    };
    await scrollTo(canvas);
    await page.waitForTimeout(800);
    await j.screenshot(page, 'profiling-flame');

    // 2. Zoom: click the second row (the word count under report); the zoom path grows.
    const crumbsBefore = await first.locator('.fg-crumbs button').count();
    const box = await canvas.boundingBox();
    assert.ok(box, 'the flame graph canvas has a size');
    await canvas.click({ position: { x: box.width * 0.3, y: 18 + 9 } });
    await page.waitForTimeout(600);
    const crumbsAfter = await first.locator('.fg-crumbs button').count();
    assert.ok(crumbsAfter > crumbsBefore, `zooming adds to the zoom path (${crumbsBefore} → ${crumbsAfter})`);

    // 3. Search the word-count functions; the toolbar reports the matches.
    // The search box is a vscode-textfield: type into the input inside its shadow root.
    await first.locator('.fg-search input').fill('countWords|findWord|report');
    await page.waitForTimeout(600);
    const info = (await first.locator('.fg-search-info').textContent()) ?? '';
    assert.match(info, /\d+ functions/, `the search reports its matches ("${info}")`);
    await j.screenshot(page, 'profiling-zoom-search');

    // 4. The diff cell: its output opens in the differential view of the two runs.
    const diffRoot = frame.locator('.fg-root', { has: frame.locator('vscode-button.fg-button[data-mode="diff"]') });
    // The notebook draws outputs as they come into view, and may keep a drawn output hidden
    // until its cell is on screen: scroll down until it exists and is shown.
    await page.mouse.move(800, 500);
    for (let i = 0; i < 60 && !(await diffRoot.first().isVisible()); i++) {
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(300);
    }
    await diffRoot.first().waitFor({ timeout: 30_000 });
    assert.equal(await diffRoot.count(), 1, 'exactly one output (perf.diff) is a differential flame graph');
    await scrollTo(diffRoot.locator('canvas.fg-canvas').first());
    await page.waitForTimeout(800);
    await j.screenshot(page, 'profiling-diff');
    assert.equal(await frame.locator('.ddia-error').count(), 0, 'no renderer reported an error');
  });
});
