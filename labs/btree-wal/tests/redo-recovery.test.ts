/**
 * Built-in tests for exercise "redo-recovery". They load the learner's redo-log.ts from
 * DDIA_EXERCISE_DIR. The unit tests feed decodeLog and replay hand-made logs; the crash test
 * runs the given PageStore on the lab SDK's fault-injecting file system, crashes it at seeded
 * points (unsynced writes dropped or the last one torn), reopens it, and checks that what
 * survived is exactly the state after some prefix of the writes that includes every synced one;
 * it reports its seed (seed=N), and DDIA_SEED replays another.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

interface LogRecord {
  readonly lsn: number;
  readonly pageId: number;
  readonly image: Uint8Array;
}
interface PageFile {
  pageLsn(pageId: number): number;
  writePage(pageId: number, lsn: number, image: Uint8Array): void;
}
interface Store {
  read(pageId: number): Uint8Array;
  write(pageId: number, image: Uint8Array, opts?: { sync?: boolean }): void;
  checkpoint(): void;
}
interface RedoModule {
  HEADER_BYTES: number;
  encodeRecord(r: LogRecord): Uint8Array;
  decodeLog(bytes: Uint8Array): { records: LogRecord[]; validBytes: number };
  replay(pages: PageFile, records: readonly LogRecord[], checkpointLsn: number): number;
  PageStore: { open(fs: unknown, dir: string, pageSize?: number): Store };
}
interface FaultyFs {
  crash(o: { unsyncedWrites: 'drop' | 'tearLast' | 'random' }): void;
}
interface Sdk {
  storage: { faultyFileSystem(seed: number): FaultyFs; resetFileSystems(): void };
  sim: { replaySeed(): number | undefined };
}

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding redo-log.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const m = require(path.join(exerciseDir, 'redo-log.ts')) as RedoModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { storage, sim } = require('ddia-labs') as Sdk;

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const rec = (lsn: number, pageId: number, s: string): LogRecord => ({ lsn, pageId, image: text(s) });
const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const plain = (r: LogRecord) => ({ lsn: r.lsn, pageId: r.pageId, image: new TextDecoder().decode(r.image) });

class FakePages implements PageFile {
  readonly pages = new Map<number, { lsn: number; image: string }>();
  pageLsn(id: number): number {
    return this.pages.get(id)?.lsn ?? 0;
  }
  writePage(id: number, lsn: number, image: Uint8Array): void {
    this.pages.set(id, { lsn, image: new TextDecoder().decode(image) });
  }
}

const three = [rec(1, 0, 'alpha'), rec(2, 3, 'bravo'), rec(3, 0, 'charlie, longer')];

test('decodeLog reads back every encoded record', () => {
  const bytes = concat(three.map(m.encodeRecord));
  const { records, validBytes } = m.decodeLog(bytes);
  assert.deepEqual(records.map(plain), three.map(plain));
  assert.equal(validBytes, bytes.length);
  assert.deepEqual(m.decodeLog(new Uint8Array(0)), { records: [], validBytes: 0 });
});

test('decodeLog stops at a torn last record and reports the valid prefix', () => {
  const parts = three.map(m.encodeRecord);
  const good = (parts[0] as Uint8Array).length + (parts[1] as Uint8Array).length;
  const bytes = concat(parts);
  for (const cut of [good + 3, good + m.HEADER_BYTES + 2, bytes.length - 1]) {
    const { records, validBytes } = m.decodeLog(bytes.subarray(0, cut));
    assert.deepEqual(records.map(plain), three.slice(0, 2).map(plain), `cut at ${cut}`);
    assert.equal(validBytes, good, `cut at ${cut}`);
  }
});

test('decodeLog stops at a record whose checksum does not match', () => {
  const parts = three.map(m.encodeRecord);
  const bytes = concat(parts);
  const firstLength = (parts[0] as Uint8Array).length;
  bytes[firstLength + m.HEADER_BYTES + 1] = (bytes[firstLength + m.HEADER_BYTES + 1] as number) ^ 0x20; // one bit of the second record's image
  const { records, validBytes } = m.decodeLog(bytes);
  assert.deepEqual(records.map(plain), three.slice(0, 1).map(plain));
  assert.equal(validBytes, firstLength);
});

test('replay applies records newer than the checkpoint, in LSN order', () => {
  const pages = new FakePages();
  const applied = m.replay(pages, [rec(6, 1, 'six'), rec(4, 1, 'four'), rec(5, 2, 'five'), rec(3, 2, 'three (checkpointed)')], 3);
  assert.equal(applied, 3);
  assert.deepEqual(pages.pages.get(1), { lsn: 6, image: 'six' });
  assert.deepEqual(pages.pages.get(2), { lsn: 5, image: 'five' });
  const atCheckpoint = new FakePages();
  atCheckpoint.writePage(7, 2, text('from the page file'));
  m.replay(atCheckpoint, [rec(4, 7, 'covered by the checkpoint')], 4);
  assert.deepEqual(atCheckpoint.pages.get(7), { lsn: 2, image: 'from the page file' });
});

test('replay skips records a page already has (replaying twice changes nothing)', () => {
  const pages = new FakePages();
  pages.writePage(1, 9, text('newer, already on disk'));
  assert.equal(m.replay(pages, [rec(5, 1, 'older'), rec(9, 1, 'same lsn'), rec(10, 2, 'ten')], 0), 1);
  assert.deepEqual(pages.pages.get(1), { lsn: 9, image: 'newer, already on disk' });
  assert.equal(m.replay(pages, [rec(10, 2, 'ten')], 0), 0);
  assert.deepEqual(pages.pages.get(2), { lsn: 10, image: 'ten' });
});

test('crash at random points: the store is always some prefix of the writes, at least the synced ones', (t) => {
  const first = sim.replaySeed() ?? 5;
  t.diagnostic(`seed=${first}`);
  let seed = first;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  for (let round = 0; round < 40; round++) {
    storage.resetFileSystems();
    // Each round's file system (where a torn write is cut) follows from the test's seed too.
    const fs = storage.faultyFileSystem(first * 200 + round);
    const pageCount = 4;
    const states: string[][] = [Array.from({ length: pageCount }, () => '')];
    let store = m.PageStore.open(fs, 'db', 32);
    let syncedPrefix = 0;
    const writes = 5 + next(20);
    for (let i = 1; i <= writes; i++) {
      const page = next(pageCount);
      const value = `r${round}w${i}`;
      const sync = next(3) === 0;
      store.write(page, text(value), { sync });
      if (next(8) === 0) store.checkpoint();
      const s = [...(states.at(-1) as string[])];
      s[page] = value;
      states.push(s);
      if (sync) syncedPrefix = i;
    }
    const mode = (['drop', 'tearLast', 'random'] as const)[next(3)] as 'drop' | 'tearLast' | 'random';
    fs.crash({ unsyncedWrites: mode });
    store = m.PageStore.open(fs, 'db', 32);
    const now = Array.from({ length: pageCount }, (_, p) => new TextDecoder().decode(store.read(p)).replace(/\0+$/, ''));
    const prefix = states.findIndex((s) => s.every((v, p) => v === now[p]));
    assert.ok(prefix >= 0, `round ${round} (${mode}, seed ${first}): pages ${JSON.stringify(now)} match no prefix of the writes`);
    assert.ok(
      states.slice(syncedPrefix).some((s) => s.every((v, p) => v === now[p])),
      `round ${round} (${mode}, seed ${first}): a synced write was lost; pages ${JSON.stringify(now)}, synced up to write ${syncedPrefix}`,
    );
    // A second crash right after recovery must not change anything: recovery itself is durable.
    fs.crash({ unsyncedWrites: 'drop' });
    const again = m.PageStore.open(fs, 'db', 32);
    assert.deepEqual(
      Array.from({ length: pageCount }, (_, p) => new TextDecoder().decode(again.read(p)).replace(/\0+$/, '')),
      now,
      `round ${round} (seed ${first}): recovery was not durable`,
    );
  }
});
