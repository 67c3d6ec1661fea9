/**
 * Runs a compaction policy without any I/O: tables are in-memory maps, the merge is done here,
 * and sizes are entry counts times a nominal entry size. A lab can feed it thousands of flushes
 * in milliseconds, chart write amplification, and animate the recorded steps; tests use it to
 * check that a policy never loses a key and keeps its invariants.
 */
import { compareBytes } from './bytes';
import { type CompactionPolicy, type CompactionTask, type LsmShape } from './compactionPolicy';
import { type TableMeta } from './tableMeta';

const enc = new TextEncoder();

export interface SimulatorOptions {
  /** Entries per output table of a compaction. */
  tableEntries: number;
  /** Nominal bytes per entry, for the policies' size triggers. */
  entryBytes: number;
}

export interface SimulatorStep {
  task: CompactionTask;
  inputIds: number[];
  outputIds: number[];
  shapeAfter: LsmShape;
}

export class CompactionSimulator {
  private shape: LsmShape = { levels: [] };
  private readonly tables = new Map<number, Map<string, string | null>>();
  private nextId = 1;
  readonly steps: SimulatorStep[] = [];
  /** Entries written by flushes and by compactions (write amplification = written / flushed). */
  flushedEntries = 0;
  writtenEntries = 0;

  constructor(
    readonly policy: CompactionPolicy,
    private readonly opts: SimulatorOptions,
  ) {}

  get state(): LsmShape {
    return this.shape;
  }

  private makeTable(entries: [string, string | null][]): TableMeta {
    const id = this.nextId++;
    this.tables.set(id, new Map(entries));
    const first = entries[0] as [string, string | null];
    const last = entries[entries.length - 1] as [string, string | null];
    this.writtenEntries += entries.length;
    return {
      id,
      smallest: enc.encode(first[0]),
      largest: enc.encode(last[0]),
      sizeBytes: entries.length * this.opts.entryBytes,
      entryCount: entries.length,
      tombstoneCount: entries.filter(([, v]) => v === null).length,
    };
  }

  /** Flushes a memtable's worth of writes (null = delete), then runs compactions until none is picked. */
  flush(writes: ReadonlyMap<string, string | null>, maxCompactions = 1000): void {
    if (writes.size === 0) return;
    const sorted = sortEntries([...writes.entries()]);
    this.flushedEntries += sorted.length;
    this.shape = this.policy.addFlushed(this.shape, this.makeTable(sorted));
    for (let n = 0; n < maxCompactions; n++) {
      const task = this.policy.pickCompaction(this.shape);
      if (task === null) return;
      this.run(task);
    }
    throw new Error(`policy ${this.policy.style} did not settle after ${maxCompactions} compactions`);
  }

  run(task: CompactionTask): void {
    const inputIds = task.inputs.flatMap((i) => i.tableIds);
    let outputs: TableMeta[];
    if (task.trivialMove) {
      outputs = this.shape.levels.flat().filter((t) => inputIds.includes(t.id));
    } else {
      // Newest input first: the first table to supply a key wins.
      const merged = new Map<string, string | null>();
      for (const id of inputIds) for (const [k, v] of this.tables.get(id) ?? []) if (!merged.has(k)) merged.set(k, v);
      const entries = sortEntries([...merged.entries()].filter(([, v]) => !(task.bottom && v === null)));
      outputs = [];
      for (let i = 0; i < entries.length; i += this.opts.tableEntries)
        outputs.push(this.makeTable(entries.slice(i, i + this.opts.tableEntries)));
      for (const id of inputIds) this.tables.delete(id);
    }
    this.shape = this.policy.applyCompaction(this.shape, task, outputs);
    this.steps.push({ task, inputIds, outputIds: outputs.map((t) => t.id), shapeAfter: this.shape });
  }

  /** The read path over the simulated tables: newest level first, L0-style levels table by table. */
  get(key: string): string | undefined {
    const k = enc.encode(key);
    for (let l = 0; l < this.shape.levels.length; l++) {
      for (const t of this.shape.levels[l] as TableMeta[]) {
        if (compareBytes(t.smallest, k) > 0 || compareBytes(t.largest, k) < 0) continue;
        const table = this.tables.get(t.id);
        if (table?.has(key)) return table.get(key) ?? undefined;
      }
    }
    return undefined;
  }
}

/** Sorts by the keys' UTF-8 bytes (the engine's order), encoding each key once. */
function sortEntries(entries: [string, string | null][]): [string, string | null][] {
  return entries
    .map((e) => ({ e, k: enc.encode(e[0]) }))
    .sort((a, b) => compareBytes(a.k, b.k))
    .map((x) => x.e);
}
