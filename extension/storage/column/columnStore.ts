/**
 * A column store for analytic queries (DDIA ch. 3, "Column-Oriented Storage"): each column in its
 * own file with the encoding that suits it, and a vectorized executor that reads only the
 * columns a query names, filters whole columns into a selection vector, and aggregates with
 * typed-array accumulators indexed by the group column's dictionary code. Compare with
 * rowStore.ts, which answers the same queries from one file of rows.
 *
 * Writing a table replaces the previous one atomically, although a table is many files: each
 * write is a new *generation* whose column files (`col-<generation>-<index>.col`) sit beside the
 * old ones, and the TABLE file, which names the generation, is the single switch. The new column
 * files are written and synced, their directory entries synced, then TABLE is written to
 * TABLE.tmp, synced and renamed over TABLE, and the directory synced again; only then are the
 * old generation's files removed. A crash at any step leaves a TABLE naming a complete
 * generation: the old table, or the new one, never a mix. Files of no generation named by TABLE
 * (a crashed write's, or an old one's whose removal was cut short) are removed by the next write.
 */
import { StorageCorruptionError } from '../codec/corruption';
import { type FileSystem, StorageIoError } from '../fs/fileSystem';
import { joinPath } from '../fs/paths';
import { chooseEncoding, type ColumnVector, type Encoding, encodeColumn } from './columnEncoding';
import { decodeColumnFile, decodeTableFile, encodeColumnFile, encodeTableFile, type TableSchemaFile } from './columnFormat';
import { type AnalyticQuery, type CellValue, type ColumnSchema, compareCells, type QueryResult, type Row } from './columnTypes';
import { andBitmaps, type RleBitmap } from './rleBitmap';
import { aggregateSelection, applyBitmap, filterColumn, predicateBitmap } from './vectorOps';

export interface ColumnDescription extends ColumnSchema {
  encoding: Encoding;
  sizeBytes: number;
}

const TABLE = 'TABLE';
const TABLE_TMP = 'TABLE.tmp';
const COLUMN_FILE = /^col-(\d+)-(\d+)\.col$/;

export function columnFileName(generation: number, index: number): string {
  return `col-${generation}-${index}.col`;
}

/** A new file holding `data`, synced (its directory entry is not: the caller syncs the folder). */
function writeSynced(fs: FileSystem, path: string, data: Uint8Array): void {
  const h = fs.open(path, 'create');
  h.write(0, data);
  h.sync();
  h.close();
}

/** The table TABLE names now, or null if there is none or it cannot be read (a write then starts over). */
function currentTable(fs: FileSystem, dir: string): TableSchemaFile | null {
  const path = joinPath(dir, TABLE);
  if (!fs.exists(path)) return null;
  try {
    return decodeTableFile(fs.readFile(path), path);
  } catch (e) {
    if (e instanceof StorageCorruptionError) return null;
    throw e;
  }
}

export class ColumnStore {
  /** Bytes read from column files by all queries so far. */
  bytesReadTotal = 0;
  queries = 0;

  private constructor(
    private readonly fs: FileSystem,
    readonly dir: string,
    private readonly table: TableSchemaFile,
  ) {}

  /** Writes `rows` as a new column table in `dir`, choosing each column's encoding unless given. */
  static write(
    fs: FileSystem,
    dir: string,
    schema: readonly ColumnSchema[],
    rows: readonly Row[],
    encodings: Record<string, Encoding> = {},
  ): ColumnStore {
    fs.mkdirp(dir);
    const old = currentTable(fs, dir);
    // Clear what no complete table uses (a crashed write's files), and pick a generation above every file's.
    let generation = old === null ? 1 : old.generation + 1;
    for (const name of fs.list(dir)) {
      const m = COLUMN_FILE.exec(name);
      if (m) generation = Math.max(generation, Number(m[1]) + 1);
      if (name === TABLE || (m && old !== null && Number(m[1]) === old.generation)) continue;
      if (m || name === TABLE_TMP) fs.remove(joinPath(dir, name));
    }
    const columns = schema.map((c, i) => {
      const values = rows.map((r) => r[i] as CellValue);
      const encoding = encodings[c.name] ?? chooseEncoding(c.type, values);
      writeSynced(
        fs,
        joinPath(dir, columnFileName(generation, i)),
        encodeColumnFile(c.type, encoding, rows.length, encodeColumn(c.type, values, encoding)),
      );
      return { ...c, encoding };
    });
    // The new column files must be durable entries before TABLE can name them.
    fs.syncDir(dir);
    const table: TableSchemaFile = { rowCount: rows.length, generation, columns };
    writeSynced(fs, joinPath(dir, TABLE_TMP), encodeTableFile(table));
    fs.rename(joinPath(dir, TABLE_TMP), joinPath(dir, TABLE));
    fs.syncDir(dir);
    // The switch is durable: the old generation is garbage now.
    if (old !== null) {
      old.columns.forEach((_, i) => {
        const path = joinPath(dir, columnFileName(old.generation, i));
        if (fs.exists(path)) fs.remove(path);
      });
      fs.syncDir(dir);
    }
    return new ColumnStore(fs, dir, table);
  }

