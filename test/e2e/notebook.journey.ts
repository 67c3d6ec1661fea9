/**
 * Journey: open a lab, Run All, and look at what the learner sees — a d3 chart and a mermaid
 * diagram in a Markdown cell — in the light and dark themes, against the packaged .vsix.
 * Outputs live in the notebook's webview (nested iframes; Markdown cells in shadow roots, which
 * Playwright's CSS locators pierce).
 */
import { strict as assert } from 'node:assert';
import { journey } from '../harness/journey';
import { findWebviewFrame, openLab, runAllCells } from '../harness/workbench';

journey({ title: 'run a lab notebook', name: 'notebook', viewport: { width: 1440, height: 1000 } }, (j) => {
  j.test('Open Lab → Run All → a chart and a mermaid diagram render', async (page) => {
    await openLab(page, 'USE method');
    await runAllCells(page, 'the USE method lab');
    const frame = await findWebviewFrame(page, '.ddia-chart svg rect', 90_000);
    // The mermaid diagram is in the first Markdown cell, drawn once it is on screen.
    const diagram = frame.locator('.ddia-mermaid[data-rendered] svg').first();
    await diagram.waitFor({ timeout: 60_000 });
    await diagram.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await j.screenshot(page, 'notebook-mermaid');
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
    await j.screenshot(page, 'notebook-chart');
    assert.equal(await frame.locator('.ddia-error').count(), 0, 'no renderer reported an error');
  });
});
