/**
 * The behaviour every `FileSystem` implementation shares, written once and run against the
 * in-memory, disk and fault-injecting implementations (fs.test.ts, fsDisk.test.ts).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { type FileSystem, StorageIoError } from '../../../extension/storage/fs/fileSystem';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StorageIoError) return e.code;
    throw e;
  }
  return 'no error';
}

export function runFileSystemContract(name: string, make: () => { fs: FileSystem; done?: () => void }): void {
  const withFs = (fn: (fs: FileSystem) => void) => () => {
    const { fs, done } = make();
    try {
      fn(fs);
    } finally {
      done?.();
    }
  };

  test(
    `${name}: append returns offsets, read returns what was written, short read at end`,
    withFs((fs) => {
      fs.mkdirp('db');
      const h = fs.open('db/log', 'readwrite');
      assert.equal(h.append(bytes('hello')), 0);
      assert.equal(h.append(bytes(' world')), 5);
      assert.equal(h.size(), 11);
      assert.equal(text(h.read(6, 100)), 'world');
      assert.equal(h.read(20, 5).length, 0);
      h.write(0, bytes('J'));
      assert.equal(text(h.read(0, 5)), 'Jello');
      h.truncate(5);
      assert.equal(h.size(), 5);
      h.sync();
      h.close();
      assert.equal(
        code(() => h.read(0, 1)),
        'ECLOSED',
      );
      assert.equal(text(fs.readFile('db/log')), 'Jello');
    }),
  );

  test(
    `${name}: open modes and missing parents report typed errors`,
    withFs((fs) => {
      assert.equal(
        code(() => fs.open('nope', 'read')),
        'ENOENT',
      );
      assert.equal(
        code(() => fs.open('missing/dir/f', 'readwrite')),
        'ENOENT',
      );
      fs.writeFile('a', bytes('x'));
      assert.equal(
        code(() => fs.open('a', 'create')),
        'EEXIST',
      );
      const r = fs.open('a', 'read');
      assert.notEqual(
        code(() => r.append(bytes('y'))),
        'no error',
      );
      r.close();
      assert.equal(
        code(() => fs.readFile('b')),
        'ENOENT',
      );
      assert.equal(
        code(() => fs.remove('b')),
        'ENOENT',
      );
    }),
  );

  test(
    `${name}: list is sorted names, rename replaces, remove deletes`,
    withFs((fs) => {
      fs.mkdirp('d/sub');
      fs.writeFile('d/b', bytes('b'));
      fs.writeFile('d/a', bytes('a'));
      assert.deepEqual(fs.list('d'), ['a', 'b', 'sub']);
      fs.rename('d/a', 'd/b');
      assert.deepEqual(fs.list('d'), ['b', 'sub']);
      assert.equal(text(fs.readFile('d/b')), 'a');
      fs.syncDir('d');
      fs.remove('d/b');
      assert.equal(fs.exists('d/b'), false);
      assert.equal(fs.exists('d/sub'), true);
      assert.deepEqual(fs.list('d'), ['sub']);
    }),
  );

  test(
    `${name}: writeFile replaces contents of an existing file`,
    withFs((fs) => {
      fs.writeFile('f', bytes('long contents'));
      fs.writeFile('f', bytes('short'));
      assert.equal(text(fs.readFile('f')), 'short');
    }),
  );
}
