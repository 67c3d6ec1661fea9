/**
 * Run-length encoded bitmaps (DDIA ch. 3, "Column Compression", figure 3-11): a bitmap with one
 * bit per row, stored as the lengths of its alternating runs — zeros, ones, zeros, ones… —
 * starting with a run of zeros (of length 0 if row 0 is set). Trailing zeros are not stored: the
 * row count says where the bitmap ends. A sorted or clustered column gives few, long runs; a
 * value that is rare gives long runs of zeros; only a dense, scattered value (every eighth row,
 * say) costs more as runs than as plain bits.
 *
 * Stored form: runCount: varint, then runCount varints. Filters work on the runs themselves: an
 * OR or AND of two bitmaps is a merge of their runs, in time proportional to the runs, not the rows.
 */
import { type ByteReader, type ByteWriter } from '../lsm/bytes';

export interface RleBitmap {
  readonly rowCount: number;
  /** Alternating run lengths, zeros first; an even index is a zero run, an odd one a one run. */
  readonly runs: Uint32Array;
}

/** The bitmap of `rowCount` rows whose set rows are `setRows` (ascending, no duplicates). */
export function bitmapOfRows(rowCount: number, setRows: readonly number[] | Uint32Array): RleBitmap {
  const ranges: number[] = [];
  for (let i = 0; i < setRows.length; i++) {
    const r = setRows[i] as number;
    if (!Number.isInteger(r) || r < 0 || r >= rowCount) throw new RangeError(`row ${r} outside 0..${rowCount - 1}`);
    const last = ranges.length - 1;
    if (last >= 0 && r < (ranges[last] as number)) throw new RangeError('set rows must be ascending and distinct');
    if (last >= 0 && ranges[last] === r) ranges[last] = r + 1;
    else ranges.push(r, r + 1);
  }
  return fromRanges(rowCount, ranges);
}

/** Builds the runs from [start, end) ranges of set rows, ascending and not touching. */
function fromRanges(rowCount: number, ranges: readonly number[]): RleBitmap {
  const runs = new Uint32Array(ranges.length);
  let at = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const start = ranges[i] as number;
    const end = ranges[i + 1] as number;
    runs[i] = start - at;
    runs[i + 1] = end - start;
    at = end;
  }
  return { rowCount, runs };
}

/** Calls `fn(start, end)` for each run of set rows, in order. */
export function forEachSetRange(b: RleBitmap, fn: (start: number, end: number) => void): void {
  let at = 0;
  for (let i = 0; i < b.runs.length; i += 2) {
    const start = at + (b.runs[i] as number);
    at = start + (b.runs[i + 1] as number);
    fn(start, at);
  }
}

function ranges(b: RleBitmap): number[] {
  const out: number[] = [];
  forEachSetRange(b, (s, e) => out.push(s, e));
  return out;
}

function sameRows(a: RleBitmap, b: RleBitmap): void {
  if (a.rowCount !== b.rowCount) throw new RangeError(`bitmaps of ${a.rowCount} and ${b.rowCount} rows cannot be combined`);
}

/** Rows set in either bitmap: a merge of the two range lists. */
export function orBitmaps(a: RleBitmap, b: RleBitmap): RleBitmap {
  sameRows(a, b);
  const x = ranges(a);
  const y = ranges(b);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    // Take the range that starts first; extend the last output range if it touches or overlaps.
    const fromX = j >= y.length || (i < x.length && (x[i] as number) <= (y[j] as number));
    const s = fromX ? (x[i] as number) : (y[j] as number);
    const e = fromX ? (x[i + 1] as number) : (y[j + 1] as number);
    if (fromX) i += 2;
    else j += 2;
    const last = out.length - 1;
    if (last >= 0 && s <= (out[last] as number)) out[last] = Math.max(out[last] as number, e);
    else out.push(s, e);
  }
  return fromRanges(a.rowCount, out);
}

/** Rows set in both bitmaps: the overlaps of the two range lists. */
export function andBitmaps(a: RleBitmap, b: RleBitmap): RleBitmap {
  sameRows(a, b);
  const x = ranges(a);
  const y = ranges(b);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const s = Math.max(x[i] as number, y[j] as number);
    const e = Math.min(x[i + 1] as number, y[j + 1] as number);
    if (s < e) {
      const last = out.length - 1;
      if (last >= 0 && out[last] === s) out[last] = e;
      else out.push(s, e);
    }
    // Drop whichever range ends first; the other may still overlap the next one.
    if ((x[i + 1] as number) < (y[j + 1] as number)) i += 2;
    else j += 2;
  }
  return fromRanges(a.rowCount, out);
}

/** Number of set rows. */
export function countSet(b: RleBitmap): number {
  let n = 0;
  for (let i = 1; i < b.runs.length; i += 2) n += b.runs[i] as number;
  return n;
}

/** The bytes the same bitmap takes uncompressed: one bit per row. */
export function uncompressedBitmapBytes(rowCount: number): number {
  return Math.ceil(rowCount / 8);
}

export function writeRleBitmap(w: ByteWriter, b: RleBitmap): void {
  w.varint(b.runs.length);
  for (const n of b.runs) w.varint(n);
}

/**
 * Reads one bitmap of `rowCount` rows; throws RangeError unless the runs are canonical (an even
 * count, no empty run but the first, and no further than the last row), so one bitmap has one
 * stored form and a damaged one is caught.
 */
export function readRleBitmap(r: ByteReader, rowCount: number): RleBitmap {
  const count = r.varint();
  if (count % 2 !== 0) throw new RangeError(`a bitmap has ${count} runs: runs come in pairs (zeros, ones)`);
  if (count > 2 * rowCount) throw new RangeError(`a bitmap has ${count} runs for ${rowCount} rows`);
  const runs = new Uint32Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const n = r.varint();
    if (n === 0 && i > 0) throw new RangeError(`run ${i} of a bitmap is empty`);
    at += n;
    if (at > rowCount) throw new RangeError(`a bitmap's runs cover ${at} rows of ${rowCount}`);
    runs[i] = n;
  }
  return { rowCount, runs };
}
