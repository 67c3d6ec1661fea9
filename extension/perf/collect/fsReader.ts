/** The real /proc and /sys reader for readSnapshot: a missing or unreadable file is undefined. */
import { readFile } from 'node:fs/promises';
import { type TextReader } from '../use/readSnapshot';

export const fsReader: TextReader = {
  readText: async (path) => {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};
