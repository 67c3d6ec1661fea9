/**
 * Driving the VS Code workbench in Chromium the way a person does: the command palette, quick
 * picks, views, webviews (inside nested iframes), and screenshots saved under test-output/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { REPO_ROOT } from './codeServer';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-output', 'screenshots');

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.activitybar', { timeout: 60_000 });
  // Let the extension host come up and contributions register.
  await page.waitForTimeout(1500);
}

/**
 * Runs a command by its palette title. The palette snapshots the command list when it opens, so
 * right after load an extension's commands may be missing: close and retry.
 */
export async function runCommand(page: Page, title: string, attempts = 8): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      await input.press('Enter');
      return;
    } catch {
      await page.waitForTimeout(1000);
    }
  }
  throw new Error(`command '${title}' did not appear in the command palette`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The content frame of the first webview whose document contains `selector`. */
export async function findWebviewFrame(page: Page, selector: string, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if ((await frame.locator(selector).count()) > 0) return frame;
      } catch {
        // Frame navigated away while we looked.
      }
    }
    await page.waitForTimeout(250);
  }
  // What was there instead: a screenshot and each frame's URL and text, for the failure report.
  const shot = await screenshot(page, `failure-no-${selector.replace(/[^a-z0-9]+/gi, '-')}`).catch(() => 'none');
  const frames = await Promise.all(
    page.frames().map(
      async (f) =>
        `${f.url().slice(0, 120)} :: ${(
          (await f
            .locator('body')
            .innerText({ timeout: 500 })
            .catch(() => '')) || ''
        )
          .slice(0, 200)
          .replace(/\s+/g, ' ')}`,
    ),
  );
  throw new Error(`no webview showed '${selector}' within ${timeoutMs} ms (screenshot ${shot}); frames:\n${frames.join('\n')}`);
}

/** "DDIA Labs: Open Lab…", filtered to `filter`, and the first lab that matches it chosen. */
export async function openLab(page: Page, filter: string): Promise<void> {
  await runCommand(page, 'DDIA Labs: Open Lab');
  const input = page.locator('.quick-input-widget input');
  // Filter first: with 16 labs the row may be below the list's fold, and the list only renders
  // the rows in view.
  await input.fill(filter);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: filter }).first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
  await input.press('Enter');
}

/** Closes every editor (discarding changes), so the only notebook on the page is the next one. */
export async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
  await dontSave.click({ timeout: 2_000 }).catch(() => undefined);
  await page
    .locator('.notebook-editor >> visible=true')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

/** Waits for the notebook that is opening and runs all its cells ("Notebook: Run All"). */
export async function runAllCells(page: Page, what = 'the notebook'): Promise<void> {
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
  throw new Error(`Run All did not start in ${what}`);
}
