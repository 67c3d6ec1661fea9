/**
 * A linearizability checker in the shape of porcupine (Anish Athalye): a pure sequential model
 * and a history of operations with call and return times, checked with the Wing–Gong–Lowe search
 * plus porcupine's memoization of (linearized set, state) pairs. A model may partition a history
 * into independent sub-histories (P-compositionality: per key for a key-value store).
 *
 * Intervals are closed: an operation returning at t and one called at t overlap. On equal times
 * calls sort before returns, as in porcupine's checker.go.
 *
 * Three verdicts, never conflated: 'ok' (a linearization exists), 'illegal' (none exists, with an
 * explanation: the longest linearizable prefix found and the operation that cannot come next) and
 * 'unknown' (the step budget or the deadline ran out first).
 *
 * Partitions are searched round-robin with a doubling step slice, stopping at the first illegal
 * one, so one hard partition (whose search space explodes) cannot hide an easy illegal one. This
 * is porcupine's "check partitions concurrently, stop at the first failure", made deterministic.
 */
export interface Model<S, I, O> {
  init(): S;
  /** Whether applying input with this output is legal in state, and the state after. */
  step(state: S, input: I, output: O): [boolean, S];
  equal(a: S, b: S): boolean;
  /**
   * A 32-bit hash consistent with equal (optional). It joins the linearized set in the cache key,
   * so a lookup compares only states that probably match instead of every state seen with that set.
   */
  hash?(state: S): number;
  /** Split a history into independent parts, each with a key naming it (optional). */
  partition?(history: readonly Operation<I, O>[]): Partition<I, O>[];
  /** A state in words, for explanations (default: JSON). */
  describe?(state: S): string;
  /** An operation in words, e.g. "cas(1→2) ok" (default: JSON of input and output). */
  describeOperation?(input: I, output: O): string;
}

export interface Partition<I, O> {
  key: string;
  operations: Operation<I, O>[];
}

export interface Operation<I, O> {
  process: number;
  input: I;
  call: number;
  output: O;
  /**
   * Infinity for a pending operation (Jepsen's :info): its outcome is unknown, so it may take
   * effect at any time after its call, or never.
   */
  return: number;
}

export type CheckResult = 'ok' | 'illegal' | 'unknown';

/** Why a check is 'illegal': the search's deepest point in the first illegal partition. */
export interface Violation<S, I, O> {
  /** The partition's key ('' when the model does not partition). */
  key: string;
  partition: number;
  /** The longest linearizable prefix the search found, in linearization order. */
  linearized: Operation<I, O>[];
  /**
   * The operation that cannot be placed next: it has returned, so it must be linearized before
   * anything after its return, and no order of the operations still open makes it legal.
   */
  blocked: Operation<I, O>;
  /** The model state after the prefix. */
  state: S;
  stateText: string;
  /** Whether the blocked operation alone is illegal in that state (else it leads to a dead end). */
  blockedIllegalHere: boolean;
}

export interface LinearizabilityResult<S = unknown, I = unknown, O = unknown> {
  result: CheckResult;
  partitions: number;
  /** Search steps taken over all partitions. */
  steps: number;
  /** For 'illegal'. */
  violation?: Violation<S, I, O>;
  /** For 'unknown': what ran out and the keys of the partitions left undecided. */
  gaveUp?: { reason: 'steps' | 'time'; undecided: string[] };
}

export interface CheckOptions {
  /** Give up ('unknown') after this many search steps over all partitions. */
  maxSteps?: number;
  /**
   * Give up ('unknown') once now() ≥ deadline. The clock is injected: checker code never reads
   * the time itself, so a check with the same budget is deterministic.
   */
  deadline?: number;
  now?: () => number;
}

/** Steps each undecided partition gets in the first round; doubled every round. */
const FIRST_SLICE = 4096;
/** Steps between clock reads. */
const CLOCK_EVERY = 4096;

