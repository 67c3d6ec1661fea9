/**
 * Where each message was sent (event index, from, to), looked up by msgId for every delivery,
 * drop and duplicate. The simulator numbers messages 0, 1, 2, …, so ids are kept in typed arrays
 * indexed by msgId (no object per send); ids outside that dense range (hand-made traces) go to a
 * Map, so any integer id works.
 */
const DENSE_LIMIT = 1 << 26;

export class SendIndex {
  private index = new Int32Array(1024).fill(-1);
  private from = new Int32Array(1024);
  private to = new Int32Array(1024);
  private readonly sparse = new Map<number, [number, number, number]>();
  /** Results of the last successful `find`. */
  foundIndex = -1;
  foundFrom = 0;
  foundTo = 0;

  set(msgId: number, index: number, from: number, to: number): void {
    if (msgId >= 0 && msgId < DENSE_LIMIT && Number.isInteger(msgId)) {
      if (msgId >= this.index.length) this.grow(msgId);
      this.index[msgId] = index;
      this.from[msgId] = from;
      this.to[msgId] = to;
    } else {
      this.sparse.set(msgId, [index, from, to]);
    }
  }

  /** Look the send up; false when the trace holds no send of this id. */
  find(msgId: number): boolean {
    if (msgId >= 0 && msgId < this.index.length && Number.isInteger(msgId)) {
      const i = this.index[msgId] as number;
      if (i < 0) return false;
      this.foundIndex = i;
      this.foundFrom = this.from[msgId] as number;
      this.foundTo = this.to[msgId] as number;
      return true;
    }
    const s = this.sparse.get(msgId);
    if (s === undefined) return false;
    [this.foundIndex, this.foundFrom, this.foundTo] = s;
    return true;
  }

  private grow(msgId: number): void {
    let cap = this.index.length * 2;
    while (cap <= msgId) cap *= 2;
    const index = new Int32Array(cap).fill(-1);
    index.set(this.index);
    const from = new Int32Array(cap);
    from.set(this.from);
    const to = new Int32Array(cap);
    to.set(this.to);
    this.index = index;
    this.from = from;
    this.to = to;
  }
}
