/**
 * Reads every `labs/<lab-id>/` folder from disk, validates it, and assembles the catalog.
 * Runs at build time (scripts/build.ts writes dist/catalog.json) and in the CLI when it is run
 * from a source checkout. The extension itself reads the prebuilt catalog.json instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bookOrder } from './books';
import { compareLabs, type Catalog, type LabManifest } from './labManifest';
import { validateLab, type LabProblem } from './validateLab';

export interface ScanResult {
  readonly catalog: Catalog;
  readonly problems: readonly LabProblem[];
}

export function isLabFileName(name: string): boolean {
  return name === 'lab.md' || name.endsWith('.lab.md');
}

export function scanLabs(labsDir: string, displayRoot = path.dirname(labsDir)): ScanResult {
  const labs: LabManifest[] = [];
  const problems: LabProblem[] = [];
  const firstFileOfId = new Map<string, string>();
  const folders = fs
    .readdirSync(labsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const folder of folders) {
    const dir = path.join(labsDir, folder);
    const display = (f: string): string => path.relative(displayRoot, path.join(dir, f)).split(path.sep).join('/');
    const labFiles = fs.readdirSync(dir).filter(isLabFileName).sort();
    if (labFiles.length === 0) {
      problems.push({ file: display(''), field: '', message: "no lab file: add 'lab.md' or '<name>.lab.md'" });
      continue;
    }
    if (labFiles.length > 1) {
      problems.push({ file: display(''), field: '', message: `more than one lab file: ${labFiles.join(', ')}` });
      continue;
    }
    const fileName = labFiles[0] as string;
    const file = display(fileName);
    const result = validateLab({
      file,
      fileName,
      folderName: folder,
      text: fs.readFileSync(path.join(dir, fileName), 'utf8'),
      files: new Set(listFiles(dir)),
    });
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const earlier = firstFileOfId.get(result.lab.id);
    if (earlier) {
      problems.push({ file, field: 'id', message: `duplicate lab id '${result.lab.id}' (also used by ${earlier})` });
      continue;
    }
    firstFileOfId.set(result.lab.id, file);
    labs.push(result.lab);
  }
  labs.sort((a, b) => compareLabs(a, b, bookOrder));
  return { catalog: { version: 1, labs }, problems };
}

/** Every file under `dir`, relative to it, with `/` separators. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}
