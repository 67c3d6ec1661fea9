/**
 * The simulator's pending-event queue: a binary min-heap ordered by (virtual time, sequence
 * number). The sequence number is assigned at insertion, so events at the same instant run in the
 * order they were scheduled; together with a fixed-order main loop this makes every run a pure
 * function of its inputs. The queue is bounded: pushing past `maxSize` throws SimBoundError.
 *
 * It is the hot path of every run, so it allocates nothing per event: an event's fields live in
 * a slot of parallel typed arrays (a struct of arrays), the heap orders slot numbers by keys kept
 * in typed arrays next to them, and freed slots are reused. `pop` copies the earliest event's
 * fields into the `top*` fields and frees its slot at once, so handlers may push while the caller
 * still reads them. Because (time, seq) is a total order, any correct heap pops events in exactly
 * the same order, whatever its layout.
 */
import { SimBoundError } from './bounds';

export class EventQueue {
  /** Fields of the event `pop` returned last. */
  topAt = 0;
  topKind = 0;
  topTo = 0;
  topFrom = 0;
  topId = 0;
  topAux = 0;
  topCause = -1;
  topPayload: unknown = undefined;

  private cap = 0;
  private n = 0;
  private nextSeq = 0;
  // Heap, by position: key (time, seq) and the slot holding the event's fields.
  private hAt = new Float64Array(0);
  private hSeq = new Float64Array(0);
  private hSlot = new Int32Array(0);
  // Event fields, by slot.
  private sKind = new Int32Array(0);
  private sTo = new Int32Array(0);
  private sFrom = new Int32Array(0);
  private sId = new Float64Array(0);
  private sAux = new Int32Array(0);
  private sCause = new Int32Array(0);
  private sPayload: unknown[] = [];
  // Free slots, as a stack.
  private free = new Int32Array(0);
  private freeTop = 0;

  constructor(
    private readonly maxSize: number,
    private readonly progress: () => { atMs: number; events: number },
    initialCapacity = 256,
  ) {
    this.grow(Math.max(1, Math.min(initialCapacity, maxSize)));
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest pending event, or Infinity when the queue is empty. */
  peekAt(): number {
    return this.n > 0 ? (this.hAt[0] as number) : Infinity;
  }

  push(at: number, kind: number, to: number, from: number, id: number, aux: number, payload: unknown, cause: number): void {
    if (this.n >= this.maxSize) {
      const p = this.progress();
      throw new SimBoundError('queue', this.maxSize, p.atMs, p.events);
    }
    if (this.n >= this.cap) this.grow(Math.min(this.maxSize, this.cap * 2));
    const slot = this.free[--this.freeTop] as number;
    this.sKind[slot] = kind;
    this.sTo[slot] = to;
    this.sFrom[slot] = from;
    this.sId[slot] = id;
    this.sAux[slot] = aux;
    this.sCause[slot] = cause;
    this.sPayload[slot] = payload;
    const seq = this.nextSeq++;
    const hAt = this.hAt;
    const hSeq = this.hSeq;
    const hSlot = this.hSlot;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pAt = hAt[parent] as number;
      if (pAt < at || (pAt === at && (hSeq[parent] as number) < seq)) break;
      hAt[i] = pAt;
      hSeq[i] = hSeq[parent] as number;
      hSlot[i] = hSlot[parent] as number;
      i = parent;
    }
    hAt[i] = at;
    hSeq[i] = seq;
    hSlot[i] = slot;
  }

  /** Remove the earliest event into the `top*` fields; false when the queue is empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const hAt = this.hAt;
    const hSeq = this.hSeq;
    const hSlot = this.hSlot;
    const slot = hSlot[0] as number;
    this.topAt = hAt[0] as number;
    this.topKind = this.sKind[slot] as number;
    this.topTo = this.sTo[slot] as number;
    this.topFrom = this.sFrom[slot] as number;
    this.topId = this.sId[slot] as number;
    this.topAux = this.sAux[slot] as number;
    this.topCause = this.sCause[slot] as number;
    this.topPayload = this.sPayload[slot];
    this.sPayload[slot] = undefined;
    this.free[this.freeTop++] = slot;
    const n = --this.n;
    if (n === 0) return true;
    // Sift the last entry down from the root.
    const at = hAt[n] as number;
    const seq = hSeq[n] as number;
    const s = hSlot[n] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let cAt = hAt[c] as number;
      let cSeq = hSeq[c] as number;
      const r = c + 1;
      if (r < n) {
        const rAt = hAt[r] as number;
        const rSeq = hSeq[r] as number;
        if (rAt < cAt || (rAt === cAt && rSeq < cSeq)) {
          c = r;
          cAt = rAt;
          cSeq = rSeq;
        }
      }
      if (at < cAt || (at === cAt && seq < cSeq)) break;
      hAt[i] = cAt;
      hSeq[i] = cSeq;
      hSlot[i] = hSlot[c] as number;
      i = c;
    }
    hAt[i] = at;
    hSeq[i] = seq;
    hSlot[i] = s;
    return true;
  }

  private grow(cap: number): void {
    const old = this.cap;
    const f64 = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.hAt = f64(this.hAt);
    this.hSeq = f64(this.hSeq);
    this.hSlot = i32(this.hSlot);
    this.sKind = i32(this.sKind);
    this.sTo = i32(this.sTo);
    this.sFrom = i32(this.sFrom);
    this.sId = f64(this.sId);
    this.sAux = i32(this.sAux);
    this.sCause = i32(this.sCause);
    this.sPayload.length = cap;
    // The queue is full when it grows, so the free stack is empty: refill it with the new slots,
    // lowest on top (slot reuse order does not affect pop order, which only depends on keys).
    this.free = new Int32Array(cap);
    this.freeTop = 0;
    for (let s = cap - 1; s >= old; s--) this.free[this.freeTop++] = s;
    this.cap = cap;
  }
}
