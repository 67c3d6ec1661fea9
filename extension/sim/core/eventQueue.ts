/**
 * The simulator's pending-event queue: a binary min-heap ordered by (virtual time, sequence
 * number). The sequence number is assigned at insertion, so events at the same instant run in the
 * order they were scheduled; together with a fixed-order main loop this makes every run a pure
 * function of its inputs. The queue is bounded: pushing past `maxSize` throws SimBoundError.
 */
import { SimBoundError } from './bounds';

export interface Queued {
  /** Virtual time (ms) at which the event fires. */
  at: number;
  /** Insertion order; the tie-break for equal times. Assigned by the queue. */
  seq: number;
}

export class EventQueue<T extends Queued> {
  private readonly heap: T[] = [];
  private nextSeq = 0;

  constructor(
    private readonly maxSize: number,
    private readonly progress: () => { atMs: number; events: number },
  ) {}

  get size(): number {
    return this.heap.length;
  }

  push(item: T): void {
    if (this.heap.length >= this.maxSize) {
      const p = this.progress();
      throw new SimBoundError('queue', this.maxSize, p.atMs, p.events);
    }
    item.seq = this.nextSeq++;
    const h = this.heap;
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as T;
      if (!before(item, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = item;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  pop(): T | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    const n = h.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(h[r] as T, h[l] as T)) c = r;
      const child = h[c] as T;
      if (!before(child, last)) break;
      h[i] = child;
      i = c;
    }
    h[i] = last;
    return top;
  }
}

function before(a: Queued, b: Queued): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
