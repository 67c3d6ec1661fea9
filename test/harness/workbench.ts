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
