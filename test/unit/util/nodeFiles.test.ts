/**
 * The node file store behind bench baselines and the CLI's lab copies: a missing file reads as
 * undefined (other errors still throw), writes create the parent folders, replace the file whole
 * by renaming a temporary file over it, and leave no temporary file behind, even on failure.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readBytesIfExists, readTextIfExists, writeFileAtomic } from '../../../extension/util/nodeFiles';

describe('node file store', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-node-files-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a missing file reads as undefined; a folder in its place is an error, not "missing"', async () => {
    assert.equal(await readTextIfExists(path.join(dir, 'nope.json')), undefined);
    assert.equal(await readBytesIfExists(path.join(dir, 'no', 'such', 'folder.bin')), undefined);
    fs.mkdirSync(path.join(dir, 'a-folder'));
    await assert.rejects(readTextIfExists(path.join(dir, 'a-folder')), (e: NodeJS.ErrnoException) => e.code === 'EISDIR');
  });

  test('write creates parent folders; text and bytes read back exactly', async () => {
    const text = path.join(dir, 'deep', 'er', 'baseline.json');
    await writeFileAtomic(text, '{"ünïcode": true}\n');
    assert.equal(await readTextIfExists(text), '{"ünïcode": true}\n');
    const bin = path.join(dir, 'bytes', 'data.bin');
    const data = Uint8Array.from([0, 255, 1, 128]);
    await writeFileAtomic(bin, data);
    assert.deepEqual(await readBytesIfExists(bin), data);
  });

  test('a write replaces the file whole and leaves no temporary file; concurrent writes each land whole', async () => {
    const file = path.join(dir, 'replace', 'f.txt');
    await writeFileAtomic(file, 'x'.repeat(10_000));
    await writeFileAtomic(file, 'short');
    assert.equal(await readTextIfExists(file), 'short');
    const versions = Array.from({ length: 8 }, (_, i) => String(i).repeat(50_000 + i));
    await Promise.all(versions.map((v) => writeFileAtomic(file, v)));
    assert.ok(versions.includes((await readTextIfExists(file)) as string), 'the file is one whole version, not a mix');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['f.txt']);
  });

  test('a failed write leaves the old file and no temporary file', async () => {
    const target = path.join(dir, 'fail', 'target');
    // A non-empty folder where the file should go: the rename onto it fails.
    fs.mkdirSync(path.join(target, 'inside'), { recursive: true });
    await assert.rejects(writeFileAtomic(target, 'data'));
    assert.deepEqual(fs.readdirSync(path.join(dir, 'fail')), ['target']);
    assert.ok(fs.statSync(target).isDirectory());
  });
});