export function checkLinearizable<S, I, O>(
  model: Model<S, I, O>,
  history: readonly Operation<I, O>[],
  options: CheckOptions = {},
): LinearizabilityResult<S, I, O> {
  const parts = model.partition ? model.partition(history) : [{ key: '', operations: history.slice() }];
  const maxSteps = options.maxSteps ?? Infinity;
  const { deadline, now } = options;
  const searches = parts.map((p) => new Search(model, p.operations));
  const done = new Array<boolean>(parts.length).fill(false);
  let steps = 0;
  const unknown = (reason: 'steps' | 'time'): LinearizabilityResult<S, I, O> => ({
    result: 'unknown',
    partitions: parts.length,
    steps,
    gaveUp: { reason, undecided: parts.filter((_, i) => !done[i]).map((p) => p.key) },
  });
  for (let slice = FIRST_SLICE; ; slice *= 2) {
    let open = 0;
    for (let p = 0; p < searches.length; p++) {
      if (done[p]) continue;
      const s = searches[p] as Search<S, I, O>;
      // Run the slice in clock-sized chunks so a deadline is noticed promptly.
      let left = slice;
      let r: 'ok' | 'illegal' | 'paused' = 'paused';
      while (left > 0) {
        const chunk = Math.min(left, CLOCK_EVERY, maxSteps - steps);
        if (chunk <= 0) return unknown('steps');
        const before = s.steps;
        r = s.run(chunk);
        steps += s.steps - before;
        left -= chunk;
        if (r !== 'paused') break;
        if (deadline !== undefined && now !== undefined && now() >= deadline) return unknown('time');
      }
      if (r === 'illegal') {
        const key = (parts[p] as Partition<I, O>).key;
        return { result: 'illegal', partitions: parts.length, steps, violation: s.violation(key, p) };
      }
      if (r === 'ok') done[p] = true;
      else open++;
    }
    if (open === 0) return { result: 'ok', partitions: parts.length, steps };
  }
}

interface Entry {
  id: number;
  /** null for a call entry's value slot; the call has the input, the return the output. */
  value: unknown;
  time: number;
  /** For a call: its return entry; for a return: null. */
  match: Entry | null;
  prev: Entry | null;
  next: Entry | null;
}

function buildList<I, O>(ops: readonly Operation<I, O>[]): Entry {
  const entries: { e: Entry; call: boolean }[] = [];
  ops.forEach((op, id) => {
    const ret: Entry = { id, value: op.output, time: op.return, match: null, prev: null, next: null };
    const call: Entry = { id, value: op.input, time: op.call, match: ret, prev: null, next: null };
    entries.push({ e: call, call: true }, { e: ret, call: false });
  });
  // Stable sort: equal times keep calls before returns, then history order.
  entries.sort((a, b) => a.e.time - b.e.time || (a.call === b.call ? 0 : a.call ? -1 : 1));
  const head: Entry = { id: -1, value: null, time: -Infinity, match: null, prev: null, next: null };
  let last = head;
  for (const { e } of entries) {
    last.next = e;
    e.prev = last;
    last = e;
  }
  return head;
}

function lift(e: Entry): void {
  const m = e.match as Entry;
  (e.prev as Entry).next = e.next;
  if (e.next) e.next.prev = e.prev;
  (m.prev as Entry).next = m.next;
  if (m.next) m.next.prev = m.prev;
}

function unlift(e: Entry): void {
  const m = e.match as Entry;
  (m.prev as Entry).next = m;
  if (m.next) m.next.prev = m;
  (e.prev as Entry).next = e;
  if (e.next) e.next.prev = e;
}

/** splitmix32 from a fixed seed: the same per-operation hash keys on every run. */
function zobristKeys(n: number, seed: number): Int32Array {
  const keys = new Int32Array(n);
  let s = seed | 0;
  for (let i = 0; i < n; i++) {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    keys[i] = z ^ (z >>> 16);
  }
  return keys;
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return h ^ (h >>> 16);
}

/**
 * The memo of (linearized set, state) pairs already explored: open addressing over two 32-bit
 * hashes. The set's hash is a Zobrist hash (XOR of a random key per linearized operation), kept
 * up to date in O(1) per step instead of rehashing the bitset; a hit is confirmed by comparing
 * the bitsets and the states exactly, so hash collisions never change a verdict.
 */
class Memo<S> {
  private slots = new Int32Array(1 << 10);
  private hA = new Int32Array(1 << 9);
  private hB = new Int32Array(1 << 9);
  private pool: Uint32Array;
  private states: S[] = [];
  private size = 0;

