/** `LabFileAccess` over `node:fs`, for the CLI and the build. */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { LabFileAccess } from './labCopy';

export const nodeFileAccess: LabFileAccess = {
  async read(p) {
    try {
      return new Uint8Array(await fs.readFile(p));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  },
  async write(p, data) {
    await fs.mkdir(path.dirname(p), { recursive: true });
    await fs.writeFile(p, data);
  },
};
