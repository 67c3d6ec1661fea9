/**
 * Shared types of the column store and its row-store baseline: a table schema, rows, an
 * analytic query (filters, a group-by on a low-cardinality column, aggregates) and its result.
 * Both stores answer the same `AnalyticQuery` so a lab can compare bytes read and time.
 */
export type ColumnType = 'number' | 'string';
export type CellValue = number | string;

export interface ColumnSchema {
  name: string;
  type: ColumnType;
}

export type Row = CellValue[];

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface Predicate {
  column: string;
  op: Comparison;
  value: CellValue;
}

export type AggregateFn = 'sum' | 'count' | 'min' | 'max' | 'avg';

export interface Aggregate {
  fn: AggregateFn;
  column: string;
}

export interface AnalyticQuery {
  /** All must hold (AND). */
  where?: Predicate[];
  groupBy?: string;
  aggregates: Aggregate[];
}

export interface GroupResult {
  /** The group-by value, or null without a group-by. */
  group: CellValue | null;
  /** One value per aggregate, in query order. */
  values: number[];
}

export interface QueryResult {
  /** Groups with at least one matching row, sorted by group value. */
  groups: GroupResult[];
  rowsMatched: number;
  /** Bytes read from files to answer the query (the point of columnar storage). */
  bytesRead: number;
}

export function compareCells(a: CellValue, b: CellValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function testComparison(c: number, op: Comparison): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}
