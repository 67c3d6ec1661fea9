/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) for model code,
 * simulations and property tests. Same seed, same sequence, in every process and platform.
 * Model code must take randomness only from an instance of this (or another injected source),
 * never from Math.random.
 */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform integer in [min, max]. */
  intBetween(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A new independent generator derived from this one (for sub-streams). */
  fork(): Random;
  /** The seed this generator was created with. */
  readonly seed: number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number): Random {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) nextU32();
  const rng: Random = {
    seed,
    next: () => nextU32() / 4294967296,
    int: (n) => {
      if (!(n > 0)) throw new RangeError(`int(n) needs n > 0, got ${n}`);
      return Math.floor((nextU32() / 4294967296) * n);
    },
    intBetween: (min, max) => min + rng.int(max - min + 1),
    chance: (p) => nextU32() / 4294967296 < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty array');
      return items[rng.int(items.length)] as (typeof items)[number];
    },
    fork: () => createRandom(nextU32()),
  };
  return rng;
}

/**
 * The same sfc32 generator as createRandom, with its state in four entries of a Uint32Array at
 * `off`, for hot loops that keep many streams (one per network link) without a closure per draw.
 * `seedSfc32(seed, …)` followed by `sfc32Next` yields exactly createRandom(seed).next()'s sequence.
 */
export function seedSfc32(seed: number, state: Uint32Array, off: number): void {
  const init = splitmix32(seed);
  state[off] = init();
  state[off + 1] = init();
  state[off + 2] = init();
  state[off + 3] = init();
  for (let i = 0; i < 12; i++) sfc32Next(state, off);
}

/** The next uniform float in [0, 1) of the stream at `off`. */
export function sfc32Next(state: Uint32Array, off: number): number {
  const a = state[off] as number;
  const b = state[off + 1] as number;
  const c = state[off + 2] as number;
  const d = state[off + 3] as number;
  const t = (((a + b) >>> 0) + d) >>> 0;
  state[off + 3] = d + 1;
  state[off] = b ^ (b >>> 9);
  state[off + 1] = c + (c << 3);
  state[off + 2] = ((c << 21) | (c >>> 11)) + t;
  return t / 4294967296;
}

/** Fill out[0..count) with the next `count` floats of the stream at `off` (state kept in locals). */
export function sfc32Fill(state: Uint32Array, off: number, out: Float64Array, count: number): void {
  let a = state[off] as number;
  let b = state[off + 1] as number;
  let c = state[off + 2] as number;
  let d = state[off + 3] as number;
  for (let i = 0; i < count; i++) {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = (b ^ (b >>> 9)) >>> 0;
    b = (c + (c << 3)) >>> 0;
    c = (((c << 21) | (c >>> 11)) + t) >>> 0;
    out[i] = t / 4294967296;
  }
  state[off] = a;
  state[off + 1] = b;
  state[off + 2] = c;
  state[off + 3] = d;
}
