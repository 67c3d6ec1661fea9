/**
 * Exercise "rle-scan" (lab column-storage): run-length encoding, and a filtered sum that works
 * on the runs directly.
 *
 * A column sorted (or clustered) by its value holds long stretches of the same value. Run-length
 * encoding stores each stretch once, as { value, length } (DDIA ch. 3, "Column Compression";
 * the C-Store paper, Stonebraker et al. 2005, and Vertica after it, made this the norm).
 *
 * - `rleEncode` turns values into runs: consecutive equal values (===) make one run; equal
 *   values that are not adjacent are separate runs. Every run has length ≥ 1.
 * - `rleDecode` is its inverse.
 * - `sumWhereEquals(filter, equals, amounts)` is the query "SELECT SUM(amount) WHERE filter =
 *   equals" on two columns of the same table: `filter` run-length encoded, `amounts` plain.
 *   Row i of the table is row i of both. Work run by run: a run that does not match skips its
 *   whole stretch of rows at once, without decoding the filter column. If the runs do not
 *   cover exactly `amounts.length` rows, throw a RangeError (the columns do not belong together).
 *
 * Checked by tests/rle-scan.test.ts:
 *   - "rleEncode: consecutive equal values become one run"
 *   - "rleEncode: equal values that are not adjacent stay separate runs"
 *   - "rleDecode inverts rleEncode (seed 8)"
 *   - "an empty column has no runs"
 *   - "sumWhereEquals adds exactly the rows whose filter value matches"
 *   - "sumWhereEquals rejects columns of different lengths"
 */

export type Cell = string | number;

export interface Run<T extends Cell = Cell> {
  readonly value: T;
  readonly length: number;
}

export function rleEncode<T extends Cell>(values: readonly T[]): Run<T>[] {
  void values;
  throw new Error('TODO: consecutive equal values (===) make one run.');
}

export function rleDecode<T extends Cell>(runs: readonly Run<T>[]): T[] {
  void runs;
  throw new Error('TODO: expand each run back into its values.');
}

export function sumWhereEquals<T extends Cell>(filter: readonly Run<T>[], equals: T, amounts: Float64Array): number {
  void filter;
  void equals;
  void amounts;
  throw new Error('TODO: keep a row offset; for each run, add amounts[offset .. offset + length) if it matches.');
}
