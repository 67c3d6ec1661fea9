/** `ddia-labs start <lab-id> --workspace DIR [--force]`: puts a lab into a folder, as Open Lab… does. */
import * as path from 'node:path';
import { applyLabCopy, planLabCopy } from '../catalog/labCopy';
import { nodeByteFiles } from '../util/nodeFiles';
import { installLabTypes } from '../catalog/labTypes';
import * as fs from 'node:fs';
import { linkEscape } from '../catalog/labsFolder';
import { InputError, parseArgs, UsageError } from './args';
import { cliLabsFolder } from './labsFolderFlag';
import { locateInstallation } from './catalogFiles';
import type { CliIo } from './io';

export const START_USAGE = 'usage: ddia-labs start <lab-id> --workspace DIR [--labs-folder NAME] [--force]';
export const START_HELP = `${START_USAGE}

Copies a lab (its notebook and exercise starters) into DIR/ddia-labs/<lab-id>/, exactly as
"DDIA Labs: Open Lab…" does in VS Code. Files you have changed are kept unless --force is
given, in which case your version is saved as <file>.backup-<n> first.

options:
  --workspace DIR      the workspace folder (required)
  --labs-folder NAME   folder inside the workspace for labs (default: ddia-labs)
  --force              replace files that differ from the originals, after backing them up
  --help               show this help`;

export async function startCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {
    workspace: 'string',
    'labs-folder': 'string',
    force: 'boolean',
    help: 'boolean',
  });
  if (flags['help']) {
    io.out(START_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'missing <lab-id>' : `unexpected argument '${positionals[1]}'`);
  const workspace = flags['workspace'];
  if (typeof workspace !== 'string') throw new UsageError("missing '--workspace DIR'");
  const labId = positionals[0] as string;
  const install = locateInstallation(io.distDir);
  const lab = install.catalog.labs.find((l) => l.id === labId);
  if (!lab) {
    io.err(`ddia-labs: no lab '${labId}'. Known labs: ${install.catalog.labs.map((l) => l.id).join(', ')}`);
    return 2;
  }
  const sourceDir = path.join(install.labsDir, lab.id);
  const targetDir = cliLabsFolder(workspace, flags['labs-folder'], [lab.id]);
  const plan = await planLabCopy(lab, sourceDir, targetDir, nodeByteFiles, nodeByteFiles);
  for (const f of plan.files) {
    const escape = linkEscape(workspace, path.join(targetDir, f.target));
    if (escape) throw new InputError(`not writing ${path.join(targetDir, f.target)}: ${escape}`);
  }
  const outcome = await applyLabCopy(plan, sourceDir, targetDir, nodeByteFiles, nodeByteFiles, {
    replaceChanged: flags['force'] === true,
  });
  const types = installLabTypes(
    path.join(install.root, 'dist', 'types'),
    path.dirname(targetDir),
    installedVersion(install.root),
    workspace,
  );
  for (const f of types) {
    io.out(`created   ${path.join(path.dirname(targetDir), f)} (type declarations for your editor)`);
  }
  for (const f of outcome.created) io.out(`created   ${path.join(targetDir, f)}`);
  for (const f of outcome.replaced) io.out(`replaced  ${path.join(targetDir, f)}`);
  for (const f of outcome.backups) io.out(`backup    ${path.join(targetDir, f)}`);
  for (const f of outcome.kept) io.out(`kept      ${path.join(targetDir, f)} (differs from the original; --force replaces it)`);
  if (plan.upToDate) io.out(`${lab.id} is already in ${targetDir} and unchanged.`);
  io.out(`lab file: ${path.join(targetDir, lab.labFile)}`);
  return 0;
}

/** The installed extension's version (stamps the copied type declarations); 'unknown' if unreadable. */
function installedVersion(root: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
