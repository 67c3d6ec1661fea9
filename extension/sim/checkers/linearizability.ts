/**
 * A linearizability checker in the shape of porcupine (Anish Athalye): a pure sequential model
 * and a history of operations with call and return times, checked with the Wing–Gong–Lowe search
 * plus porcupine's memoization of (linearized set, state) pairs. A model may partition a history
 * into independent sub-histories (P-compositionality: per key for a key-value store), each
 * checked alone, which is what makes large histories tractable.
 *
 * Intervals are closed: an operation returning at t and one called at t overlap. On equal times
 * calls sort before returns, as in porcupine's checker.go.
 */
export interface Model<S, I, O> {
  init(): S;
  /** Whether applying input with this output is legal in state, and the state after. */
  step(state: S, input: I, output: O): [boolean, S];
  equal(a: S, b: S): boolean;
  /** Split a history into independent parts (optional). */
  partition?(history: readonly Operation<I, O>[]): Operation<I, O>[][];
}

export interface Operation<I, O> {
  process: number;
  input: I;
  call: number;
  output: O;
  /** Infinity for an operation whose outcome is unknown (it may take effect any time after call). */
  return: number;
}

export type CheckResult = 'ok' | 'illegal' | 'unknown';

export interface LinearizabilityResult {
  result: CheckResult;
  /** For 'illegal': the index (in the partition list) of the first failing partition. */
  failedPartition?: number;
  partitions: number;
}

export interface CheckOptions {
  /** Give up ('unknown') after this many search steps per partition. */
  maxSteps?: number;
}

interface Entry {
  id: number;
  call: boolean;
  value: unknown;
  time: number;
  match: Entry | null;
  prev: Entry | null;
  next: Entry | null;
}

export function checkLinearizable<S, I, O>(
  model: Model<S, I, O>,
  history: readonly Operation<I, O>[],
  options: CheckOptions = {},
): LinearizabilityResult {
  const parts = model.partition ? model.partition(history) : [history.slice()];
  for (let p = 0; p < parts.length; p++) {
    const r = checkSingle(model, parts[p] ?? [], options.maxSteps ?? Infinity);
    if (r !== 'ok') return { result: r, failedPartition: p, partitions: parts.length };
  }
  return { result: 'ok', partitions: parts.length };
}

function buildList<I, O>(ops: readonly Operation<I, O>[]): Entry {
  const entries: Entry[] = [];
  ops.forEach((op, id) => {
    const call: Entry = { id, call: true, value: op.input, time: op.call, match: null, prev: null, next: null };
    const ret: Entry = { id, call: false, value: op.output, time: op.return, match: null, prev: null, next: null };
    call.match = ret;
    entries.push(call, ret);
  });
  entries.sort((a, b) => a.time - b.time || (a.call === b.call ? 0 : a.call ? -1 : 1));
  const head: Entry = { id: -1, call: false, value: null, time: -Infinity, match: null, prev: null, next: null };
  let last = head;
  for (const e of entries) {
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

/** Word-wise murmur3-style mixing, so sets differing in any bit land in different buckets. */
function hashBits(bits: Uint32Array): number {
  let h = 0x9747b28c;
  for (let i = 0; i < bits.length; i++) {
    let k = Math.imul(bits[i] as number, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function sameBits(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function inBucket<S>(
  model: { equal(a: S, b: S): boolean },
  bucket: readonly { bits: Uint32Array; state: S }[],
  bits: Uint32Array,
  state: S,
): boolean {
  for (const c of bucket) if (sameBits(c.bits, bits) && model.equal(c.state, state)) return true;
  return false;
}

function checkSingle<S, I, O>(model: Model<S, I, O>, ops: readonly Operation<I, O>[], maxSteps: number): CheckResult {
  const head = buildList(ops);
  const bits = new Uint32Array(Math.ceil(ops.length / 32) || 1);
  const cache = new Map<number, { bits: Uint32Array; state: S }[]>();
  const calls: { entry: Entry; state: S }[] = [];
  let state = model.init();
  let entry = head.next;
  let steps = 0;
  while (head.next !== null) {
    if (++steps > maxSteps) return 'unknown';
    if (entry === null) return 'illegal';
    if (entry.match !== null) {
      const [ok, next] = model.step(state, entry.value as I, entry.match.value as O);
      if (ok) {
        // Try the bit in place; copy the set only when the (set, state) pair is new.
        const w = entry.id >> 5;
        const before = bits[w] as number;
        bits[w] = before | (1 << (entry.id & 31));
        const h = hashBits(bits);
        const bucket = cache.get(h);
        if (bucket === undefined || !inBucket(model, bucket, bits, next)) {
          const saved = { bits: bits.slice(), state: next };
          if (bucket === undefined) cache.set(h, [saved]);
          else bucket.push(saved);
          calls.push({ entry, state });
          state = next;
          lift(entry);
          entry = head.next;
          continue;
        }
        bits[w] = before;
      }
      entry = entry.next;
    } else {
      const top = calls.pop();
      if (top === undefined) return 'illegal';
      entry = top.entry;
      state = top.state;
      bits[entry.id >> 5] = (bits[entry.id >> 5] as number) & ~(1 << (entry.id & 31));
      unlift(entry);
      entry = entry.next;
    }
  }
  return 'ok';
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
