/**
 * An open-addressing hash map from a pair of small non-negative integers to an index, used to
 * intern stack nodes (parent, frame). A Map keyed by a packed double was 50× slower: keys
 * beyond 2^31 are heap numbers whose hashes collide badly on million-node profiles.
 */
export class PairTable {
  private a = new Int32Array(1024);
  private b = new Int32Array(1024);
  private v = new Int32Array(1024).fill(-1);
  private count = 0;

  get(x: number, y: number): number {
    const mask = this.v.length - 1;
    for (let i = hash(x, y) & mask; ; i = (i + 1) & mask) {
      const value = this.v[i] as number;
      if (value === -1) return -1;
      if (this.a[i] === x && this.b[i] === y) return value;
    }
  }

  /** Stores a value for a pair that is not in the table yet. */
  add(x: number, y: number, value: number): void {
    if ((this.count + 1) * 2 > this.v.length) this.grow();
    this.place(x, y, value);
    this.count++;
  }

  private place(x: number, y: number, value: number): void {
    const mask = this.v.length - 1;
    let i = hash(x, y) & mask;
    while (this.v[i] !== -1) i = (i + 1) & mask;
    this.a[i] = x;
    this.b[i] = y;
    this.v[i] = value;
  }

  private grow(): void {
    const { a, b, v } = this;
    this.a = new Int32Array(a.length * 2);
    this.b = new Int32Array(a.length * 2);
    this.v = new Int32Array(a.length * 2).fill(-1);
    for (let i = 0; i < v.length; i++) if (v[i] !== -1) this.place(a[i] as number, b[i] as number, v[i] as number);
  }
}

function hash(x: number, y: number): number {
  let h = Math.imul(x ^ 0x27d4eb2d, 0x9e3779b1) ^ Math.imul(y + 0x165667b1, 0x85ebca77);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}
