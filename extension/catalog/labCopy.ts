/**
 * Puts a lab into the user's workspace, as `Open Lab…` and `ddia-labs start` both do.
 * Decides per file whether to create it, leave it (already identical), or report a conflict
 * (the user's copy differs from the original), and never overwrites a changed file unless the
 * caller says so, in which case the user's version is first saved beside it as a backup.
 * File access is injected so the extension can use `vscode.workspace.fs` and the CLI `node:fs`.
 */
import { workspaceFilesOf, type LabManifest } from './labManifest';

export interface LabFileAccess {
  /** Returns the file's bytes, or undefined when it does not exist. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** Writes the file, creating parent folders. */
  write(path: string, data: Uint8Array): Promise<void>;
}

export type FilePlan =
  | { readonly action: 'create'; readonly target: string; readonly source: string }
  | { readonly action: 'same'; readonly target: string; readonly source: string }
  | { readonly action: 'conflict'; readonly target: string; readonly source: string };

export interface CopyPlan {
  readonly files: readonly FilePlan[];
  readonly conflicts: readonly FilePlan[];
  /** True when every file is already there and identical: nothing to write. */
  readonly upToDate: boolean;
}

export interface CopyOptions {
  /** Replace files that differ from the originals, keeping the user's version as `<file>.backup-<n>`. */
  readonly replaceChanged: boolean;
}

export interface CopyOutcome {
  readonly created: readonly string[];
  readonly replaced: readonly string[];
  readonly kept: readonly string[];
  readonly backups: readonly string[];
}

const join = (a: string, b: string): string => `${a.replace(/\/+$/, '')}/${b}`;

export async function planLabCopy(
  lab: LabManifest,
  sourceDir: string,
  targetDir: string,
  source: LabFileAccess,
  target: LabFileAccess,
): Promise<CopyPlan> {
  const files: FilePlan[] = [];
  for (const f of workspaceFilesOf(lab)) {
    const original = await source.read(join(sourceDir, f.source));
    if (!original) throw new Error(`The installed lab '${lab.id}' is missing ${f.source}; reinstall DDIA Labs.`);
    const existing = await target.read(join(targetDir, f.target));
    const action = existing === undefined ? 'create' : sameBytes(existing, original) ? 'same' : 'conflict';
    files.push({ action, target: f.target, source: f.source });
  }
  const conflicts = files.filter((f) => f.action === 'conflict');
  return { files, conflicts, upToDate: files.every((f) => f.action === 'same') };
}

export async function applyLabCopy(
  plan: CopyPlan,
  sourceDir: string,
  targetDir: string,
  source: LabFileAccess,
  target: LabFileAccess,
  options: CopyOptions,
): Promise<CopyOutcome> {
  const created: string[] = [];
  const replaced: string[] = [];
  const kept: string[] = [];
  const backups: string[] = [];
  for (const f of plan.files) {
    if (f.action === 'same') continue;
    const destination = join(targetDir, f.target);
    const original = (await source.read(join(sourceDir, f.source))) as Uint8Array;
    if (f.action === 'conflict') {
      if (!options.replaceChanged) {
        kept.push(f.target);
        continue;
      }
      const mine = await target.read(destination);
      if (mine) {
        let n = 1;
        while ((await target.read(`${destination}.backup-${n}`)) !== undefined) n++;
        await target.write(`${destination}.backup-${n}`, mine);
        backups.push(`${f.target}.backup-${n}`);
      }
      await target.write(destination, original);
      replaced.push(f.target);
    } else {
      await target.write(destination, original);
      created.push(f.target);
    }
  }
  return { created, replaced, kept, backups };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
