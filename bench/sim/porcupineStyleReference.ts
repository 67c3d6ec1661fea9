/**
 * The checker as it was before issue 17, kept for the benchmark only: a straight port of
 * porcupine's checkSingle (linked list of call/return entries, a cache keyed by the hash of the
 * linearized bitset, each bucket scanned with the model's equal) and nothing more: no state hash,
 * no partition interleaving, no explanation. The issue measured it at about 2.7× porcupine's
 * time on the etcd set on this machine, so timing it in the same run as the new checker gives a
 * load-independent estimate of porcupine's time there (its time ÷ 2.7) when go is not available.
 */
import { type Model, type Operation } from '../../extension/sim/checkers/linearizability';

interface Entry {
  id: number;
  call: boolean;
  value: unknown;
  time: number;
  match: Entry | null;
  prev: Entry | null;
  next: Entry | null;
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

/** Whether the history is linearizable under the model: its partitions one after another, in key order, as before. */
export function referenceLinearizable<S, I, O>(model: Model<S, I, O>, ops: readonly Operation<I, O>[]): boolean {
  const parts = model.partition ? model.partition(ops).map((p) => p.operations) : [ops];
  return parts.every((p) => checkSingle(model, p));
}

/** porcupine's checkSingle. */
function checkSingle<S, I, O>(model: Model<S, I, O>, ops: readonly Operation<I, O>[]): boolean {
  const head = buildList(ops);
  const bits = new Uint32Array(Math.ceil(ops.length / 32) || 1);
  const cache = new Map<number, { bits: Uint32Array; state: S }[]>();
  const calls: { entry: Entry; state: S }[] = [];
  let state = model.init();
  let entry = head.next;
  while (head.next !== null) {
    if (entry === null) return false;
    if (entry.match !== null) {
      const [ok, next] = model.step(state, entry.value as I, entry.match.value as O);
      if (ok) {
        const w = entry.id >> 5;
        const before = bits[w] as number;
        bits[w] = before | (1 << (entry.id & 31));
        const h = hashBits(bits);
        const bucket = cache.get(h);
        if (bucket === undefined || !bucket.some((c) => sameBits(c.bits, bits) && model.equal(c.state, next))) {
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
      if (top === undefined) return false;
      entry = top.entry;
      state = top.state;
      bits[entry.id >> 5] = (bits[entry.id >> 5] as number) & ~(1 << (entry.id & 31));
      unlift(entry);
      entry = entry.next;
    }
  }
  return true;
}
