/**
 * Journey: step through a simulation in the stepper, against the packaged .vsix, in the light and
 * dark themes. "Open Trace in Stepper…" on a saved trace (the fixture whose operations carry source
 * lines) opens the panel beside the editor; keyboard steps and "Next anomaly" move the cursor and
 * the editor highlights the line that issued the event. Then a registry scenario's saved trace is
 * opened and a partition injected at the cursor, which adds a branch to the list.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { exportTrace } from '../../extension/sim/core/trace';
import { runScenario } from '../../extension/sim/scenarios/registry';
import { REPO_ROOT } from '../harness/codeServer';
import { journey } from '../harness/journey';
import { findWebviewFrame, runCommand } from '../harness/workbench';

async function openTrace(page: Page, file: string): Promise<void> {
  await runCommand(page, 'DDIA Labs: Open Trace in Stepper');
  // code-server shows VS Code's simple file dialog: a quick input holding a path.
  // The first command activates the extension, which can take a while on a loaded machine.
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 45_000 });
  // The dialog fills in its folder asynchronously; type the path until it sticks.
  for (let i = 0; i < 10; i++) {
    await input.fill(file);
    await page.waitForTimeout(700);
    if ((await input.inputValue()) === file) break;
  }
  await input.press('Enter');
}

async function stepperFrame(page: Page, title: string): Promise<Frame> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const f = await findWebviewFrame(page, '.bar .scrub', 60_000);
    if ((await f.locator('.ddia-tl-title', { hasText: title }).count()) > 0) return f;
    await page.waitForTimeout(300);
  }
  throw new Error(`the stepper did not show ${title}`);
}

/**
 * Picks an option of a vscode-single-select by its label: open the dropdown with a click, then
 * click the option (Playwright's CSS reaches into the element's open shadow root), as a user does.
 */
async function pick(frame: Frame, select: string, label: string): Promise<void> {
  await frame.locator(select).click();
  await frame.locator(`${select} [role="option"]`, { hasText: label }).first().click();
}

/** The traces the journey opens: the fixture with source lines, and a registry scenario's run. */
function putTraces(workspace: string): void {
  const traces = path.join(workspace, 'traces');
  fs.mkdirSync(traces);
  for (const f of ['demo.trace.json', 'demo-workload.ts'])
    fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'stepper', f), path.join(traces, f));
  const r = runScenario('sloppy-quorum-stale-read', 1);
  fs.writeFileSync(
    path.join(traces, 'sloppy.trace.json'),
    exportTrace({ scenario: r.scenario, seed: r.seed, options: r.options, events: r.trace, history: r.history }),
  );
}

journey({ title: 'step through a simulation', name: 'stepper', viewport: { width: 1440, height: 1000 }, prepare: putTraces }, (j) => {
  j.test(
    'Open Trace in Stepper → step and jump to the anomaly with the source line highlighted → inject a partition → a branch',
    async (page) => {
      await openTrace(page, path.join(j.workspace, 'traces', 'demo.trace.json'));
      let frame = await stepperFrame(page, 'demo.trace.json');
      await frame.locator('.ddia-tl-canvas-wrap canvas').waitFor({ timeout: 30_000 });
      // Keyboard: step a few events from the panel body, then jump to the anomaly.
      await frame.locator('.event').click();
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
      await frame.locator('.pos', { hasText: 'event 6 /' }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('n');
      await frame.locator('.event.anomaly').waitFor({ timeout: 10_000 });
      assert.match((await frame.locator('.event').textContent()) ?? '', /stale-read/);
      await frame.locator('.source', { hasText: 'demo-workload.ts:' }).waitFor({ timeout: 60_000 });
      // The editor beside the panel shows the workload file with the operation's line highlighted.
      const tab = page.locator('.tab', { hasText: 'demo-workload.ts' });
      await tab.first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(800);
      await j.screenshot(page, 'stepper-anomaly');

      await openTrace(page, path.join(j.workspace, 'traces', 'sloppy.trace.json'));
      frame = await stepperFrame(page, 'sloppy.trace.json');
      await frame.locator('.inject vscode-button.inject-go').waitFor({ timeout: 30_000 });
      await frame.locator('.event').click();
      for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
      await frame.locator('.pos', { hasText: 'event 30 /' }).waitFor({ timeout: 10_000 });
      await pick(frame, '.inject vscode-single-select.fault', 'partition (isolate node)');
      await pick(frame, '.inject vscode-single-select.node', 'n1');
      assert.equal(await frame.locator('.inject .fault').evaluate((e) => (e as unknown as { value: string }).value), 'partition');
      assert.equal(await frame.locator('.inject .node').evaluate((e) => (e as unknown as { value: string }).value), 'n1');
      await frame.locator('.inject vscode-button.inject-go').click();
      await frame.locator('.branches li').nth(1).waitFor({ timeout: 30_000 });
      assert.equal(await frame.locator('.branches li').count(), 2);
      assert.match((await frame.locator('.branches button[aria-current="true"]').textContent()) ?? '', /partition \{n1\}/);
      await page.waitForTimeout(800);
      await j.screenshot(page, 'stepper-branch');
    },
  );
});
