/**
 * Where the CLI finds the catalog and the labs: next to the bundled `dist/cli.js` in an
 * installed extension or a built checkout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../catalog/labManifest';

export interface Installation {
  readonly root: string;
  readonly labsDir: string;
  readonly catalog: Catalog;
}

export function locateInstallation(distDir: string = __dirname): Installation {
  const root = path.resolve(distDir, '..');
  const catalogPath = path.join(distDir, 'catalog.json');
  if (!fs.existsSync(catalogPath)) {
    throw new Error(`No lab catalog at ${catalogPath}: run 'npm run build' first.`);
  }
  const catalog = JSON.parse(fs.readFileSync(catalogPath, 'utf8')) as Catalog;
  return { root, labsDir: path.join(root, 'labs'), catalog };
}
