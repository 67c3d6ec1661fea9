/**
 * Where labs go inside a workspace folder, from the `ddiaLabs.labsFolder` setting (or the CLI's
 * `--labs-folder`). The value comes from the workspace's own settings, which a cloned repository
 * controls, so it must name a folder strictly inside the workspace folder: relative, no `..`, not
 * absolute, not the workspace folder itself, and not leading out through a symbolic link (the
 * real path of the nearest existing ancestor must be inside the workspace's real path). Open Lab
 * writes there and replaces the type-declaration folders under it. No `vscode` import.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const LABS_FOLDER_SETTING = 'ddiaLabs.labsFolder';
export const DEFAULT_LABS_FOLDER = 'ddia-labs';

/** The labs folder value is unusable; the message names where it came from and the value. */
export class LabsFolderError extends Error {
  constructor(source: string, value: string, problem: string) {
    super(`${source} is '${value}', which DDIA Labs cannot use: ${problem}.`);
  }
}

/**
 * The value's path segments, or the reason it is not a relative path inside the workspace.
 * An empty value means the default. Pure: no file system.
 */
export function labsFolderSegments(value: string): { readonly segments: readonly string[] } | { readonly problem: string } {
  const trimmed = value.trim() || DEFAULT_LABS_FOLDER;
  if (/[\u0000-\u001f]/.test(trimmed)) return { problem: 'it contains control characters' };
  if (/^[/\\]/.test(trimmed) || /^[A-Za-z]:/.test(trimmed) || path.isAbsolute(trimmed))
    return { problem: 'it is an absolute path; use a path relative to the workspace folder' };
  const segments = trimmed.split(/[/\\]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { problem: "it goes up with '..'; the folder must be inside the workspace folder" };
  if (segments.length === 0) return { problem: 'it names the workspace folder itself; labs need a folder of their own' };
  return { segments };
}

/**
 * The absolute labs folder inside `workspaceDir` (extra segments, e.g. a lab id, appended and
 * checked too), or a LabsFolderError naming `source` (e.g. "setting ddiaLabs.labsFolder") and
 * the value.
 */
export function resolveLabsFolder(workspaceDir: string, value: string, source: string, extra: readonly string[] = []): string {
  const fail = (problem: string): never => {
    throw new LabsFolderError(source, value, problem);
  };
  const parsed = labsFolderSegments(value);
  if ('problem' in parsed) return fail(parsed.problem);
  const target = path.resolve(workspaceDir, ...parsed.segments, ...extra);
  if (!isStrictlyInside(path.resolve(workspaceDir), target)) return fail('it is not inside the workspace folder');
  const escape = linkEscape(workspaceDir, target);
  if (escape) fail(escape);
  return target;
}

/**
 * Why `target` (inside `root` by its name) actually lies outside `root` because of a symbolic
 * link, or undefined if it does not: compares the real path of its nearest existing ancestor
 * (or itself) with the real path of `root`. A link that cannot be followed counts as leaving.
 */
export function linkEscape(root: string, target: string): string | undefined {
  let realRoot: string;
  try {
    realRoot = fs.realpathSync.native(root);
  } catch {
    return undefined; // No workspace folder on disk yet: nothing below it can be a link.
  }
  let existing = path.resolve(target);
  while (!exists(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) return undefined;
    existing = parent;
  }
  let real: string;
  try {
    real = fs.realpathSync.native(existing);
  } catch {
    return `'${path.relative(root, existing) || '.'}' is a symbolic link that leads nowhere`;
  }
  // The workspace folder itself may be reached through links (e.g. /tmp on macOS); anything below
  // it must really be below it.
  if (existing === path.resolve(root) || isStrictlyInside(realRoot, real)) return undefined;
  if (real === realRoot) return `'${path.relative(path.resolve(root), existing)}' is a symbolic link to the workspace folder itself`;
  return `'${path.relative(path.resolve(root), existing) || '.'}' leads outside the workspace folder through a symbolic link (to ${real})`;
}

/** True if `p` exists as an entry, even a dangling symbolic link. */
function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function isStrictlyInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
