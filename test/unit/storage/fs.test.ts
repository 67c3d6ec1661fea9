/**
 * The in-memory and fault-injecting file systems against the shared contract, plus what only
 * each promises: memory handles keep their file across remove, holes read as zeros; the faulty
 * file system loses exactly what the durability contract says a crash may lose.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRandom } from '../../../extension/util/prng';
import { FaultyFileSystem } from '../../../extension/storage/fs/faultyFileSystem';
import { StorageIoError } from '../../../extension/storage/fs/fileSystem';
import { MemoryFileSystem } from '../../../extension/storage/fs/memoryFileSystem';
import { runFileSystemContract } from './fsContract';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('MemoryFileSystem', () => {
  runFileSystemContract('memory', () => ({ fs: new MemoryFileSystem() }));

  test('a handle keeps reading its file after the name is removed', () => {
    const fs = new MemoryFileSystem();
    fs.writeFile('f', bytes('abc'));
    const h = fs.open('f', 'read');
    fs.remove('f');
    assert.deepEqual(h.read(0, 3), bytes('abc'));
  });

  test('a write past the end leaves a zero-filled hole', () => {
    const fs = new MemoryFileSystem();
    const h = fs.open('f', 'readwrite');
    h.write(4, bytes('x'));
    assert.deepEqual(h.read(0, 10), new Uint8Array([0, 0, 0, 0, 120]));
  });
});

describe('FaultyFileSystem', () => {
  runFileSystemContract('faulty', () => ({ fs: new FaultyFileSystem(createRandom(1)) }));

  test('crash: synced writes survive, unsynced writes are lost', () => {
    const fs = new FaultyFileSystem(createRandom(7));
    fs.mkdirp('db');
    const h = fs.open('db/log', 'readwrite');
    h.append(bytes('durable;'));
    h.sync();
    fs.syncDir('db');
    h.append(bytes('volatile'));
    assert.equal(fs.unsyncedBytes(), 8);
    fs.crash();
    assert.equal(text(fs.readFile('db/log')), 'durable;');
    assert.throws(
      () => h.read(0, 1),
      (e: unknown) => e instanceof StorageIoError && e.code === 'ECLOSED',
    );
  });

  test('crash: a file whose directory entry was never synced vanishes, even if its data was', () => {
    const fs = new FaultyFileSystem(createRandom(7));
    fs.mkdirp('db');
    const h = fs.open('db/new', 'create');
    h.append(bytes('data'));
    h.sync();
    fs.crash();
    assert.equal(fs.exists('db/new'), false);
  });

  test('crash: an unsynced rename is undone, a synced one is kept', () => {
    const fs = new FaultyFileSystem(createRandom(7));
    fs.mkdirp('d');
    fs.writeFile('d/tmp', bytes('v1'));
    fs.open('d/tmp', 'readwrite').sync();
    fs.syncDir('d');
    fs.rename('d/tmp', 'd/final');
    fs.crash();
    assert.deepEqual(fs.list('d'), ['tmp']);
    fs.rename('d/tmp', 'd/final');
    fs.syncDir('d');
    fs.crash();
    assert.deepEqual(fs.list('d'), ['final']);
    assert.equal(text(fs.readFile('d/final')), 'v1');
  });

  test('crash with tearLast: earlier unsynced writes kept, the last one keeps only a strict prefix', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const fs = new FaultyFileSystem(createRandom(seed));
      const h = fs.open('log', 'readwrite');
      fs.syncDir('');
      h.append(bytes('aaaa'));
      h.sync();
      h.append(bytes('bbbb'));
      h.append(bytes('cccc'));
      fs.crash({ unsyncedWrites: 'tearLast' });
      const got = text(fs.readFile('log'));
      assert.ok(got.startsWith('aaaabbbb'), `seed ${seed}: ${got}`);
      assert.ok(got.length < 12 && /^aaaabbbbc*$/.test(got), `seed ${seed}: ${got}`);
    }
  });

  test('crash with random: each file keeps an in-order prefix of its unsynced writes', () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 100; seed++) {
      const fs = new FaultyFileSystem(createRandom(seed));
      const h = fs.open('log', 'readwrite');
      fs.syncDir('');
      for (const c of 'abcd') h.append(bytes(c.repeat(4)));
      fs.crash({ unsyncedWrites: 'random' });
      const got = text(fs.readFile('log'));
      assert.ok('aaaabbbbccccdddd'.startsWith(got), `seed ${seed}: ${got}`);
      seen.add(got.length);
    }
    assert.ok(seen.size > 5, `lengths seen: ${[...seen]}`);
  });

  test('flipByte changes exactly one byte, in durable contents too; flipRandomBytes is seeded', () => {
    const fs = new FaultyFileSystem(createRandom(3));
    fs.writeFile('f', new Uint8Array(64));
    fs.open('f', 'readwrite').sync();
    fs.syncDir('');
    fs.flipByte('f', 10);
    fs.crash();
    const after = fs.readFile('f');
    assert.equal(after[10], 0xff);
    assert.equal(
      after.reduce((n, b) => n + (b !== 0 ? 1 : 0), 0),
      1,
    );
    const a = new FaultyFileSystem(createRandom(9));
    const b = new FaultyFileSystem(createRandom(9));
    for (const x of [a, b]) x.writeFile('f', new Uint8Array(1000));
    assert.deepEqual(a.flipRandomBytes('f', 5), b.flipRandomBytes('f', 5));
  });
});
