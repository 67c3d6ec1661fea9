/**
 * Journey 4, "grade exercises with built-in tests", against the packaged extension: start the
 * hash-index-log lab from the command palette, open the Testing view, run the exercise's tests
 * (the untouched starter fails), put the reference solution into the workspace, run again (all
 * pass), and see the Labs view and the Open Lab quick pick mark the exercise passed.
 * Screenshots in the light and dark themes go to test-output/screenshots/grading-*.png.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/codeServer';
import { journey } from '../harness/journey';
import { openLab, runCommand } from '../harness/workbench';

const EXERCISE_TITLE = 'Append, index and recover';

/** Hovers the exercise's row in the Testing view and clicks its inline "Run Test" action. */
async function runExerciseFromTestingView(page: Page, row: Locator): Promise<void> {
  await row.hover();
  const run = row.locator('.action-label[aria-label^="Run Test"]').first();
  await run.waitFor({ state: 'visible', timeout: 10_000 });
  await run.click();
}

/** Drags the side bar's edge so tree labels and their descriptions fit in the screenshots. */
async function widenSideBar(page: Page, width = 760): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 10 });
  await page.mouse.up();
}

/** Moves the pointer off hover targets so no tooltip covers what a screenshot shows. */
async function parkPointer(page: Page): Promise<void> {
  await page.mouse.move(1100, 300);
  await page.waitForTimeout(600);
}

journey({ title: 'grade an exercise from the Testing view', name: 'grading' }, (j) => {
  j.test('start a lab, fail its tests, put in the reference, pass, and see the Labs view mark it', async (page) => {
    // Start the lab from the palette.
    await openLab(page, 'hash index');
    await page.locator('.tabs-container .tab', { hasText: 'hash-index-log.lab.md' }).first().waitFor({ timeout: 20_000 });
    const learnerFile = path.join(j.workspace, 'ddia-labs', 'hash-index-log', 'kv-log.ts');
    assert.ok(fs.existsSync(learnerFile), `${learnerFile} was put into the workspace`);

    // The Testing view lists the lab, its exercise and the exercise's tests.
    await runCommand(page, 'Testing: Focus on Test Explorer View');
    const explorer = page.locator('.test-explorer .monaco-list');
    const labRow = explorer.locator('.monaco-list-row', { hasText: 'append-only log' }).first();
    await labRow.waitFor({ timeout: 30_000 });
    if ((await labRow.getAttribute('aria-expanded')) === 'false') await labRow.locator('.monaco-tl-twistie').click();
    const exRow = explorer.locator('.monaco-list-row', { hasText: EXERCISE_TITLE }).first();
    await exRow.waitFor({ timeout: 10_000 });
    if ((await exRow.getAttribute('aria-expanded')) === 'false') await exRow.locator('.monaco-tl-twistie').click();
    await explorer.locator('.monaco-list-row', { hasText: 'put then get returns the value' }).first().waitFor({ timeout: 10_000 });
    await widenSideBar(page);

    // Run the untouched starter: every test fails.
    await runExerciseFromTestingView(page, exRow);
    await exRow.locator('.codicon-testing-failed-icon').waitFor({ timeout: 90_000 });
    const failedRows = explorer.locator('.monaco-list-row:has(.codicon-testing-failed-icon)');
    assert.ok((await failedRows.count()) >= 2, 'the exercise and its tests show as failed');
    // Show one failure's message in the Test Results panel.
    const result = page.locator('.part.panel .monaco-list-row', { hasText: 'put then get returns the value' }).first();
    await result.waitFor({ timeout: 10_000 });
    await result.click();
    await page.locator('.part.panel', { hasText: 'not implemented' }).first().waitFor({ timeout: 10_000 });
    await parkPointer(page);
    await j.screenshot(page, 'grading-failed');

    // Put in the reference solution (the learner's workspace is ours) and run again.
    fs.copyFileSync(path.join(REPO_ROOT, 'labs', 'hash-index-log', 'reference', 'kv-log.ts'), learnerFile);
    await runExerciseFromTestingView(page, exRow);
    await exRow.locator('.codicon-testing-passed-icon').waitFor({ timeout: 90_000 });
    assert.equal(await explorer.locator('.monaco-list-row:has(.codicon-testing-failed-icon)').count(), 0, 'nothing fails any more');
    await parkPointer(page);
    await j.screenshot(page, 'grading-passed');

    // The Labs view marks the exercise passed (the lab's second exercise, compaction, is not done).
    await page.locator('.activitybar [aria-label^="DDIA Labs"]').first().click();
    const tree = page.locator('.pane-body .monaco-list');
    const lab = tree.locator('.monaco-list-row', { hasText: 'append-only log' }).first();
    await lab.waitFor({ timeout: 20_000 });
    await lab.locator('.label-description', { hasText: '1/2 exercises passed' }).waitFor({ timeout: 10_000 });
    if ((await lab.getAttribute('aria-expanded')) === 'false') await lab.locator('.monaco-tl-twistie').click();
    const exercise = tree.locator('.monaco-list-row', { hasText: EXERCISE_TITLE }).first();
    await exercise.locator('.label-description', { hasText: 'passed ✓' }).waitFor({ timeout: 10_000 });
    await parkPointer(page);
    await j.screenshot(page, 'grading-labs-tree');

    // So does the Open Lab quick pick, in the lab's description.
    await runCommand(page, 'DDIA Labs: Open Lab');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'append-only log' })
      .filter({ hasText: '1/2 exercises passed' })
      .first()
      .waitFor({ timeout: 10_000 });
    await parkPointer(page);
    await j.screenshot(page, 'grading-open-lab-progress');
    await page.keyboard.press('Escape');
  });
});
