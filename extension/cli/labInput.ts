/**
 * Reads a lab file named on the command line and checks it (notebook/format/validateLabFile.ts)
 * before anything runs: a malformed file is an InputError (exit 2) whose message names the file,
 * the line and the problem. Reads at most one byte more than a lab may have, so pointing the CLI
 * at a huge file or a device does not read it all.
 */
import * as fs from 'node:fs';
import type { LabNotebook } from '../notebook/format/cellLayout';
import { describeLabFileProblems, MAX_LAB_FILE_BYTES, validateLabFile } from '../notebook/format/validateLabFile';
import { InputError } from './args';

export function readLabFile(file: string, display: string, options: { readonly requireCodeCells?: boolean } = {}): LabNotebook {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    throw new InputError(`${display}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (!stat.isFile()) throw new InputError(`${display}: not a lab file (it is a ${stat.isDirectory() ? 'folder' : 'special file'})`);
  const bytes = readAtMost(file, MAX_LAB_FILE_BYTES + 1);
  const result = validateLabFile(bytes, { file: display, size: stat.size, ...options });
  if (!result.ok) throw new InputError(describeLabFileProblems(result.problems));
  return result.notebook;
}

function readAtMost(file: string, limit: number): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(limit);
    let n = 0;
    while (n < limit) {
      const read = fs.readSync(fd, buf, n, limit - n, null);
      if (read === 0) break;
      n += read;
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, n);
  } finally {
    fs.closeSync(fd);
  }
}
