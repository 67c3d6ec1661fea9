/**
 * Sequential models for the linearizability checker: an integer register, an etcd-style register
 * with compare-and-set (the model of porcupine's Jepsen etcd tests), and a string key-value store
 * with get/put/append (porcupine's kv tests), partitioned per key or checked as one map.
 */
import { type Model, type Operation, type Partition } from './linearizability';

const FNV_BASIS = 0x811c9dc5;

/** FNV-1a over UTF-16 code units: a state hash for string states (consistent with ===). */
export function hashString(s: string): number {
  return hashMore(FNV_BASIS, s);
}

/** FNV-1a continued: hashMore(hashString(a), b) === hashString(a + b), so an append hashes only what it adds. */
function hashMore(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * A string value that carries its hash. Values grow with every append (hundreds of characters in
 * porcupine's 50-client history), and rehashing the whole value at each search step was half the
 * checker's time; extending the hash by the appended part keeps a step O(appended length).
 */
export interface HashedString {
  readonly value: string;
  readonly hash: number;
}

export const EMPTY_HASHED: HashedString = { value: '', hash: FNV_BASIS };

export function hashedString(value: string): HashedString {
  return { value, hash: hashString(value) };
}

export function appendHashed(s: HashedString, more: string): HashedString {
  return { value: s.value + more, hash: hashMore(s.hash, more) };
}

/** A number or null as a 32-bit hash, consistent with ===. */
export function hashNumber(n: number | null): number {
  if (n === null) return 0x7fffffff;
  return Number.isInteger(n) && Math.abs(n) < 2 ** 31 ? n | 0 : hashString(String(n));
}

export type RegisterInput = { op: 'put'; value: number } | { op: 'get' };
export const registerModel: Model<number, RegisterInput, number | undefined> = {
  init: () => 0,
  step: (s, i, o) => (i.op === 'put' ? [true, i.value] : [o === s, s]),
  equal: (a, b) => a === b,
  hash: hashNumber,
  describe: String,
  describeOperation: (i, o) => (i.op === 'put' ? `put(${i.value})` : `get() → ${String(o)}`),
};

export type EtcdInput = { f: 'read' } | { f: 'write'; value: number } | { f: 'cas'; from: number; to: number };
export type EtcdOutput = { exists?: boolean; value?: number | null; ok?: boolean; unknown?: boolean };
/** State null is etcd's "key not found". An unknown output (timed out) is always legal. */
export const etcdModel: Model<number | null, EtcdInput, EtcdOutput> = {
  init: () => null,
  step: (s, i, o) => {
    const unknown = o.unknown === true;
    switch (i.f) {
      case 'read':
        return [unknown || (o.exists === false && s === null) || (o.exists === true && o.value === s), s];
      case 'write':
        return [true, i.value];
      case 'cas': {
        const matches = i.from === s;
        return [unknown || (matches && o.ok === true) || (!matches && o.ok !== true), matches ? i.to : s];
      }
    }
  },
  equal: (a, b) => a === b,
  hash: hashNumber,
  describe: (s) => (s === null ? 'nil (no value)' : String(s)),
  describeOperation: (i, o) => {
    const out = o.unknown === true ? ' (outcome unknown)' : '';
    if (i.f === 'write') return `write(${i.value})${out}`;
    if (i.f === 'cas') return `cas(${i.from}→${i.to}) ${o.unknown === true ? '' : o.ok === true ? 'ok' : 'failed'}${out}`.trimEnd();
    return o.unknown === true ? `read()${out}` : `read() → ${o.exists === true ? String(o.value) : 'nil'}`;
  },
};

export type KvInput = { op: 'get' | 'put' | 'append'; key: string; value: string };
export type KvOutput = { value: string; unknown?: boolean };

function kvStep(s: string, i: KvInput, o: KvOutput): [boolean, string] {
  if (i.op === 'get') return [o.unknown === true || o.value === s, s];
  if (i.op === 'put') return [true, i.value];
  return [true, s + i.value];
}

/** One partition per key, in key order (each keeps the history's order). */
export function partitionByKey<I extends { key: string }, O>(history: readonly Operation<I, O>[]): Partition<I, O>[] {
  const byKey = new Map<string, Operation<I, O>[]>();
  for (const op of history) {
    const list = byKey.get(op.input.key);
    if (list === undefined) byKey.set(op.input.key, [op]);
    else list.push(op);
  }
  return [...byKey.keys()].sort().map((key) => ({ key, operations: byKey.get(key) ?? [] }));
}

function describeKvOperation(i: KvInput, o: KvOutput): string {
  if (i.op === 'get')
    return o.unknown === true
      ? `get(${JSON.stringify(i.key)}) (outcome unknown)`
      : `get(${JSON.stringify(i.key)}) → ${JSON.stringify(o.value)}`;
  return `${i.op}(${JSON.stringify(i.key)}, ${JSON.stringify(i.value)})`;
}

/** One string per key, checked key by key (P-compositional). A missing key reads as "". */
export const kvModel: Model<HashedString, KvInput, KvOutput> = {
  init: () => EMPTY_HASHED,
  step: (s, i, o) => {
    if (i.op === 'get') return [o.unknown === true || o.value === s.value, s];
    if (i.op === 'put') return [true, hashedString(i.value)];
    return [true, appendHashed(s, i.value)];
  },
  equal: (a, b) => a === b || (a.hash === b.hash && a.value === b.value),
  hash: (s) => s.hash,
  partition: partitionByKey,
  describe: (s) => JSON.stringify(s.value),
  describeOperation: describeKvOperation,
};

/** The same store checked as one map, without partitioning (slower; a cross-check of partitioning). */
export const kvMapModel: Model<Readonly<Record<string, string>>, KvInput, KvOutput> = {
  init: () => ({}),
  step: (s, i, o) => {
    const [ok, v] = kvStep(s[i.key] ?? '', i, o);
    return [ok, i.op === 'get' ? s : { ...s, [i.key]: v }];
  },
  equal: (a, b) => {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
  },
  // Order-independent: the XOR of each (key, value) pair's hash.
  hash: (s) => {
    let h = 0;
    for (const k in s) h ^= hashString(`${k}\u0000${s[k] ?? ''}`);
    return h;
  },
  describe: (s) => JSON.stringify(s),
  describeOperation: describeKvOperation,
};
