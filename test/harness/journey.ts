/**
 * The setup every Playwright journey (test/e2e/*.journey.ts) shares, so a journey file holds only
 * its steps. For each theme (light, then dark) a journey gets: a fresh workspace folder (filled by
 * `prepare` if it needs files), a code-server with the packaged .vsix installed exactly as a user
 * installs it, and a Chromium with a fresh profile of its own. Each test opens a new page on the
 * workbench and runs its steps; on failure it saves a screenshot and adds the machine's memory
 * pressure to the error (on a shared machine that explains most hangs). Everything is torn down
 * after the theme's tests.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, memoryPressure, type Browser } from './browser';
import { startCodeServer, type CodeServer, type Theme } from './codeServer';
import { findVsix } from './vsix';
import { screenshot, waitForWorkbench } from './workbench';

export const THEMES: readonly Theme[] = ['light', 'dark'];

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

export interface JourneyOptions {
  /** What the journey does; the describe title adds "(<theme> theme, installed .vsix)". */
  readonly title: string;
  /** Short name: the temporary workspace's prefix and the failure screenshots' name. */
  readonly name: string;
  /** The browser window (default 1440 × 900). */
  readonly viewport?: Viewport;
  /** Puts files into the fresh workspace before code-server opens it. */
  readonly prepare?: (workspace: string) => void;
}

export interface JourneyTestOptions {
  /**
   * Run in a browser profile of its own, not the journey's shared one (a page whose webview must
   * not meet the service workers that earlier pages left registered).
   */
  readonly ownBrowser?: boolean;
}

export interface Journey {
  readonly theme: Theme;
  /** The workspace folder code-server has open (valid inside tests). */
  readonly workspace: string;
  readonly server: CodeServer;
  readonly viewport: Viewport;
  /** Saves test-output/screenshots/<name>-<theme>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** A test: a new page on the loaded workbench, then `steps`. */
  test(title: string, steps: (page: Page) => Promise<void>, options?: JourneyTestOptions): void;
}

const DEFAULT_VIEWPORT: Viewport = { width: 1440, height: 900 };

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** Declares the journey once per theme; `steps` registers its tests through the `Journey`. */
export function journey(options: JourneyOptions, steps: (j: Journey) => void): void {
  const viewport = options.viewport ?? DEFAULT_VIEWPORT;
  for (const theme of THEMES) {
    describe(`${options.title} (${theme} theme, installed .vsix)`, () => {
      let server: CodeServer | undefined;
      let browser: Browser | undefined;
      let workspace: string | undefined;

      before(async () => {
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), `ddia-e2e-${options.name}-`));
        options.prepare?.(workspace);
        server = await startCodeServer({ workspace, theme, vsix: findVsix() });
        browser = await launchBrowser(viewport);
      });

      after(async () => {
        await browser?.close();
        await server?.stop();
        if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
      });

      const started = <T>(value: T | undefined, what: string): T => {
        if (value === undefined) throw new Error(`the journey's ${what} is not started (read it inside a test)`);
        return value;
      };

      steps({
        theme,
        viewport,
        get workspace() {
          return started(workspace, 'workspace');
        },
        get server() {
          return started(server, 'code-server');
        },
        screenshot: (page, name) => screenshot(page, `${name}-${theme}`),
        test(title, body, o = {}) {
          test(title, async () => {
            const own = o.ownBrowser ? await launchBrowser(viewport) : undefined;
            const page = await (own ?? started(browser, 'browser')).context.newPage();
            try {
              await page.goto(started(server, 'code-server').workbenchUrl(workspace), { timeout: 60_000 });
              await waitForWorkbench(page);
              await body(page);
            } catch (err) {
              await screenshot(page, `${options.name}-failure-${slug(title)}-${theme}`).catch(() => undefined);
              throw new Error(`${String(err)} (memory pressure: ${memoryPressure()})`, { cause: err });
            } finally {
              await page.close();
              await own?.close();
            }
          });
        },
      });
    });
  }
}
