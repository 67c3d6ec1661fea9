/**
 * `--labs-folder NAME` of `start` and `grade`: the same rule as the `ddiaLabs.labsFolder` setting
 * (catalog/labsFolder.ts), a folder strictly inside the workspace, not reached through a symbolic
 * link that leads out. Anything else is a usage error naming the option and the value.
 */
import { DEFAULT_LABS_FOLDER, LabsFolderError, resolveLabsFolder } from '../catalog/labsFolder';
import { UsageError } from './args';

/** The absolute labs folder (with `extra` segments, e.g. a lab id) inside `workspace`. */
export function cliLabsFolder(workspace: string, flag: string | boolean | undefined, extra: readonly string[] = []): string {
  const value = typeof flag === 'string' ? flag : DEFAULT_LABS_FOLDER;
  try {
    return resolveLabsFolder(workspace, value, "'--labs-folder'", extra);
  } catch (err) {
    if (err instanceof LabsFolderError) throw new UsageError(err.message);
    throw err;
  }
}
