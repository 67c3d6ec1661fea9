/**
 * Column encodings and the rule that picks one per column (DDIA ch. 3, "Column Compression"):
 *
 * - plain:  every value in row order. number: f64 LE; string: keyLength varint + UTF-8 bytes.
 * - rle:    runCount: varint, then runCount x ( value | runLength: varint ); value as in plain.
 *           Wins on sorted or slowly changing columns.
 * - bitmap: dictionaryCount: varint, the distinct values (as in plain), then one bitmap per
 *           distinct value (row r set: row r has that value), each run-length encoded
 *           (rleBitmap.ts). Wins on low-cardinality columns, the more so when the rows are
 *           clustered or a value is rare; a filter works on the runs of the values it selects.
 *
 * `chooseEncoding` sizes all candidates and keeps the smallest (bitmap only up to 64 distinct
 * values). Decoding turns any encoding into a vector: a Float64Array for numbers, or dictionary
 * codes plus the dictionary for strings, which is what the vectorized operators work on; a
 * bitmap column's vector also keeps its bitmaps, for filters.
 */
import { ByteReader, ByteWriter } from '../lsm/bytes';
import { type CellValue, type ColumnType } from './columnTypes';
import { bitmapOfRows, forEachSetRange, readRleBitmap, type RleBitmap, uncompressedBitmapBytes, writeRleBitmap } from './rleBitmap';

export type Encoding = 'plain' | 'rle' | 'bitmap';
export const ENCODING_CODES: Record<Encoding, number> = { plain: 0, rle: 1, bitmap: 2 };
const MAX_BITMAP_CARDINALITY = 64;

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A bitmap column's distinct values and, for each, the rows holding it. */
export interface BitmapIndex {
  readonly dictionary: readonly CellValue[];
  readonly bitmaps: readonly RleBitmap[];
}

export type ColumnVector = ({ type: 'number'; values: Float64Array } | { type: 'string'; codes: Uint32Array; dictionary: string[] }) & {
  bitmapIndex?: BitmapIndex;
};

function writeValue(w: ByteWriter, type: ColumnType, v: CellValue): void {
  if (type === 'number') {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v as number, true);
    w.bytes(b);
  } else {
    const s = enc.encode(v as string);
    w.varint(s.length);
    w.bytes(s);
  }
}

function readValue(r: ByteReader, type: ColumnType): CellValue {
  if (type === 'number') {
    const b = r.bytes(8);
    return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
  }
  return dec.decode(r.bytes(r.varint()));
}

export function encodeColumn(type: ColumnType, values: readonly CellValue[], encoding: Encoding): Uint8Array {
  const w = new ByteWriter(1024);
  if (encoding === 'plain') {
    for (const v of values) writeValue(w, type, v);
  } else if (encoding === 'rle') {
    const runs: [CellValue, number][] = [];
    for (const v of values) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[0] === v) last[1]++;
      else runs.push([v, 1]);
    }
    w.varint(runs.length);
    for (const [v, n] of runs) {
      writeValue(w, type, v);
      w.varint(n);
    }
  } else {
    const dictionary = [...new Set(values)];
    const index = new Map(dictionary.map((v, i) => [v, i]));
    const rowsOf: number[][] = dictionary.map(() => []);
    values.forEach((v, r) => (rowsOf[index.get(v) as number] as number[]).push(r));
    w.varint(dictionary.length);
    for (const v of dictionary) writeValue(w, type, v);
    for (const rows of rowsOf) writeRleBitmap(w, bitmapOfRows(values.length, rows));
  }
  return w.finish().slice();
}

/** What the bitmaps of a column take as plain bits (one bit per row and distinct value) and run-length encoded. */
export function bitmapSizes(
  type: ColumnType,
  values: readonly CellValue[],
): { distinct: number; uncompressedBytes: number; runLengthBytes: number } {
  const distinct = new Set(values).size;
  const dictionaryBytes = new ByteWriter(64);
  dictionaryBytes.varint(distinct);
  for (const v of new Set(values)) writeValue(dictionaryBytes, type, v);
  const header = dictionaryBytes.finish().length;
  return {
    distinct,
    uncompressedBytes: header + distinct * uncompressedBitmapBytes(values.length),
    runLengthBytes: encodeColumn(type, values, 'bitmap').length,
  };
}

