/**
 * Which file system a lab's storage engine writes to. Cells of one lab run in one kernel worker,
 * so the choices are per process: one scratch folder on the real disk (created on first use,
 * deleted when the worker exits), one in-memory file system, and one fault-injecting file
 * system per seed. Reopening a store with the same `fs` choice and folder therefore finds the
 * data a previous cell wrote, which is what the recovery experiments need.
 */
import { createScratchFileSystem, type ScratchFileSystem } from '../storageIo/diskFileSystem';
import { FaultyFileSystem } from '../storage/fs/faultyFileSystem';
import { type FileSystem } from '../storage/fs/fileSystem';
import { MemoryFileSystem } from '../storage/fs/memoryFileSystem';
import { createRandom } from '../util/prng';

/** `'disk'`: real files in a scratch folder; `'memory'`: in RAM; `'faulty'`: in RAM, with crashes you trigger. */
export type FileSystemKind = 'disk' | 'memory' | 'faulty';

/** Where a store keeps its files: a kind (shared per lab) or a file system you built yourself. */
export type FileSystemChoice = FileSystemKind | FileSystem;

let scratch: ScratchFileSystem | undefined;
let memory: MemoryFileSystem | undefined;
const faulty = new Map<number, FaultyFileSystem>();

function disposeScratch(): void {
  scratch?.dispose();
  scratch = undefined;
}

/** The lab's scratch file system on the real disk; its folder is deleted when the process exits. */
export function scratchFileSystem(): ScratchFileSystem {
  if (!scratch) {
    scratch = createScratchFileSystem('ddia-labs-storage-');
    process.once('exit', disposeScratch);
  }
  return scratch;
}

/**
 * The absolute path of this lab's scratch folder on disk (created on first use and removed when
 * the lab's kernel exits). Stores opened with `fs: 'disk'` keep their folders inside it, so you
 * can look at their files with `node:fs`.
 */
export function scratchDir(): string {
  return scratchFileSystem().rootDir;
}

/** The lab's shared in-memory file system. */
export function memoryFileSystem(): MemoryFileSystem {
  memory ??= new MemoryFileSystem();
  return memory;
}

/**
 * The lab's fault-injecting file system for `seed` (one per seed). Writes not yet synced are
 * lost, torn or kept at random when you call `crash()`; `flipByte` corrupts a file on purpose.
 * Same seed, same faults.
 */
export function faultyFileSystem(seed = 1): FaultyFileSystem {
  let fs = faulty.get(seed);
  if (!fs) {
    fs = new FaultyFileSystem(createRandom(seed));
    faulty.set(seed, fs);
  }
  return fs;
}

/** Resolves a `fs` option to a file system. */
export function resolveFileSystem(choice: FileSystemChoice | undefined, seed?: number): FileSystem {
  if (choice === undefined || choice === 'memory') return memoryFileSystem();
  if (choice === 'disk') return scratchFileSystem();
  if (choice === 'faulty') return faultyFileSystem(seed);
  if (typeof choice === 'object' && choice !== null && typeof choice.open === 'function') return choice;
  throw new TypeError(`fs must be 'disk', 'memory', 'faulty' or a FileSystem, got ${String(choice)}`);
}

/** Deletes the scratch folder now and forgets the in-memory and faulty file systems (tests, a fresh start). */
export function resetFileSystems(): void {
  disposeScratch();
  memory = undefined;
  faulty.clear();
}
