/**
 * Renders media/icon.svg to the 128×128 media/icon.png the marketplace manifest needs, with
 * Debian's Chromium (no image tools are assumed). Run after editing the SVG; the PNG is committed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser } from '../test/harness/browser';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const svg = fs.readFileSync(path.join(root, 'media', 'icon.svg'), 'utf8');
  const browser = await launchBrowser({ width: 128, height: 128 });
  try {
    const page = await browser.context.newPage();
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('width="256" height="256"', 'width="128" height="128"')}</body></html>`,
    );
    await page.screenshot({
      path: path.join(root, 'media', 'icon.png'),
      omitBackground: true,
      clip: { x: 0, y: 0, width: 128, height: 128 },
    });
  } finally {
    await browser.close();
  }
}

void main();