  constructor(
    private readonly words: number,
    private readonly equal: (a: S, b: S) => boolean,
  ) {
    this.pool = new Uint32Array((1 << 9) * words);
  }

  /** Adds the pair unless present; true when it was new. */
  add(a: number, b: number, bits: Uint32Array, state: S): boolean {
    const { words, pool, hA, hB } = this;
    const mask = this.slots.length - 1;
    let i = a & mask;
    for (;;) {
      const slot = this.slots[i] as number;
      if (slot === 0) break;
      const e = slot - 1;
      if (hA[e] === a && hB[e] === b) {
        let same = true;
        const base = e * words;
        for (let w = 0; w < words; w++)
          if (pool[base + w] !== bits[w]) {
            same = false;
            break;
          }
        if (same && this.equal(this.states[e] as S, state)) return false;
      }
      i = (i + 1) & mask;
    }
    const e = this.size++;
    if (e >= this.hA.length) this.growEntries();
    this.hA[e] = a;
    this.hB[e] = b;
    this.pool.set(bits, e * words);
    this.states.push(state);
    this.slots[i] = e + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return true;
  }

  private growEntries(): void {
    const n = this.hA.length * 2;
    const hA = new Int32Array(n);
    hA.set(this.hA);
    const hB = new Int32Array(n);
    hB.set(this.hB);
    const pool = new Uint32Array(n * this.words);
    pool.set(this.pool);
    this.hA = hA;
    this.hB = hB;
    this.pool = pool;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < this.size; e++) {
      let i = (this.hA[e] as number) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
  }
}

/** One partition's search, resumable: run(budget) continues where the last call stopped. */
class Search<S, I, O> {
  steps = 0;
  private readonly head: Entry;
  private readonly bits: Uint32Array;
  private readonly memo: Memo<S>;
  private readonly zA: Int32Array;
  private readonly zB: Int32Array;
  // The stack of linearized calls, as parallel arrays (no object per step): the call entry, the
  // state before it and the set hashes before it.
  private readonly callEntries: Entry[] = [];
  private readonly callStates: S[] = [];
  private callA = new Int32Array(64);
  private callB = new Int32Array(64);
  private callH = new Int32Array(64);
  /** The current state's mixed hash (0 when the model has none). */
  private stateHash: number;
  private depth = 0;
  private state: S;
  private entry: Entry | null;
  private a = 0;
  private b = 0;
  /** Completed (finite-return) operations not yet linearized; pending ones may never take effect. */
  private remaining: number;
  private outcome: 'ok' | 'illegal' | 'paused' = 'paused';
  private best: { ids: number[]; blocked: number; state: S } | null = null;

  constructor(
    private readonly model: Model<S, I, O>,
    private readonly ops: readonly Operation<I, O>[],
  ) {
    this.head = buildList(ops);
    const words = Math.ceil(ops.length / 32) || 1;
    this.bits = new Uint32Array(words);
    this.memo = new Memo<S>(words, (x, y) => model.equal(x, y));
    this.zA = zobristKeys(ops.length, 0x2545f491);
    this.zB = zobristKeys(ops.length, 0x6a09e667);
    this.state = model.init();
    this.stateHash = model.hash ? mix(model.hash(this.state)) : 0;
    this.entry = this.head.next;
    this.remaining = ops.filter((o) => o.return !== Infinity).length;
  }

