/**
 * Our LSM tree (on the real-disk file system) against LevelDB (classic-level) in the same run:
 * random puts (ours one put at a time without sync; LevelDB in batches of 1000) and random
 * gets (ours `get`, LevelDB `getSync`), 16-byte keys and 100-byte incompressible values. Also
 * the column store against the row-store baseline on a group-by scan. Prints ops/s and ratios.
 *
 *   npx tsx bench/storage/lsm-vs-leveldb.bench.ts [keyCount]
 *
 * LevelDB is a dev-only reference; if classic-level is not installed its rows are skipped.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { ClassicLevel } from 'classic-level';
import { createScratchFileSystem } from '../../extension/storage/fs/diskFileSystem';
import { openLsm } from '../../extension/storage/lsm/lsmTree';
import { ColumnStore } from '../../extension/storage/column/columnStore';
import { RowStore } from '../../extension/storage/column/rowStore';
import { MemoryFileSystem } from '../../extension/storage/fs/memoryFileSystem';
import { createRandom } from '../../extension/util/prng';

const N = Number(process.argv[2] ?? 100_000);
const rng = createRandom(42);
const keys = Array.from({ length: N }, () => randomBytes(16));
const values = Array.from({ length: N }, () => randomBytes(100));
const order = Array.from({ length: N }, () => rng.int(N));

function rate(label: string, ops: number, ms: number): number {
  const r = (ops / ms) * 1000;
  console.log(`${label.padEnd(34)} ${Math.round(r).toLocaleString('en-US').padStart(12)} ops/s`);
  return r;
}

async function main(): Promise<void> {
  console.log(`keys: ${N}, 16-byte keys, 100-byte values`);
  const fs = createScratchFileSystem('ddia-lsm-bench-');
  const db = openLsm(fs, 'db');
  let t = performance.now();
  for (let i = 0; i < N; i++) db.put(keys[order[i] as number] as Buffer, values[i] as Buffer);
  const oursPut = rate('ours: random put', N, performance.now() - t);
  t = performance.now();
  let found = 0;
  for (let i = 0; i < N; i++) if (db.get(keys[order[(i * 7919) % N] as number] as Buffer) !== undefined) found++;
  const oursGet = rate('ours: random get', N, performance.now() - t);
  db.flush();
  db.compact({ full: true });
  const s = db.stats({ exactSpace: true });
  console.log(
    `ours: write amp ${s.amplification.write.toFixed(2)}, space amp after full compaction ${s.amplification.space.toFixed(3)}, files/get ${s.amplification.readFiles.toFixed(2)}, found ${found}`,
  );
  db.close();
  fs.dispose();

  let Level: typeof ClassicLevel | null = null;
  try {
    Level = (await import('classic-level')).ClassicLevel;
  } catch {
    console.log('classic-level not installed: LevelDB rows skipped');
  }
  if (Level !== null) {
    const dir = nodeFs.mkdtempSync(path.join(os.tmpdir(), 'ddia-leveldb-bench-'));
    const ldb = new Level<Buffer, Buffer>(dir, { keyEncoding: 'buffer', valueEncoding: 'buffer' });
    await ldb.open();
    t = performance.now();
    for (let i = 0; i < N; i += 1000) {
      const batch = ldb.batch();
      for (let j = i; j < Math.min(N, i + 1000); j++) batch.put(keys[order[j] as number] as Buffer, values[j] as Buffer);
      await batch.write();
    }
    const lPut = rate('leveldb: random put (batch 1000)', N, performance.now() - t);
    t = performance.now();
    for (let i = 0; i < N; i++) ldb.getSync(keys[order[(i * 7919) % N] as number] as Buffer);
    const lGet = rate('leveldb: random getSync', N, performance.now() - t);
    await ldb.close();
    nodeFs.rmSync(dir, { recursive: true, force: true });
    console.log(`ratio put ours/leveldb: ${(oursPut / lPut).toFixed(2)}x, get: ${(oursGet / lGet).toFixed(2)}x`);
  }

  const rows = Array.from({ length: 200_000 }, (_, i) => [
    Math.floor(i / 1000),
    rng.pick(['n', 's', 'e', 'w']),
    `p${rng.int(1000)}`,
    rng.intBetween(1, 20),
    rng.next() * 100,
  ]);
  const schema = [
    { name: 'day', type: 'number' as const },
    { name: 'region', type: 'string' as const },
    { name: 'product', type: 'string' as const },
    { name: 'qty', type: 'number' as const },
    { name: 'price', type: 'number' as const },
  ];
  const mem = new MemoryFileSystem();
  const col = ColumnStore.write(mem, 'col', schema, rows);
  const row = RowStore.write(mem, 'rows', schema, rows);
  const q = {
    where: [{ column: 'qty', op: '>' as const, value: 5 }],
    groupBy: 'region',
    aggregates: [{ fn: 'sum' as const, column: 'price' }],
  };
  const time = (f: () => { bytesRead: number }): { ms: number; bytes: number } => {
    f();
    const t0 = performance.now();
    let bytes = 0;
    for (let i = 0; i < 5; i++) bytes = f().bytesRead;
    return { ms: (performance.now() - t0) / 5, bytes };
  };
  const c = time(() => col.query(q));
  const r = time(() => row.query(q));
  console.log(`column scan ${c.ms.toFixed(1)} ms (${c.bytes} bytes read), row scan ${r.ms.toFixed(1)} ms (${r.bytes} bytes read)`);
  console.log(`ratio row/column scan time: ${(r.ms / c.ms).toFixed(1)}x, bytes: ${(r.bytes / c.bytes).toFixed(1)}x`);
}

void main();
