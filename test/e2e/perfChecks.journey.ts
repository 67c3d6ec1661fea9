/**
 * Journey: perf checks on the dev machine, against the packaged .vsix, in the light and dark
 * themes. First the USE dashboard panel from the command palette: its table fills in and keeps
 * updating (the sample count grows), then it is closed. Then a notebook whose cell benchmarks
 * a linear scan against a Set lookup and compares them: the latency histogram with percentile
 * markers and the verdict with its box plots render. Screenshots of both.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { journey } from '../harness/journey';
import { findWebviewFrame, runAllCells, runCommand } from '../harness/workbench';

const BENCH_LAB = `---
id: perf-journey
title: Benchmark comparison
book: Systems Performance
chapter: 12
order: 99
summary: A linear scan against a hash lookup.
exercises: []
---

# Is a Set faster than a scan?

\`\`\`ts id=compare
import { perf, display } from 'ddia-labs';
const keys = Array.from({ length: 5000 }, (_, i) => i * 7);
const set = new Set(keys);
const opts = { samples: 30, warmupMs: 50, targetSampleMs: 5 };
const scan = await perf.bench('Array.includes', () => keys.includes(34993), opts);
const hash = await perf.bench('Set.has', () => set.has(34993), opts);
display(scan);
perf.compare(scan, hash);
\`\`\`
`;

journey(
  {
    title: 'perf checks: USE dashboard and a benchmark comparison',
    name: 'perf',
    viewport: { width: 1440, height: 1000 },
    prepare: (workspace) => fs.writeFileSync(path.join(workspace, 'bench.lab.md'), BENCH_LAB),
  },
  (j) => {
    j.test('the USE dashboard updates live; a bench cell shows a histogram and a verdict', async (page) => {
      await runCommand(page, 'DDIA Labs: Show USE Dashboard');
      const panel = await findWebviewFrame(page, '.ddia-use-table tbody tr', 30_000);
      const samples = async (): Promise<number> => Number(await panel.locator('.ddia-use').getAttribute('data-samples'));
      const first = await samples();
      await page.waitForTimeout(2500);
      const later = await samples();
      assert.ok(later > first, `the dashboard keeps updating (${first} → ${later} samples)`);
      assert.ok((await panel.locator('.ddia-use-table tbody tr').count()) >= 3, 'rows for CPUs, memory and more');
      assert.equal(await panel.locator('th[scope=row]', { hasText: 'CPUs' }).count(), 1);
      // Keyboard: focus the table and move into the cells.
      await panel.locator('.ddia-use-table').focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(400);
      await j.screenshot(page, 'use-dashboard');
      // Pause (a vscode-button): pressed state and label follow, sampling stops.
      const toggle = panel.locator('vscode-button.ddia-use-toggle');
      await toggle.click();
      await panel.locator('vscode-button.ddia-use-toggle[aria-pressed="true"]').waitFor({ timeout: 5_000 });
      assert.equal((await toggle.textContent())?.trim(), 'Resume');
      const paused = await samples();
      await page.waitForTimeout(2500);
      assert.ok((await samples()) <= paused + 1, 'no new samples while paused (one may be in flight)');
      await toggle.click();
      await panel.locator('vscode-button.ddia-use-toggle[aria-pressed="false"]').waitFor({ timeout: 5_000 });
      assert.equal((await toggle.textContent())?.trim(), 'Pause');
      await page.keyboard.press('Control+w').catch(() => undefined);
      await runCommand(page, 'View: Close All Editors');

      await page.keyboard.press('Control+p');
      const quick = page.locator('.quick-input-widget input');
      await quick.waitFor({ state: 'visible', timeout: 10_000 });
      await quick.fill('bench.lab.md');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'bench.lab.md' }).first().waitFor({ timeout: 15_000 });
      await quick.press('Enter');
      await runAllCells(page, 'bench.lab.md');
      const out = await findWebviewFrame(page, '.ddia-verdict', 120_000);
      const verdict = (await out.locator('.ddia-verdict').first().textContent()) ?? '';
      assert.match(verdict, /Set\.has is faster than Array\.includes/);
      assert.match((await out.locator('.ddia-verdict-detail').last().textContent()) ?? '', /Mann–Whitney U/);
      assert.ok((await out.locator('.ddia-bench .ddia-chart svg rect').count()) > 3, 'histogram bars');
      assert.equal(await out.locator('.ddia-markers text').count(), 4, 'p50, p90, p99 and p99.9 markers');
      assert.equal(await out.locator('.ddia-error').count(), 0, 'no renderer reported an error');
      // The histogram and its summary are on screen first; the verdict is below them. Outputs
      // scroll with the notebook, so scroll the notebook editor with the mouse wheel.
      await page.waitForTimeout(800);
      await j.screenshot(page, 'bench-histogram');
      await page.mouse.move(800, 600);
      await page.mouse.wheel(0, 700);
      await page.waitForTimeout(1000);
      await j.screenshot(page, 'bench-compare');
    });
  },
);
