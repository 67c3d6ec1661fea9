/**
 * The baseline for the column store: the same table as rows in one file, scanned one row at a
 * time (decode row, test predicates, feed the accumulator), the way an OLTP row store answers an
 * analytic query. Every query reads the whole file, whichever columns it needs.
 *
 * File layout (integers little-endian): magic "DDIAROW1" | rowCount: u32 | columnCount: u32 |
 * crc32: u32 of the rows | rows; a row is its fields in schema order, a number as f64, a string
 * as length varint + UTF-8. The schema travels with the store object, not in the file.
 */
import { StorageCorruptionError } from '../codec/corruption';
import { type FileSystem } from '../fs/fileSystem';
import { parentDir } from '../fs/paths';
import { ByteReader, ByteWriter, readU32 } from '../lsm/bytes';
import { crc32 } from '../lsm/checksum';
import { GroupAccumulator } from './aggregator';
import {
  type AnalyticQuery,
  type CellValue,
  type ColumnSchema,
  compareCells,
  type QueryResult,
  type Row,
  testComparison,
} from './columnTypes';

const MAGIC = new TextEncoder().encode('DDIAROW1');
const HEADER_BYTES = 20;
const enc = new TextEncoder();
const dec = new TextDecoder();

export class RowStore {
  bytesReadTotal = 0;

  private constructor(
    private readonly fs: FileSystem,
    readonly path: string,
    readonly schema: readonly ColumnSchema[],
  ) {}

  static write(fs: FileSystem, path: string, schema: readonly ColumnSchema[], rows: readonly Row[]): RowStore {
    const w = new ByteWriter(HEADER_BYTES + rows.length * schema.length * 8);
    w.bytes(MAGIC);
    w.u32(rows.length);
    w.u32(schema.length);
    w.u32(0);
    const f64 = new Uint8Array(8);
    const view = new DataView(f64.buffer);
    for (const row of rows) {
      schema.forEach((c, i) => {
        const v = row[i] as CellValue;
        if (c.type === 'number') {
          view.setFloat64(0, v as number, true);
          w.bytes(f64);
        } else {
          const s = enc.encode(v as string);
          w.varint(s.length);
          w.bytes(s);
        }
      });
    }
    const bytes = w.finish();
    const crc = crc32(bytes, HEADER_BYTES);
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(16, crc, true);
    // Replaced atomically, as the column store's TABLE is: a synced temporary file renamed over it.
    const tmp = `${path}.tmp`;
    if (fs.exists(tmp)) fs.remove(tmp);
    const h = fs.open(tmp, 'create');
    h.write(0, bytes);
    h.sync();
    h.close();
    fs.rename(tmp, path);
    fs.syncDir(parentDir(path));
    return new RowStore(fs, path, schema);
  }

  static open(fs: FileSystem, path: string, schema: readonly ColumnSchema[]): RowStore {
    return new RowStore(fs, path, schema);
  }

  query(q: AnalyticQuery): QueryResult {
    const bytes = this.fs.readFile(this.path);
    this.bytesReadTotal += bytes.length;
    const fail = (offset: number, reason: string): never => {
      throw new StorageCorruptionError(this.path, offset, reason);
    };
    if (bytes.length < HEADER_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) fail(0, 'not a row file');
    if (readU32(bytes, 12) !== this.schema.length) fail(12, 'column count does not match the schema');
    if (crc32(bytes, HEADER_BYTES) !== readU32(bytes, 16)) fail(HEADER_BYTES, 'row file checksum mismatch');
    const rowCount = readU32(bytes, 8);
    const col = (name: string): number => {
      const i = this.schema.findIndex((c) => c.name === name);
      if (i < 0) throw new RangeError(`no column named ${name}`);
      return i;
    };
    const preds = (q.where ?? []).map((p) => ({ i: col(p.column), p }));
    const groupIndex = q.groupBy === undefined ? -1 : col(q.groupBy);
    const aggIndex = q.aggregates.map((a) => col(a.column));
    const acc = new GroupAccumulator(q.aggregates);
    const r = new ByteReader(bytes, HEADER_BYTES);
    const row: CellValue[] = new Array<CellValue>(this.schema.length);
    const inputs = new Float64Array(aggIndex.length);
    let matched = 0;
    for (let n = 0; n < rowCount; n++) {
      for (let i = 0; i < this.schema.length; i++) {
        if ((this.schema[i] as ColumnSchema).type === 'number') {
          const b = r.bytes(8);
          row[i] = new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
        } else {
          row[i] = dec.decode(r.bytes(r.varint()));
        }
      }
      if (!preds.every(({ i, p }) => testComparison(compareCells(row[i] as CellValue, p.value), p.op))) continue;
      matched++;
      aggIndex.forEach((i, k) => (inputs[k] = typeof row[i] === 'number' ? (row[i] as number) : 0));
      acc.add(groupIndex < 0 ? null : (row[groupIndex] as CellValue), inputs);
    }
    return { groups: acc.results(), rowsMatched: matched, bytesRead: bytes.length };
  }
}
