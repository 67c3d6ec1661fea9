/**
 * Every shipped lab runs headless, cell by cell, with the same kernel the notebook uses
 * (`ddia-labs run <lab-id>` against the built dist/), so a lab that stops working fails the
 * build. Needs `npm run build` first; `npm test` runs it after the build.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Catalog } from '../../extension/catalog/labManifest';

const root = path.resolve(__dirname, '../..');
const catalog = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'catalog.json'), 'utf8')) as Catalog;

describe('every lab runs headless', () => {
  for (const lab of catalog.labs) {
    test(`ddia-labs run ${lab.id}`, () => {
      const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'run', lab.id, '--json'], {
        encoding: 'utf8',
        timeout: 300_000,
      });
      assert.equal(r.status, 0, `${lab.id} failed:\n${r.stdout}\n${r.stderr}`);
      const report = JSON.parse(r.stdout) as { ok: boolean; cells: { status: string }[] };
      assert.ok(report.cells.length > 0, 'the lab has code cells');
      assert.ok(report.cells.every((c) => c.status === 'ok'));
    });
  }
});
