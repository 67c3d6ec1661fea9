/**
 * A column store for analytic queries (DDIA ch. 3, "Column-Oriented Storage"): each column in its
 * own file with the encoding that suits it, and a vectorized executor that reads only the
 * columns a query names, filters whole columns into a selection vector, and aggregates with
 * typed-array accumulators indexed by the group column's dictionary code. Compare with
 * rowStore.ts, which answers the same queries from one file of rows.
 */
import { type FileSystem } from '../fs/fileSystem';
import { joinPath } from '../fs/paths';
import { chooseEncoding, type ColumnVector, type Encoding, encodeColumn } from './columnEncoding';
import { decodeColumnFile, decodeTableFile, encodeColumnFile, encodeTableFile, type TableSchemaFile } from './columnFormat';
import { type AnalyticQuery, type CellValue, type ColumnSchema, compareCells, type QueryResult, type Row } from './columnTypes';
import { aggregateSelection, filterColumn } from './vectorOps';

export interface ColumnDescription extends ColumnSchema {
  encoding: Encoding;
  sizeBytes: number;
}

function writeDurably(fs: FileSystem, path: string, data: Uint8Array): void {
  if (fs.exists(path)) fs.remove(path);
  const h = fs.open(path, 'create');
  h.write(0, data);
  h.sync();
  h.close();
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
    const columns = schema.map((c, i) => {
      const values = rows.map((r) => r[i] as CellValue);
      const encoding = encodings[c.name] ?? chooseEncoding(c.type, values);
      writeDurably(
        fs,
        joinPath(dir, `col-${i}.col`),
        encodeColumnFile(c.type, encoding, rows.length, encodeColumn(c.type, values, encoding)),
      );
      return { ...c, encoding };
    });
    const table = { rowCount: rows.length, columns };
    // The schema goes last: a table folder without it was never completely written.
    writeDurably(fs, joinPath(dir, 'TABLE'), encodeTableFile(table));
    fs.syncDir(dir);
    return new ColumnStore(fs, dir, table);
  }

  static open(fs: FileSystem, dir: string): ColumnStore {
    const path = joinPath(dir, 'TABLE');
    return new ColumnStore(fs, dir, decodeTableFile(fs.readFile(path), path));
  }

  get rowCount(): number {
    return this.table.rowCount;
  }

  describeColumns(): ColumnDescription[] {
    return this.table.columns.map((c, i) => ({ ...c, sizeBytes: this.fs.readFile(joinPath(this.dir, `col-${i}.col`)).length }));
  }

  private columnIndex(name: string): number {
    const i = this.table.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new RangeError(`no column named ${name}`);
    return i;
  }

  private load(name: string, read: { bytes: number }): ColumnVector {
    const i = this.columnIndex(name);
    const col = this.table.columns[i] as ColumnSchema;
    const path = joinPath(this.dir, `col-${i}.col`);
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
    for (const p of q.where ?? []) filterColumn(vector(p.column), p, selection);
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
