/**
 * Journey: the flame graph in its own editor (the profile custom editor on a .folded file), in the
 * light and dark themes, against the packaged .vsix. Its toolbar is @vscode-elements/elements
 * controls: the mode buttons say which is pressed, Sandwich shows a function picker whose choice
 * the view follows, the orientation button flips, and `/` moves focus to the search field, where
 * typing a pattern reports the matches and Escape gives the keyboard back to the graph.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/codeServer';
import { journey } from '../harness/journey';
import { findWebviewFrame } from '../harness/workbench';

const FILE = 'vertx.folded';

journey(
  {
    title: 'the flame graph editor',
    name: 'flame',
    viewport: { width: 1440, height: 1000 },
    prepare: (workspace) =>
      fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'flame', 'perf-vertx-stacks-01.folded'), path.join(workspace, FILE)),
  },
  (j) => {
    j.test('open a .folded profile → modes, sandwich picker, orientation, search from the keyboard', async (page) => {
      await page.keyboard.press('Control+p');
      const quick = page.locator('.quick-input-widget input');
      await quick.waitFor({ state: 'visible', timeout: 30_000 });
      await quick.fill(FILE);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor({ timeout: 15_000 });
      await quick.press('Enter');
      const frame = await findWebviewFrame(page, '.fg-toolbar vscode-button.fg-button', 60_000);
      await frame.locator('canvas.fg-canvas').first().waitFor({ timeout: 30_000 });

      const mode = (m: string) => frame.locator(`.fg-toolbar vscode-button.fg-button[data-mode="${m}"]`);
      const text = async (l: ReturnType<typeof mode>): Promise<string> => ((await l.textContent()) ?? '').trim();
      assert.deepEqual(
        await frame.locator('.fg-toolbar vscode-button[data-mode]').evaluateAll((bs) => bs.map((b) => b.textContent?.trim())),
        ['Left heavy', 'Time order', 'Sandwich'],
      );
      // The pressed mode is a primary button, the others secondary.
      assert.equal(await mode('merged').getAttribute('aria-pressed'), 'true');
      assert.equal(await mode('merged').getAttribute('secondary'), null);
      assert.equal(await mode('sandwich').getAttribute('aria-pressed'), 'false');
      assert.notEqual(await mode('sandwich').getAttribute('secondary'), null);

      // Sandwich: the function picker appears; choosing its second function redraws on that one.
      await mode('sandwich').click();
      await frame.locator('.fg-toolbar vscode-button[data-mode="sandwich"][aria-pressed="true"]').waitFor({ timeout: 5_000 });
      const picker = frame.locator('vscode-single-select.fg-sandwich-pick');
      await picker.waitFor({ state: 'visible', timeout: 5_000 });
      await picker.click();
      const option = frame.locator('vscode-single-select.fg-sandwich-pick [role="option"]').nth(1);
      const optionText = ((await option.textContent()) ?? '').trim();
      const fn = optionText.replace(/ \([\d.]+%\)$/, '');
      assert.ok(fn.length > 0 && fn !== optionText, `the picker lists functions with their share ("${optionText}")`);
      await option.click();
      await frame.locator('.fg-label', { hasText: `Callers of ${fn}` }).waitFor({ timeout: 5_000 });
      assert.equal(await frame.locator('.fg-label', { hasText: `Callees of ${fn}` }).count(), 1);

      // Back to left heavy; the orientation button flips its label.
      await mode('merged').click();
      await frame.locator('.fg-toolbar vscode-button[data-mode="merged"][aria-pressed="true"]').waitFor({ timeout: 5_000 });
      assert.ok(await picker.isHidden(), 'the sandwich picker hides outside the sandwich view');
      const orient = frame.locator('.fg-toolbar vscode-button.fg-orient');
      const before = await text(orient);
      assert.match(before, /^(Icicle ↓|Flame ↑)$/);
      await orient.click();
      await page.waitForTimeout(300);
      assert.equal(await text(orient), before.startsWith('Icicle') ? 'Flame ↑' : 'Icicle ↓');

      // Keyboard: `/` from the graph focuses the search field; typing reports matches; Enter
      // returns to the graph keeping the search, Escape clears it and returns.
      const canvas = frame.locator('canvas.fg-canvas').first();
      const canvasFocused = (): Promise<boolean> => canvas.evaluate((c) => c === c.ownerDocument.activeElement);
      const searchInput = frame.locator('.fg-search input');
      const info = frame.locator('.fg-search-info');
      await canvas.focus();
      await page.keyboard.press('/');
      await page.keyboard.type('Thread|thread');
      await info.filter({ hasText: /\d+ functions/ }).waitFor({ timeout: 5_000 });
      assert.equal(await searchInput.inputValue(), 'Thread|thread');
      await page.keyboard.press('Enter');
      assert.equal(await canvasFocused(), true, 'Enter gives the keyboard back to the graph');
      assert.equal(await searchInput.inputValue(), 'Thread|thread', 'Enter keeps the search');
      assert.match((await info.textContent()) ?? '', /\d+ functions/);
      // Flip back (roots at the top again) and show the toolbar with the search for the screenshot.
      await orient.click();
      await page.waitForTimeout(300);
      assert.equal(await text(orient), before);
      await frame.locator('.fg-toolbar').scrollIntoViewIfNeeded();
      await page.waitForTimeout(600);
      await j.screenshot(page, 'flame-panel');

      await canvas.focus();
      await page.keyboard.press('/');
      assert.equal(
        await searchInput.evaluate((i) => i === (i.getRootNode() as unknown as { activeElement: unknown }).activeElement),
        true,
        '/ focuses the search',
      );
      await page.keyboard.press('Escape');
      assert.equal(await canvasFocused(), true, 'Escape gives the keyboard back to the graph');
      assert.equal(await searchInput.inputValue(), '');
      assert.equal(((await info.textContent()) ?? '').trim(), '', 'Escape clears the search');
    });
  },
);
