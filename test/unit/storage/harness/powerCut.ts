import { type FaultyFileSystem } from '../../../../extension/storage/fs/faultyFileSystem';
import { type FileHandle, type FileSystem, type OpenMode } from '../../../../extension/storage/fs/fileSystem';

/** Thrown by `PowerCutFileSystem` in place of the operation that the power cut interrupts. */
export class PowerCut extends Error {}

/**
 * A file system that loses power at a chosen durable-state-changing call (write, append,
 * truncate, sync, rename, remove, syncDir, writeFile; with `countCreate`, creating a file too):
 * once armed with `cutAt(n)`, the n-th such call and every later one throw `PowerCut` instead of
 * happening. The test then crashes the fault-injecting file system underneath
 * (`inner.crash(...)`), which decides what the unsynced writes left behind, and reopens on it.
 * This stops a checkpoint, vacuum or compaction between any two of its steps, which the crash
 * harness (it crashes between operations) cannot.
 */
export class PowerCutFileSystem implements FileSystem {
  private calls = 0;
  private cutAtCall = Infinity;

  constructor(
    readonly inner: FaultyFileSystem,
    private readonly opts: { countCreate?: boolean } = {},
  ) {}

  /** Arms the cut: the n-th mutating call from now is the first that does not happen. */
  cutAt(n: number): void {
    this.calls = 0;
    this.cutAtCall = n;
  }

  /** True once the power is off (the armed call was reached). */
  get isCut(): boolean {
    return this.calls >= this.cutAtCall;
  }

  private step(): void {
    if (++this.calls >= this.cutAtCall) throw new PowerCut(`power cut at call ${this.calls}`);
  }

  open(path: string, mode: OpenMode): FileHandle {
    if (mode === 'create' && this.opts.countCreate) this.step();
    const h = this.inner.open(path, mode);
    const step = (): void => this.step();
    return {
      path: h.path,
      read: (p, n) => h.read(p, n),
      write: (p, d) => (step(), h.write(p, d)),
      append: (d) => (step(), h.append(d)),
      size: () => h.size(),
      truncate: (n) => (step(), h.truncate(n)),
      sync: () => (step(), h.sync()),
      close: () => h.close(),
    };
  }
  exists = (p: string): boolean => this.inner.exists(p);
  list = (d: string): string[] => this.inner.list(d);
  mkdirp = (d: string): void => this.inner.mkdirp(d);
  remove = (p: string): void => (this.step(), this.inner.remove(p));
  rename = (a: string, b: string): void => (this.step(), this.inner.rename(a, b));
  syncDir = (d: string): void => (this.step(), this.inner.syncDir(d));
  readFile = (p: string): Uint8Array => this.inner.readFile(p);
  writeFile = (p: string, d: Uint8Array): void => (this.step(), this.inner.writeFile(p, d));
}
