/**
 * The byte-flip harness shared by every engine: build a store, snapshot its files, then for
 * each seeded flip (one random bit of one random byte of one random file) run `check`, which
 * must either return normally (having compared every answer with the truth) or throw a
 * StorageCorruptionError that names a file of the store and an offset inside that file. Any
 * other exception, or a wrong answer, fails with the seed, file and offset to replay it.
 */
import { strict as assert } from 'node:assert';
import { StorageCorruptionError } from '../../../../extension/storage/codec/corruption';
import { type MemoryFileSystem } from '../../../../extension/storage/fs/memoryFileSystem';
import { joinPath } from '../../../../extension/storage/fs/paths';
import { createRandom } from '../../../../extension/util/prng';

export interface FlipReport {
  flips: number;
  /** Flips every read survived with right answers (the damage was in bytes no check reached, or was repaired). */
  clean: number;
  /** Flips reported as a StorageCorruptionError. */
  detected: number;
  files: string[];
}

export function flipEveryFile(fs: MemoryFileSystem, dir: string, seed: number, flips: number, check: () => void): FlipReport {
  const rng = createRandom(seed);
  const files = fs.list(dir).map((n) => joinPath(dir, n));
  const original = new Map(files.map((f) => [f, fs.readFile(f)]));
  const report: FlipReport = { flips: 0, clean: 0, detected: 0, files };
  for (let i = 0; i < flips; i++) {
    // Restore every file (the last check may have repaired or rewritten some), then damage one.
    for (const n of fs.list(dir)) if (!original.has(joinPath(dir, n))) fs.remove(joinPath(dir, n));
    for (const [f, bytes] of original) fs.writeFile(f, bytes);
    const nonEmpty = files.filter((f) => (original.get(f) as Uint8Array).length > 0);
    const file = rng.pick(nonEmpty);
    const bytes = (original.get(file) as Uint8Array).slice();
    const offset = rng.int(bytes.length);
    bytes[offset] = (bytes[offset] as number) ^ (1 << rng.int(8));
    fs.writeFile(file, bytes);
    const where = `seed ${seed}, flip ${i}: bit in ${file} at byte ${offset}`;
    try {
      check();
      report.clean++;
    } catch (e) {
      if (e instanceof assert.AssertionError) throw new assert.AssertionError({ message: `${where}: wrong answer: ${e.message}` });
      if (!(e instanceof StorageCorruptionError)) throw new Error(`${where}: not a typed corruption error: ${String(e)}`, { cause: e });
      assert.ok(original.has(e.file), `${where}: error names ${e.file}, not a file of the store`);
      const size = (original.get(e.file) as Uint8Array).length;
      assert.ok(
        Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= size,
        `${where}: error offset ${e.offset} outside ${e.file} (${size} bytes)`,
      );
      report.detected++;
    }
    report.flips++;
  }
  return report;
}
