/**
 * Vectorized operators: each works on a whole column at a time in a tight loop over typed
 * arrays, instead of interpreting one row at a time. A predicate on a dictionary-coded string
 * column is evaluated once per distinct value, then applied by code lookup.
 */
import { type ColumnVector } from './columnEncoding';
import { type AggregateFn, type CellValue, compareCells, type GroupResult, type Predicate, testComparison } from './columnTypes';
import { forEachSetRange, orBitmaps, type RleBitmap } from './rleBitmap';

/**
 * The rows of a bitmap-encoded column that pass `p`, as a run-length encoded bitmap: the OR of
 * the bitmaps of the distinct values that pass (one for '=', all but one for '!='), computed on
 * the runs. Null for a column without bitmaps.
 */
export function predicateBitmap(v: ColumnVector, p: Predicate): RleBitmap | null {
  const index = v.bitmapIndex;
  if (!index) return null;
  if (v.type === 'number' && typeof p.value !== 'number') throw new RangeError(`column ${p.column} holds numbers`);
  const rowCount = v.type === 'number' ? v.values.length : v.codes.length;
  let rows: RleBitmap = { rowCount, runs: new Uint32Array(0) };
  index.dictionary.forEach((d, c) => {
    if (testComparison(compareCells(d, p.value), p.op)) rows = orBitmaps(rows, index.bitmaps[c] as RleBitmap);
  });
  return rows;
}

/** Clears `selection[r]` for every row not set in `rows`: one fill per gap between runs. */
export function applyBitmap(rows: RleBitmap, selection: Uint8Array): void {
  let at = 0;
  forEachSetRange(rows, (start, end) => {
    selection.fill(0, at, start);
    at = end;
  });
  selection.fill(0, at);
}

/** Clears `selection[r]` for rows that fail `p`. */
export function filterColumn(v: ColumnVector, p: Predicate, selection: Uint8Array): void {
  if (v.type === 'number') {
    if (typeof p.value !== 'number') throw new RangeError(`column ${p.column} holds numbers`);
    const x = p.value;
    const vals = v.values;
    for (let r = 0; r < vals.length; r++) if (!testComparison((vals[r] as number) - x, p.op)) selection[r] = 0;
    return;
  }
  const pass = new Uint8Array(v.dictionary.map((d) => (testComparison(compareCells(d, p.value), p.op) ? 1 : 0)));
  const codes = v.codes;
  for (let r = 0; r < codes.length; r++) if (pass[codes[r] as number] === 0) selection[r] = 0;
}

export interface AggregateInput {
  fn: AggregateFn;
  vector: ColumnVector;
}

/** Group codes and their values for a group-by column (numbers get a dictionary built here). */
function groupCodes(v: ColumnVector): { codes: Uint32Array; keys: CellValue[] } {
  if (v.type === 'string') return { codes: v.codes, keys: v.dictionary };
  const keys: number[] = [];
  const index = new Map<number, number>();
  const codes = new Uint32Array(v.values.length);
  for (let r = 0; r < v.values.length; r++) {
    const x = v.values[r] as number;
    let c = index.get(x);
    if (c === undefined) {
      c = keys.length;
      keys.push(x);
      index.set(x, c);
    }
    codes[r] = c;
  }
  return { codes, keys };
}

export function aggregateSelection(
  selection: Uint8Array,
  groupBy: ColumnVector | null,
  aggregates: readonly AggregateInput[],
): { groups: GroupResult[]; rowsMatched: number } {
  const n = selection.length;
  const g = groupBy === null ? { codes: new Uint32Array(n), keys: [null] as (CellValue | null)[] } : groupCodes(groupBy);
  const groupCount = g.keys.length;
  const a = aggregates.length;
  const counts = new Float64Array(groupCount);
  const sums = new Float64Array(groupCount * a);
  const mins = new Float64Array(groupCount * a).fill(Infinity);
  const maxs = new Float64Array(groupCount * a).fill(-Infinity);
  const inputs = aggregates.map((x) => {
    if (x.vector.type === 'number') return x.vector.values;
    if (x.fn !== 'count') throw new RangeError(`${x.fn} needs a number column`);
    return new Float64Array(n);
  });
  let matched = 0;
  const codes = g.codes;
  for (let r = 0; r < n; r++) {
    if (selection[r] === 0) continue;
    matched++;
    const c = codes[r] as number;
    counts[c] = (counts[c] as number) + 1;
    for (let i = 0; i < a; i++) {
      const v = (inputs[i] as Float64Array)[r] as number;
      const at = c * a + i;
      sums[at] = (sums[at] as number) + v;
      if (v < (mins[at] as number)) mins[at] = v;
      if (v > (maxs[at] as number)) maxs[at] = v;
    }
  }
  const groups: GroupResult[] = [];
  for (let c = 0; c < groupCount; c++) {
    const count = counts[c] as number;
    if (count === 0) continue;
    const values = aggregates.map((x, i) => {
      const at = c * a + i;
      if (x.fn === 'count') return count;
      if (x.fn === 'sum') return sums[at] as number;
      if (x.fn === 'avg') return (sums[at] as number) / count;
      return x.fn === 'min' ? (mins[at] as number) : (maxs[at] as number);
    });
    groups.push({ group: g.keys[c] ?? null, values });
  }
  return { groups, rowsMatched: matched };
}
