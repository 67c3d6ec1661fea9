/**
 * The child process of the SIGKILL crash test (harness/processCrash.ts), bundled once per test
 * run so each spawn is a plain `node writer.cjs`. Opens one engine on real files and writes
 * random batches with `sync` forever, reporting on stdout, one line each:
 *   `R`              the engine is open (recovery done);
 *   `B <json ops>`   a batch is about to be written;
 *   `A <seq>`        that batch returned, so it is acknowledged as durable.
 * Lines go out with a synchronous write to fd 1 before the next step, so whatever the parent
 * reads after the kill is exactly what the writer had acknowledged. Arguments:
 *   kind dir laneSeed runSeed firstSeq [bg]
 * where `bg` opens the LSM in background mode (flushes and compactions on its worker thread).
 */
import * as nodeFs from 'node:fs';
import { DiskFileSystem } from '../../../../extension/storageIo/diskFileSystem';
import { createRandom } from '../../../../extension/util/prng';
import { type EngineKind, openEngine, randomBatch } from './engines';

function say(line: string): void {
  const b = Buffer.from(line + '\n');
  for (let done = 0; done < b.length;) {
    try {
      done += nodeFs.writeSync(1, b, done);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}

const [kind, dir, laneSeed, runSeed, firstSeq, mode] = process.argv.slice(2) as [EngineKind, string, string, string, string, string?];
const rng = createRandom(Number(runSeed));
const db = openEngine(kind, new DiskFileSystem(dir), 'db', Number(laneSeed), mode === 'bg');
say('R');
for (let seq = Number(firstSeq); ; seq++) {
  const ops = randomBatch(rng, 40, `${runSeed}.${seq}`);
  say(`B ${JSON.stringify(ops)}`);
  db.write(ops, true);
  say(`A ${seq}`);
  if (rng.chance(0.02)) db.maintain();
}
