/**
 * `npm run bench:storage` (or `npx tsx bench/storage/storage.bench.ts [--quick] [--only=lsm,btree]`,
 * or QUICK=1; `--runs=3` or RUNS=3 for medians of three rounds, after `--warmup=1` uncounted ones): our hash log, LSM tree and
 * B-tree (real files in a scratch folder) next to LevelDB (classic-level) and SQLite
 * (better-sqlite3), all measured in this one run on the same keys: N (200k; 20k with --quick)
 * 16-byte keys with 100-byte incompressible values.
 *
 * Phases per engine: sequential put and random put (batches of 1000 for every engine: LevelDB
 * `batch()`, SQLite one transaction per 1000, ours `write`/`batch`), random get (LevelDB
 * `getSync`), 100-key range scans, K puts with a sync each (LevelDB `{ sync: true }`, SQLite
 * `synchronous = FULL` in WAL mode, ours `{ sync: true }`), then bytes on disk after a full
 * compaction. Raw `write` + `fdatasync` of 116-byte records shows the floor for synced writes.
 * Prints ops/s per engine and every ratio of ours to each reference.
 */
import type { ClassicLevel } from 'classic-level';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openBTree } from '../../extension/storage/btree/bTree';
import { createScratchFileSystem } from '../../extension/storageIo/diskFileSystem';
import { openHashLog } from '../../extension/storage/hashlog/hashLog';
import { openWorkerLsm } from '../../extension/storageIo/workerLsm';
import { createRandom } from '../../extension/util/prng';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick') || process.env['QUICK'] === '1';
const ONLY = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const N = Number(process.env['N'] ?? (QUICK ? 20_000 : 200_000));
const SCANS = QUICK ? 2_000 : 10_000;
const K = Number(process.env['K'] ?? (QUICK ? 500 : 2_000));
/** Whole rounds (every engine once per round); the summary shows medians, ratios are medians of per-round ratios. */
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? process.env['RUNS'] ?? 1);
/**
 * Uncounted rounds first (default 1; `--warmup=0` for none): our engines are JavaScript, whose
 * hot paths V8 compiles only after they have run a while, and whose LSM worker thread starts on
 * first use, while the references are native code loaded once. A benchmark of steady state
 * (as JMH's warm-up iterations do) discards that start-up.
 */
const WARMUP = Number(args.find((a) => a.startsWith('--warmup='))?.slice(9) ?? process.env['WARMUP'] ?? 1);
const BATCH = 1000;
const KEY_BYTES = 16;
const VALUE_BYTES = 100;

const rng = createRandom(20261126);
function randomBytes(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i += 4) b.writeUInt32LE(rng.int(2 ** 32), i);
  return b;
}
const keys = Array.from({ length: N }, () => randomBytes(KEY_BYTES));
const values = Array.from({ length: N }, () => randomBytes(VALUE_BYTES));
const sortedIdx = Array.from({ length: N }, (_, i) => i).sort((a, b) => Buffer.compare(keys[a] as Buffer, keys[b] as Buffer));
const shuffled = Array.from({ length: N }, (_, i) => i);
for (let i = N - 1; i > 0; i--) {
  const j = rng.int(i + 1);
  [shuffled[i], shuffled[j]] = [shuffled[j] as number, shuffled[i] as number];
}
const getOrder = Array.from({ length: N }, () => rng.int(N));
const scanOrder = Array.from({ length: SCANS }, () => rng.int(N));

type MaybePromise<T> = T | Promise<T>;
interface Engine {
  name: string;
  /** Every key of `idx` with values[i], in batches of BATCH. */
  putBatch(idx: readonly number[]): MaybePromise<void>;
  get(key: Buffer): unknown;
  /** Up to 100 entries from `key`; returns how many. */
  scan100?(key: Buffer): MaybePromise<number>;
  putSync(key: Buffer, value: Buffer): MaybePromise<void>;
  compact(): MaybePromise<void>;
  close(): MaybePromise<void>;
  dir: string;
}
type EngineFactory = () => Promise<Engine | null>;

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return n;
}

function scratchDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ddia-bench-${name}-`));
}

function oursEngine(name: string, open: (sfs: ReturnType<typeof createScratchFileSystem>) => Omit<Engine, 'dir' | 'name'>): EngineFactory {
  return async () => {
    const sfs = createScratchFileSystem(`ddia-bench-${name}-`);
    const e = open(sfs);
    return {
      ...e,
      name,
      dir: sfs.rootDir,
      close: () => {
        e.close();
        sfs.dispose();
      },
    };
  };
}

const ops = (idx: readonly number[]): Array<{ key: Uint8Array; value: Uint8Array }> =>
  idx.map((i) => ({ key: keys[i] as Uint8Array, value: values[i] as Uint8Array }));

const factories: Record<string, EngineFactory> = {
  hashlog: oursEngine('hashlog', (sfs) => {
    const db = openHashLog(sfs, 'db', { segmentBytes: 64 * 1024 * 1024 });
    return {
      putBatch: (idx) => db.write(ops(idx)),
      get: (k) => db.get(k),
      putSync: (k, v) => db.put(k, v, { sync: true }),
      compact: () => void db.compact(),
      close: () => db.close(),
    };
  }),
  lsm: oursEngine('lsm', (sfs) => {
    // Flushes and compactions on a worker thread, as LevelDB does on its background thread
    // (LSM_BG=0: the synchronous engine, for comparison).
    const db = openWorkerLsm(sfs, 'db', { background: process.env['LSM_BG'] !== '0' });
    return {
      putBatch: (idx) => db.batch(idx.map((i) => ({ type: 'put', key: keys[i] as Uint8Array, value: values[i] as Uint8Array }))),
      get: (k) => db.get(k),
      scan100: (k) => db.scan(k, undefined, 100).length,
      putSync: (k, v) => db.put(k, v, { sync: true }),
      compact: () => {
        db.flush();
        db.compact({ full: true });
      },
      close: () => db.close(),
    };
  }),
  btree: oursEngine('btree', (sfs) => {
    const db = openBTree(sfs, 'db', { cachePages: 16384, walBytesMax: 64 * 1024 * 1024 });
    return {
      putBatch: (idx) => db.write(ops(idx)),
      get: (k) => db.get(k),
      scan100: (k) => db.scan(k, undefined, 100).length,
      putSync: (k, v) => db.put(k, v, { sync: true }),
      // Rebuilds the page file with full leaves, as SQLite's VACUUM does for the sqlite engine.
      compact: () => db.vacuum(),
      close: () => db.close(),
    };
  }),
  leveldb: async () => {
    let Level: typeof ClassicLevel;
    try {
      Level = (await import('classic-level')).ClassicLevel;
    } catch {
      console.log('classic-level is not installed: LevelDB skipped');
      return null;
    }
    const dir = scratchDir('leveldb');
    const db = new Level<Buffer, Buffer>(dir, { keyEncoding: 'buffer', valueEncoding: 'buffer' });
    await db.open();
    return {
      name: 'leveldb',
      dir,
      putBatch: async (idx) => {
        const b = db.batch();
        for (const i of idx) b.put(keys[i] as Buffer, values[i] as Buffer);
        await b.write();
      },
      get: (k) => db.getSync(k),
      scan100: async (k) => (await db.iterator({ gte: k, limit: 100 }).all()).length,
      putSync: (k, v) => db.put(k, v, { sync: true }),
      compact: () => db.compactRange(Buffer.alloc(0), Buffer.alloc(KEY_BYTES, 0xff)),
      close: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  sqlite: async () => {
    let Database: new (file: string) => SqliteDb;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Database = require('better-sqlite3') as typeof Database;
    } catch {
      console.log('better-sqlite3 is not built: SQLite skipped');
      return null;
    }
    const dir = scratchDir('sqlite');
    const db = new Database(path.join(dir, 'db.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE kv (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID');
    const put = db.prepare('INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)');
    const get = db.prepare('SELECT v FROM kv WHERE k = ?').pluck();
    const scan = db.prepare('SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT 100');
    const batch = db.transaction((idx: readonly number[]) => {
      for (const i of idx) put.run(keys[i], values[i]);
    });
    let synced = false;
    return {
      name: 'sqlite',
      dir,
      putBatch: (idx) => batch(idx),
      get: (k) => get.get(k),
      scan100: (k) => scan.all(k).length,
      putSync: (k, v) => {
        // synchronous = FULL makes each autocommit fsync the WAL, like our { sync: true }.
        if (!synced) db.pragma('synchronous = FULL');
        synced = true;
        put.run(k, v);
      },
      compact: () => {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.exec('VACUUM');
        db.pragma('wal_checkpoint(TRUNCATE)');
      },
      close: () => {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** The part of better-sqlite3's API used here (it ships no types). */
interface SqliteStatement {
  run(...args: unknown[]): unknown;
  get(...args: unknown[]): unknown;
  all(...args: unknown[]): unknown[];
  pluck(): SqliteStatement;
}
interface SqliteDb {
  pragma(sql: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}

interface Result {
  seqPut: number;
  randPut: number;
  get: number;
  scan100: number;
  syncPut: number;
  diskBytes: number;
}

async function rate(n: number, fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (n / (performance.now() - t0)) * 1000;
}

async function putAll(e: Engine, order: readonly number[]): Promise<void> {
  for (let a = 0; a < order.length; a += BATCH) await e.putBatch(order.slice(a, a + BATCH));
}

async function measure(make: EngineFactory): Promise<{ name: string; r: Result } | null> {
  const seq = await make();
  if (seq === null) return null;
  const seqPut = await rate(N, () => putAll(seq, sortedIdx));
  await seq.close();
  const e = (await make()) as Engine;
  const randPut = await rate(N, () => putAll(e, shuffled));
  let found = 0;
  const get = await rate(N, async () => {
    for (const i of getOrder) if (e.get(keys[i] as Buffer) !== undefined) found++;
  });
  if (found !== N) throw new Error(`${e.name}: found ${found} of ${N} keys`);
  let scanned = 0;
  const scan100 =
    e.scan100 === undefined
      ? NaN
      : await rate(SCANS, async () => {
          for (const i of scanOrder) scanned += await (e.scan100 as (k: Buffer) => MaybePromise<number>)(keys[i] as Buffer);
        });
  if (e.scan100 !== undefined && scanned < SCANS * 50) throw new Error(`${e.name}: scans returned only ${scanned} entries`);
  const syncPut = await rate(K, async () => {
    // Overwrite existing keys with new values, one synced write each.
    for (let j = 0; j < K; j++) await e.putSync(keys[shuffled[j] as number] as Buffer, values[(j + 1) % N] as Buffer);
  });
  await e.compact();
  const diskBytes = dirBytes(e.dir);
  await e.close();
  return { name: e.name, r: { seqPut, randPut, get, scan100, syncPut, diskBytes } };
}

function rawAppendFsync(): number {
  const dir = scratchDir('raw');
  const fd = fs.openSync(path.join(dir, 'log'), 'w');
  const rec = randomBytes(KEY_BYTES + VALUE_BYTES);
  let pos = 0;
  const t0 = performance.now();
  for (let j = 0; j < K; j++) {
    pos += fs.writeSync(fd, rec, 0, rec.length, pos);
    fs.fdatasyncSync(fd);
  }
  const r = (K / (performance.now() - t0)) * 1000;
  fs.closeSync(fd);
  fs.rmSync(dir, { recursive: true, force: true });
  return r;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const fmt = (x: number): string => (Number.isNaN(x) ? 'n/a' : Math.round(x).toLocaleString('en-US'));
const cols: Array<[keyof Result, string]> = [
  ['seqPut', 'seq put/s'],
  ['randPut', 'rand put/s'],
  ['get', 'get/s'],
  ['scan100', 'scan100/s'],
  ['syncPut', 'sync put/s'],
  ['diskBytes', 'disk bytes'],
];

function printTable(results: ReadonlyMap<string, Result>, raw: number): void {
  const live = N * (KEY_BYTES + VALUE_BYTES);
  console.log(['engine'.padEnd(9), ...cols.map(([, h]) => h.padStart(12)), 'space amp'.padStart(10)].join(' '));
  for (const [name, r] of results)
    console.log([name.padEnd(9), ...cols.map(([c]) => fmt(r[c]).padStart(12)), (r.diskBytes / live).toFixed(3).padStart(10)].join(' '));
  console.log(`raw write+fdatasync of ${KEY_BYTES + VALUE_BYTES} bytes: ${fmt(raw)}/s`);
}

/** Ratios of ours to each reference; with several runs, the median of the per-run ratios (each run's engines share its conditions). */
function printRatios(runs: ReadonlyArray<ReadonlyMap<string, Result>>): void {
  const names = [...(runs[0]?.keys() ?? [])];
  for (const ref of ['leveldb', 'sqlite']) {
    if (!names.includes(ref)) continue;
    for (const ours of ['hashlog', 'lsm', 'btree']) {
      if (!names.includes(ours)) continue;
      const ratio = (c: keyof Result): number => median(runs.map((r) => (r.get(ours) as Result)[c] / (r.get(ref) as Result)[c]));
      const ratios = cols
        .filter(([c]) => c !== 'diskBytes')
        .map(([c, h]) => `${h.replace('/s', '')} ${ratio(c).toFixed(2)}x`)
        .filter((s) => !s.includes('NaN'));
      console.log(`${ours} / ${ref}: ${ratios.join(', ')}, disk ${ratio('diskBytes').toFixed(2)}x`);
    }
  }
}

async function main(): Promise<void> {
  console.log(
    `N=${N} keys (${KEY_BYTES}-byte keys, ${VALUE_BYTES}-byte random values), puts in batches of ${BATCH}, ${SCANS} scans of 100, K=${K} synced puts, ${RUNS} run(s) after ${WARMUP} warm-up; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (let w = 1; w <= WARMUP; w++) {
    console.log(`warm-up round ${w} of ${WARMUP} (not counted)`);
    for (const [name, make] of Object.entries(factories)) if (!ONLY || ONLY.includes(name)) await measure(make);
  }
  const runs: Array<Map<string, Result>> = [];
  const raws: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const results = new Map<string, Result>();
    for (const [name, make] of Object.entries(factories)) {
      if (ONLY && !ONLY.includes(name)) continue;
      const m = await measure(make);
      if (m) results.set(m.name, m.r);
    }
    raws.push(rawAppendFsync());
    runs.push(results);
    if (RUNS > 1) {
      console.log(`\nrun ${run} of ${RUNS} (load ${os.loadavg()[0]?.toFixed(1)})`);
      printTable(results, raws[raws.length - 1] as number);
    }
  }
  if (RUNS > 1) console.log(`\nmedians of ${RUNS} runs`);
  const med = new Map<string, Result>();
  for (const name of runs[0]?.keys() ?? []) {
    const r = {} as Result;
    for (const [c] of cols) r[c] = median(runs.map((run) => (run.get(name) as Result)[c]));
    med.set(name, r);
  }
  printTable(med, median(raws));
  printRatios(runs);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
