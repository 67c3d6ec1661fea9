/**
 * Sequential models for the linearizability checker: an integer register, an etcd-style register
 * with compare-and-set (the model of porcupine's Jepsen etcd tests), and a string key-value store
 * with get/put/append (porcupine's kv tests), partitioned per key or checked as one map.
 */
import { type Model, type Operation } from './linearizability';

export type RegisterInput = { op: 'put'; value: number } | { op: 'get' };
export const registerModel: Model<number, RegisterInput, number | undefined> = {
  init: () => 0,
  step: (s, i, o) => (i.op === 'put' ? [true, i.value] : [o === s, s]),
  equal: (a, b) => a === b,
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
};

export type KvInput = { op: 'get' | 'put' | 'append'; key: string; value: string };
export type KvOutput = { value: string; unknown?: boolean };

function kvStep(s: string, i: KvInput, o: KvOutput): [boolean, string] {
  if (i.op === 'get') return [o.unknown === true || o.value === s, s];
  if (i.op === 'put') return [true, i.value];
  return [true, s + i.value];
}

export function partitionByKey<I extends { key: string }, O>(history: readonly Operation<I, O>[]): Operation<I, O>[][] {
  const byKey = new Map<string, Operation<I, O>[]>();
  for (const op of history) byKey.set(op.input.key, [...(byKey.get(op.input.key) ?? []), op]);
  return [...byKey.keys()].sort().map((k) => byKey.get(k) ?? []);
}

/** One string per key, checked key by key (P-compositional). A missing key reads as "". */
export const kvModel: Model<string, KvInput, KvOutput> = {
  init: () => '',
  step: kvStep,
  equal: (a, b) => a === b,
  partition: partitionByKey,
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
};
