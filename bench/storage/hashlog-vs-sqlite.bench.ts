/**
 * `npx tsx bench/storage/hashlog-vs-sqlite.bench.ts`: our hash log and B-tree (on real files in
 * a scratch folder) next to SQLite (better-sqlite3, dev-only reference, measured in the same
 * run) on N random puts of 16-byte keys with 100-byte incompressible values, then N random
 * gets, and K puts with a sync each. Puts are grouped 1000 per batch/transaction for every
 * engine, as the reference numbers are. Prints ops/s and our ratio to SQLite.
 * N (default 50000) and K (default 500) come from the environment.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openBTree } from '../../extension/storage/btree/bTree';
import { createScratchFileSystem } from '../../extension/storage/fs/diskFileSystem';
import { openHashLog } from '../../extension/storage/hashlog/hashLog';

const N = Number(process.env['N'] ?? 50000);
const K = Number(process.env['K'] ?? 500);
const BATCH = 1000;

const keys = Array.from({ length: N }, () => crypto.randomBytes(16));
const values = Array.from({ length: N }, () => crypto.randomBytes(100));
const order = Array.from({ length: N }, (_, i) => i).sort(() => crypto.randomInt(3) - 1);

function opsPerSec(n: number, fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

interface Engine {
  name: string;
  putBatch(from: number, to: number): void;
  get(i: number): void;
  putSync(i: number): void;
  close(): void;
}

function ours(name: string, open: (fsys: ReturnType<typeof createScratchFileSystem>) => Engine): Engine {
  const scratch = createScratchFileSystem(`ddia-bench-${name}-`);
  const e = open(scratch);
  return { ...e, close: () => (e.close(), scratch.dispose()) };
}

const engines: Array<() => Engine | null> = [
  () =>
    ours('hashlog', (sfs) => {
      const log = openHashLog(sfs, 'db', { segmentBytes: 64 * 1024 * 1024 });
      return {
        name: 'hash log',
        putBatch: (a, b) => log.write(order.slice(a, b).map((i) => ({ key: keys[i] as Uint8Array, value: values[i] as Uint8Array }))),
        get: (i) => void log.get(keys[i] as Uint8Array),
        putSync: (i) => log.put(keys[i] as Uint8Array, values[i] as Uint8Array, { sync: true }),
        close: () => log.close(),
      };
    }),
  () =>
    ours('btree', (sfs) => {
      const tree = openBTree(sfs, 'db', { cachePages: 4096, walBytesMax: 64 * 1024 * 1024 });
      return {
        name: 'B-tree',
        putBatch: (a, b) => tree.write(order.slice(a, b).map((i) => ({ key: keys[i] as Uint8Array, value: values[i] as Uint8Array }))),
        get: (i) => void tree.get(keys[i] as Uint8Array),
        putSync: (i) => tree.put(keys[i] as Uint8Array, values[i] as Uint8Array, { sync: true }),
        close: () => tree.close(),
      };
    }),
  () => {
    if (!fs.existsSync(path.join(__dirname, '../../node_modules/better-sqlite3/build/Release/better_sqlite3.node'))) {
      console.log('better-sqlite3 is not built in node_modules: SQLite reference skipped');
      return null;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3') as new (file: string) => SqliteDb;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-bench-sqlite-'));
    const db = new Database(path.join(dir, 'db.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE kv (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID');
    const put = db.prepare('INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)');
    const get = db.prepare('SELECT v FROM kv WHERE k = ?').pluck();
    const batch = db.transaction((a: number, b: number) => {
      for (let j = a; j < b; j++) put.run(keys[order[j] as number], values[order[j] as number]);
    });
    return {
      name: 'SQLite',
      putBatch: (a, b) => batch(a, b),
      get: (i) => void get.get(keys[i]),
      putSync: (i) => {
        // synchronous = FULL makes each commit fsync the WAL, like our sync: true.
        db.pragma('synchronous = FULL');
        put.run(keys[i], values[i]);
        db.pragma('synchronous = NORMAL');
      },
      close: () => (db.close(), fs.rmSync(dir, { recursive: true, force: true })),
    };
  },
];

/** The part of better-sqlite3's API used here (it ships no types and @types is not installed). */
interface SqliteStatement {
  run(...args: unknown[]): unknown;
  get(...args: unknown[]): unknown;
  pluck(): SqliteStatement;
}
interface SqliteDb {
  pragma(sql: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}

const results: Array<{ name: string; put: number; get: number; putSync: number }> = [];
for (const make of engines) {
  const e = make();
  if (!e) continue;
  const put = opsPerSec(N, () => {
    for (let a = 0; a < N; a += BATCH) e.putBatch(a, Math.min(N, a + BATCH));
  });
  const get = opsPerSec(N, () => {
    for (let j = 0; j < N; j++) e.get(order[(j * 7919) % N] as number);
  });
  const putSync = opsPerSec(K, () => {
    for (let j = 0; j < K; j++) e.putSync(j);
  });
  e.close();
  results.push({ name: e.name, put, get, putSync });
}

const fmt = (x: number): string => `${Math.round(x).toLocaleString('en-US')}/s`;
const sqlite = results.find((r) => r.name === 'SQLite');
console.log(`N=${N} random puts (batches of ${BATCH}), N random gets, K=${K} synced puts; 16-byte keys, 100-byte values`);
for (const r of results) {
  const ratio = (ours: number, ref: number | undefined): string => (ref && r !== sqlite ? ` (${(ours / ref).toFixed(2)}x SQLite)` : '');
  console.log(
    `${r.name.padEnd(9)} put ${fmt(r.put)}${ratio(r.put, sqlite?.put)}  get ${fmt(r.get)}${ratio(r.get, sqlite?.get)}  sync put ${fmt(r.putSync)}${ratio(r.putSync, sqlite?.putSync)}`,
  );
}
