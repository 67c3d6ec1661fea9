/**
 * Engines keep their own copy of every key and value: a caller that reuses one Buffer for many
 * writes (the fast way to feed an engine from Node) must not change what was stored. Buffer's
 * `slice` is a view, not a copy, so an engine copying with `slice()` would fail this.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { openBTree } from '../../../extension/storage/btree/bTree';
import { bytesToText } from '../../../extension/storage/codec/bytes';
import { MemoryFileSystem } from '../../../extension/storage/fs/memoryFileSystem';
import { openHashLog } from '../../../extension/storage/hashlog/hashLog';
import { openLsm } from '../../../extension/storage/lsm/lsmTree';

const engines = {
  hashlog: () => openHashLog(new MemoryFileSystem(), 'db'),
  lsm: () => openLsm(new MemoryFileSystem(), 'db'),
  btree: () => openBTree(new MemoryFileSystem(), 'db'),
};

describe('caller-owned buffers', () => {
  for (const [name, open] of Object.entries(engines)) {
    test(`${name}: reusing one key and one value Buffer for 200 puts stores 200 distinct entries`, () => {
      const db = open();
      const key = Buffer.alloc(8);
      const value = Buffer.alloc(12);
      for (let i = 0; i < 200; i++) {
        key.write(`key${String(i).padStart(5, '0')}`, 'latin1');
        value.write(`value${String(i).padStart(7, '0')}`, 'latin1');
        db.put(key, value);
      }
      key.fill(0);
      value.fill(0);
      for (let i = 0; i < 200; i++) {
        const v = db.get(`key${String(i).padStart(5, '0')}`);
        assert.equal(v === undefined ? undefined : bytesToText(v), `value${String(i).padStart(7, '0')}`, `key ${i}`);
      }
      db.close();
    });
  }
});
