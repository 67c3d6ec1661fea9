/**
 * Exercise "merge-runs" (lab sstables-lsm): the k-way merge at the heart of an LSM tree.
 *
 * A sorted run is an SSTable (or a memtable) read in key order: each key appears at most once,
 * keys strictly increase. `runs[0]` is the newest run, `runs[runs.length - 1]` the oldest. A
 * `value` of `null` is a tombstone: the key was deleted in that run.
 *
 * `mergeRuns` yields one entry per distinct key, in increasing key order (JavaScript string
 * order, `<`), with the value from the newest run that has the key. Tombstones are yielded too,
 * unless `dropTombstones` is true (allowed only when the output is the oldest data there is, as
 * in a compaction into the bottom level), in which case deleted keys vanish.
 *
 * The merge must stream: it may hold one pending entry per run, never whole runs, because real
 * runs are files larger than memory. A min-heap keyed on (key, run index) makes each step
 * O(log k); a linear scan over the k heads is fine too.
 *
 * Checked by tests/merge-runs.test.ts:
 *   - "disjoint runs come out in key order"
 *   - "the newest run wins on equal keys"
 *   - "tombstones hide older values and are kept by default"
 *   - "dropTombstones removes deleted keys entirely"
 *   - "empty runs and no runs are fine"
 *   - "fifty random runs agree with a Map model (seed 42)"
 *   - "the merge streams: ten entries pull only a few from each run"
 */

/** One entry of a sorted run; `value: null` is a tombstone. */
export interface Entry {
  readonly key: string;
  readonly value: string | null;
}

export interface MergeOptions {
  /** Leave deleted keys out of the output (only safe when nothing older exists). */
  readonly dropTombstones?: boolean;
}

interface Head {
  entry: Entry;
  run: number;
  it: Iterator<Entry>;
}

/** True when head `a` must come out before head `b`: smaller key, or same key from a newer run. */
function before(a: Head, b: Head): boolean {
  return a.entry.key < b.entry.key || (a.entry.key === b.entry.key && a.run < b.run);
}

/** A binary min-heap of run heads, ordered by `before`. */
class HeadHeap {
  private readonly items: Head[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Head | undefined {
    return this.items[0];
  }

  push(h: Head): void {
    const a = this.items;
    a.push(h);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i] as Head, a[parent] as Head)) break;
      [a[i], a[parent]] = [a[parent] as Head, a[i] as Head];
      i = parent;
    }
  }

  pop(): Head | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l] as Head, a[m] as Head)) m = l;
        if (r < a.length && before(a[r] as Head, a[m] as Head)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as Head, a[i] as Head];
        i = m;
      }
    }
    return top;
  }
}

/** Merges sorted runs, newest first, into one sorted stream where the newest version of each key wins. */
export function* mergeRuns(runs: readonly Iterable<Entry>[], opts: MergeOptions = {}): Generator<Entry> {
  const heap = new HeadHeap();
  const advance = (run: number, it: Iterator<Entry>): void => {
    const r = it.next();
    if (!r.done) heap.push({ entry: r.value, run, it });
  };
  runs.forEach((run, i) => advance(i, run[Symbol.iterator]()));
  while (heap.size > 0) {
    const top = heap.pop() as Head;
    // Older versions of the same key sit right behind it in the heap: skip them.
    while (heap.size > 0 && (heap.peek() as Head).entry.key === top.entry.key) {
      const older = heap.pop() as Head;
      advance(older.run, older.it);
    }
    const keep = top.entry.value !== null || !opts.dropTombstones;
    // Advance after yielding, so the consumer of the first entry has pulled one entry per run only.
    if (keep) yield top.entry;
    advance(top.run, top.it);
  }
}