  run(budget: number): 'ok' | 'illegal' | 'paused' {
    if (this.outcome !== 'paused') return this.outcome;
    const { model, bits, memo, zA, zB, callEntries, callStates, head } = this;
    const hashed = model.hash !== undefined;
    let { state, entry, a, b, remaining, depth, callA, callB, callH, stateHash } = this;
    let n = 0;
    let outcome: 'ok' | 'illegal' | 'paused' = 'paused';
    for (;;) {
      if (remaining === 0) {
        outcome = 'ok';
        break;
      }
      if (n >= budget) break;
      n++;
      if (entry === null) {
        outcome = 'illegal';
        break;
      }
      const ret = entry.match;
      if (ret !== null) {
        const [ok, next] = model.step(state, entry.value as I, ret.value as O);
        if (ok) {
          const id = entry.id;
          const na = a ^ (zA[id] as number);
          const nb = b ^ (zB[id] as number);
          // A read leaves the state as it was: its hash is known, no need to rehash a long value.
          const sh = !hashed || next === state ? stateHash : mix((model.hash as (s: S) => number)(next));
          const w = id >> 5;
          const before = bits[w] as number;
          bits[w] = before | (1 << (id & 31));
          if (memo.add(na ^ sh, nb ^ sh, bits, next)) {
            if (depth === callA.length) {
              const grownA = new Int32Array(depth * 2);
              grownA.set(callA);
              const grownB = new Int32Array(depth * 2);
              grownB.set(callB);
              const grownH = new Int32Array(depth * 2);
              grownH.set(callH);
              callA = this.callA = grownA;
              callB = this.callB = grownB;
              callH = this.callH = grownH;
            }
            callEntries[depth] = entry;
            callStates[depth] = state;
            callA[depth] = a;
            callB[depth] = b;
            callH[depth] = stateHash;
            depth++;
            state = next;
            stateHash = sh;
            a = na;
            b = nb;
            if (ret.time !== Infinity) remaining--;
            lift(entry);
            entry = head.next;
            continue;
          }
          bits[w] = before;
        }
        entry = entry.next;
      } else {
        // A return: its operation had to be linearized by now and could not be. Backtrack.
        if (this.best === null || depth > this.best.ids.length)
          this.best = { ids: callEntries.slice(0, depth).map((c) => c.id), blocked: entry.id, state };
        if (depth === 0) {
          outcome = 'illegal';
          break;
        }
        depth--;
        entry = callEntries[depth] as Entry;
        state = callStates[depth] as S;
        a = callA[depth] as number;
        b = callB[depth] as number;
        stateHash = callH[depth] as number;
        bits[entry.id >> 5] = (bits[entry.id >> 5] as number) & ~(1 << (entry.id & 31));
        if ((entry.match as Entry).time !== Infinity) remaining++;
        unlift(entry);
        entry = entry.next;
      }
    }
    this.steps += n;
    Object.assign(this, { state, entry, a, b, remaining, depth, stateHash });
    this.outcome = outcome;
    return outcome;
  }

  violation(key: string, partition: number): Violation<S, I, O> {
    const best = this.best;
    const ops = this.ops;
    // An empty partition cannot be illegal; a best point always exists once a return was reached.
    if (best === null) throw new Error('linearizability: illegal without a dead end (internal error)');
    const blocked = ops[best.blocked] as Operation<I, O>;
    const [legal] = this.model.step(best.state, blocked.input, blocked.output);
    return {
      key,
      partition,
      linearized: best.ids.map((id) => ops[id] as Operation<I, O>),
      blocked,
      state: best.state,
      stateText: this.model.describe ? this.model.describe(best.state) : (JSON.stringify(best.state) ?? 'undefined'),
      blockedIllegalHere: !legal,
    };
  }
}

/** An operation in words with the model's describer, or JSON. */
export function describeOperation<S, I, O>(model: Model<S, I, O>, op: Operation<I, O>): string {
  return model.describeOperation
    ? model.describeOperation(op.input, op.output)
    : `${JSON.stringify(op.input)} → ${JSON.stringify(op.output)}`;
}

/** Turn a call/return event sequence into operations, using event positions as times. */
export function operationsFromEvents<I, O>(
  events: readonly ({ process: number; kind: 'call'; id: number; input: I } | { process: number; kind: 'return'; id: number; output: O })[],
): Operation<I, O>[] {
  const open = new Map<number, { process: number; input: I; call: number }>();
  const out: Operation<I, O>[] = [];
  events.forEach((e, t) => {
    if (e.kind === 'call') open.set(e.id, { process: e.process, input: e.input, call: t });
    else {
      const c = open.get(e.id);
      if (c === undefined) throw new Error(`return for ${e.id} without a call`);
      open.delete(e.id);
      out.push({ ...c, output: e.output, return: t });
    }
  });
  if (open.size > 0) throw new Error(`${open.size} calls without a return`);
  return out;
}