/** Sizes every candidate encoding and returns the smallest (ties go to the simpler one). */
export function chooseEncoding(type: ColumnType, values: readonly CellValue[]): Encoding {
  const candidates: Encoding[] = ['plain', 'rle'];
  if (new Set(values).size <= MAX_BITMAP_CARDINALITY) candidates.push('bitmap');
  let best: Encoding = 'plain';
  let bestSize = Infinity;
  for (const e of candidates) {
    const size = encodeColumn(type, values, e).length;
    if (size < bestSize) {
      best = e;
      bestSize = size;
    }
  }
  return best;
}

/** Builds a vector from a payload; throws `OutOfBounds` or RangeError on malformed input (the file decoder turns both into a typed error). */
export function decodeColumn(type: ColumnType, encoding: Encoding, payload: Uint8Array, rowCount: number): ColumnVector {
  const r = new ByteReader(payload);
  const dictionary: CellValue[] = [];
  let codes: Uint32Array;
  if (encoding === 'plain' && type === 'number') {
    if (payload.length !== rowCount * 8) throw new RangeError('plain number column has the wrong size');
    const values = new Float64Array(rowCount);
    const view = new DataView(payload.buffer, payload.byteOffset, payload.length);
    for (let i = 0; i < rowCount; i++) values[i] = view.getFloat64(i * 8, true);
    return { type, values };
  } else if (encoding === 'plain') {
    codes = new Uint32Array(rowCount);
    const index = new Map<CellValue, number>();
    for (let i = 0; i < rowCount; i++) {
      const v = readValue(r, type);
      let c = index.get(v);
      if (c === undefined) {
        c = dictionary.length;
        dictionary.push(v);
        index.set(v, c);
      }
      codes[i] = c;
    }
  } else if (encoding === 'rle') {
    codes = new Uint32Array(rowCount);
    const runs = r.varint();
    let row = 0;
    for (let i = 0; i < runs; i++) {
      const v = readValue(r, type);
      const n = r.varint();
      if (n === 0 || row + n > rowCount) throw new RangeError('run length out of range');
      codes.fill(dictionary.length, row, row + n);
      dictionary.push(v);
      row += n;
    }
    if (row !== rowCount) throw new RangeError('runs do not cover every row');
  } else {
    const count = r.varint();
    if (count > rowCount + 1) throw new RangeError('dictionary larger than the column');
    for (let i = 0; i < count; i++) dictionary.push(readValue(r, type));
    const bitmaps: RleBitmap[] = [];
    codes = new Uint32Array(rowCount).fill(0xffffffff);
    let covered = 0;
    for (let c = 0; c < count; c++) {
      const b = readRleBitmap(r, rowCount);
      bitmaps.push(b);
      // Codes are filled a run at a time; a row claimed twice means a damaged file.
      forEachSetRange(b, (start, end) => {
        for (let row = start; row < end; row++) if (codes[row] !== 0xffffffff) throw new RangeError(`row ${row} is in two bitmaps`);
        codes.fill(c, start, end);
        covered += end - start;
      });
    }
    if (covered !== rowCount) throw new RangeError('a row is in no bitmap');
    if (r.remaining !== 0) throw new RangeError('bytes left after the column');
    const bitmapIndex: BitmapIndex = { dictionary, bitmaps };
    if (type === 'string') return { type, codes, dictionary: dictionary as string[], bitmapIndex };
    return { type, values: valuesOf(codes, dictionary), bitmapIndex };
  }
  if (r.remaining !== 0) throw new RangeError('bytes left after the column');
  if (type === 'string') return { type, codes, dictionary: dictionary as string[] };
  return { type, values: valuesOf(codes, dictionary) };
}

function valuesOf(codes: Uint32Array, dictionary: readonly CellValue[]): Float64Array {
  const values = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) values[i] = dictionary[codes[i] as number] as number;
  return values;
}