  /**
   * Opens the table TABLE names. No table (never written, or its first write did not finish):
   * StorageIoError ENOENT; a damaged TABLE or a column file missing: StorageCorruptionError.
   */
  static open(fs: FileSystem, dir: string): ColumnStore {
    const path = joinPath(dir, TABLE);
    if (!fs.exists(path))
      throw new StorageIoError(`no column table in ${dir} (never written, or its first write did not finish)`, 'ENOENT', path);
    const table = decodeTableFile(fs.readFile(path), path);
    table.columns.forEach((c, i) => {
      const file = joinPath(dir, columnFileName(table.generation, i));
      if (!fs.exists(file))
        throw new StorageCorruptionError(file, 0, `column file of ${c.name} (generation ${table.generation}) is missing`);
    });
    return new ColumnStore(fs, dir, table);
  }

  get rowCount(): number {
    return this.table.rowCount;
  }

  describeColumns(): ColumnDescription[] {
    return this.table.columns.map((c, i) => ({ ...c, sizeBytes: this.fs.readFile(this.columnPath(i)).length }));
  }

  /** Which write of this folder the table is (1 for the first). */
  get generation(): number {
    return this.table.generation;
  }

  /** Every value of one column, in row order (decodes the whole column). */
  readColumn(name: string): CellValue[] {
    const v = this.load(name, { bytes: 0 });
    return v.type === 'number' ? [...v.values] : [...v.codes].map((c) => v.dictionary[c] as string);
  }

  private columnPath(i: number): string {
    return joinPath(this.dir, columnFileName(this.table.generation, i));
  }

  private columnIndex(name: string): number {
    const i = this.table.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new RangeError(`no column named ${name}`);
    return i;
  }

  private load(name: string, read: { bytes: number }): ColumnVector {
    const i = this.columnIndex(name);
    const col = this.table.columns[i] as ColumnSchema;
    const path = this.columnPath(i);
    const bytes = this.fs.readFile(path);
    read.bytes += bytes.length;
    return decodeColumnFile(bytes, path, { type: col.type, rowCount: this.table.rowCount });
  }

  query(q: AnalyticQuery): QueryResult {
    const read = { bytes: 0 };
    const vectors = new Map<string, ColumnVector>();
    const vector = (name: string): ColumnVector => {
      let v = vectors.get(name);
      if (v === undefined) {
        v = this.load(name, read);
        vectors.set(name, v);
      }
      return v;
    };
    const selection = new Uint8Array(this.table.rowCount).fill(1);
    // Predicates on bitmap columns are combined first, as an AND of run-length encoded bitmaps,
    // then applied to the selection in one pass of fills; the others filter value by value.
    let bitmapRows: RleBitmap | null = null;
    for (const p of q.where ?? []) {
      const rows = predicateBitmap(vector(p.column), p);
      if (rows === null) filterColumn(vector(p.column), p, selection);
      else bitmapRows = bitmapRows === null ? rows : andBitmaps(bitmapRows, rows);
    }
    if (bitmapRows !== null) applyBitmap(bitmapRows, selection);
    const result = aggregateSelection(
      selection,
      q.groupBy === undefined ? null : vector(q.groupBy),
      q.aggregates.map((a) => ({ fn: a.fn, vector: vector(a.column) })),
    );
    this.bytesReadTotal += read.bytes;
    this.queries++;
    result.groups.sort((a, b) => (a.group === null || b.group === null ? 0 : compareCells(a.group, b.group)));
    return { ...result, bytesRead: read.bytes };
  }
}

export function openColumnStore(fs: FileSystem, dir: string): ColumnStore {
  return ColumnStore.open(fs, dir);
}
