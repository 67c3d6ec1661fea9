/**
 * The disk file system against the shared contract, in a temporary folder removed afterwards.
 */
import { strict as assert } from 'node:assert';
import * as nodeFs from 'node:fs';
import { describe, test } from 'node:test';
import { createScratchFileSystem } from '../../../extension/storageIo/diskFileSystem';
import { runFileSystemContract } from './fsContract';

describe('DiskFileSystem', () => {
  runFileSystemContract('disk', () => {
    const fs = createScratchFileSystem('ddia-fs-test-');
    return { fs, done: () => fs.dispose() };
  });

  test('a scratch file system lives in its own folder and dispose removes it', () => {
    const fs = createScratchFileSystem('ddia-fs-test-');
    fs.mkdirp('a/b');
    fs.writeFile('a/b/c', new Uint8Array([1, 2, 3]));
    assert.ok(nodeFs.existsSync(`${fs.rootDir}/a/b/c`));
    assert.throws(() => fs.readFile('../etc/passwd'), RangeError);
    fs.dispose();
    assert.equal(nodeFs.existsSync(fs.rootDir), false);
  });
});
