/**
 * `npx tsx bench/storage/column.bench.ts`: the column store against the row-store baseline on
 * a filtered group-by over 200k rows (in memory), both measured in this run. Prints the time
 * and bytes read of each and their ratio.
 */
import { ColumnStore } from '../../extension/storage/column/columnStore';
import { RowStore } from '../../extension/storage/column/rowStore';
import { MemoryFileSystem } from '../../extension/storage/fs/memoryFileSystem';
import { createRandom } from '../../extension/util/prng';

const rng = createRandom(42);

function main(): void {
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

main();
