/**
 * The one file-system interface every storage engine uses. Synchronous on purpose: engines run
 * in the kernel worker, the CLI or tests (never on the extension host's thread), and a
 * synchronous interface keeps the engines simple, deterministic and fast.
 *
 * Three implementations (see sibling files): real disk (a scratch folder), in-memory, and a
 * fault-injecting wrapper that models what a crash does to data not yet made durable.
 *
 * Durability contract (what the fault-injecting implementation enforces):
 * - bytes written to a file are durable only after `FileHandle.sync()`;
 * - a new, renamed or removed directory entry is durable only after `FileSystem.syncDir(dir)`.
 */
export interface FileHandle {
  readonly path: string;
  /** Reads up to `length` bytes at `position`; returns fewer at end of file. */
  read(position: number, length: number): Uint8Array;
  /** Writes `data` at `position`, extending the file if needed. */
  write(position: number, data: Uint8Array): void;
  /** Appends `data` at the end and returns the offset it was written at. */
  append(data: Uint8Array): number;
  size(): number;
  truncate(length: number): void;
  /** Makes every write so far durable (fsync). */
  sync(): void;
  close(): void;
}

export type OpenMode =
  /** Existing file, read only. */
  | 'read'
  /** Read and write; creates the file if missing. */
  | 'readwrite'
  /** Read and write; the file must not exist yet. */
  | 'create';

export interface FileSystem {
  open(path: string, mode: OpenMode): FileHandle;
  exists(path: string): boolean;
  /** Names (not paths) of the entries in `dir`, sorted. */
  list(dir: string): string[];
  mkdirp(dir: string): void;
  remove(path: string): void;
  /** Atomically replaces `to` with `from`. */
  rename(from: string, to: string): void;
  /** Makes directory-entry changes in `dir` durable. */
  syncDir(dir: string): void;
  readFile(path: string): Uint8Array;
  /** Writes a whole file; not durable until a handle on it is synced (or use open + write + sync). */
  writeFile(path: string, data: Uint8Array): void;
}

export class StorageIoError extends Error {
  constructor(
    message: string,
    readonly code: 'ENOENT' | 'EEXIST' | 'EIO' | 'ECLOSED' | 'ENOTDIR',
    readonly path: string,
  ) {
    super(message);
    this.name = 'StorageIoError';
  }
}
