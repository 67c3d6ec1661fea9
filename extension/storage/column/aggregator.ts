/**
 * Per-group accumulators shared by both stores, so they aggregate in the same order and return
 * bit-identical floating-point results (which the tests compare exactly).
 */
import { type Aggregate, type CellValue, compareCells, type GroupResult } from './columnTypes';

export class GroupAccumulator {
  private readonly groups = new Map<CellValue | null, { count: number; sums: number[]; mins: number[]; maxs: number[] }>();

  constructor(private readonly aggregates: readonly Aggregate[]) {}

  /** Adds one matching row; `values[i]` is the input of aggregate i (ignored for count). */
  add(group: CellValue | null, values: ArrayLike<number>): void {
    let g = this.groups.get(group);
    if (g === undefined) {
      const n = this.aggregates.length;
      g = {
        count: 0,
        sums: new Array<number>(n).fill(0),
        mins: new Array<number>(n).fill(Infinity),
        maxs: new Array<number>(n).fill(-Infinity),
      };
      this.groups.set(group, g);
    }
    g.count++;
    for (let i = 0; i < this.aggregates.length; i++) {
      const v = values[i] as number;
      g.sums[i] = (g.sums[i] as number) + v;
      if (v < (g.mins[i] as number)) g.mins[i] = v;
      if (v > (g.maxs[i] as number)) g.maxs[i] = v;
    }
  }

  results(): GroupResult[] {
    const out: GroupResult[] = [];
    for (const [group, g] of this.groups) {
      const values = this.aggregates.map((a, i) => {
        switch (a.fn) {
          case 'count':
            return g.count;
          case 'sum':
            return g.sums[i] as number;
          case 'avg':
            return (g.sums[i] as number) / g.count;
          case 'min':
            return g.mins[i] as number;
          case 'max':
            return g.maxs[i] as number;
        }
      });
      out.push({ group, values });
    }
    return out.sort((a, b) => (a.group === null || b.group === null ? 0 : compareCells(a.group, b.group)));
  }
}
