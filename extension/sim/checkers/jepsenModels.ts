/**
 * Knossos-style models over one operation shape (what `ddia-labs check` reads from EDN, porcupine
 * logs or JSON): `register`, `cas-register` (Knossos's CASRegister, with an initial value), `kv`
 * (porcupine's get/put/append store), `multi-register` (Knossos's MultiRegister: :txn of
 * [:read k v] / [:write k v] micro-ops) and `mutex` (acquire/release).
 *
 * Values are EDN values compared by their printed form, so 1, "1" and :1 are different values.
 * A read whose value is unknown (a pending read, or a Jepsen read completing with nil, which the
 * EDN reader marks unknown as Knossos does) is legal in any state. A pending write or cas may take effect or not: the checker lets a pending
 * operation stay unlinearized, so the model only says what happens if it does take effect.
 */
import { type Edn, EdnMap, Keyword, printEdn } from './edn';
import { type Model, type Operation, type Partition } from './linearizability';
import { appendHashed, EMPTY_HASHED, hashedString, hashString, type HashedString } from './models';

export interface JepsenInput {
  f: string;
  /** The key of a keyed operation (kv, or a register history per key), printed as EDN; null if none. */
  key: string | null;
  value: Edn;
}

export interface JepsenOutput {
  /** The completion's value (a read's result, a txn with its reads filled in). */
  value: Edn;
  /** The outcome is unknown (pending or timed out): a read of anything is legal. */
  unknown: boolean;
  /** The operation completed saying it did not take effect, e.g. porcupine etcd's CAS that returned false. */
  failed: boolean;
}

export type JepsenOperation = Operation<JepsenInput, JepsenOutput>;
export type ModelName = 'register' | 'cas-register' | 'kv' | 'multi-register' | 'mutex';
export const MODEL_NAMES: readonly ModelName[] = ['register', 'cas-register', 'kv', 'multi-register', 'mutex'];

/** A problem with the history itself (an op the model does not know), reported before checking. */
export class HistoryError extends Error {}

function partitionByOptionalKey(history: readonly JepsenOperation[]): Partition<JepsenInput, JepsenOutput>[] {
  const byKey = new Map<string, JepsenOperation[]>();
  for (const op of history) {
    const k = op.input.key ?? '';
    const list = byKey.get(k);
    if (list === undefined) byKey.set(k, [op]);
    else list.push(op);
  }
  return [...byKey.keys()].sort().map((key) => ({ key, operations: byKey.get(key) ?? [] }));
}

function describeOp(i: JepsenInput, o: JepsenOutput): string {
  const key = i.key === null ? '' : ` ${i.key}`;
  if (i.f === 'read' || i.f === 'get') return `${i.f}${key} ${o.unknown ? '(outcome unknown)' : `→ ${printEdn(o.value)}`}`;
  const outcome = o.unknown ? ' (outcome unknown)' : o.failed ? ' → failed' : '';
  return `${i.f}${key} ${printEdn(i.value)}${outcome}`;
}

function expectFs(ops: readonly JepsenOperation[], model: ModelName, allowed: readonly string[]): void {
  for (const op of ops)
    if (!allowed.includes(op.input.f))
      throw new HistoryError(`the ${model} model knows :${allowed.join(', :')}, not :${op.input.f} (process ${op.process})`);
}

/** A register, or a CAS register: state is the printed value. */
function registerModel(name: 'register' | 'cas-register', init: Edn): Model<string, JepsenInput, JepsenOutput> {
  return {
    init: () => printEdn(init),
    step: (s, i, o) => {
      switch (i.f) {
        case 'read':
          return [o.unknown || printEdn(o.value) === s, s];
        case 'write':
          return [!o.failed, printEdn(i.value)];
        case 'cas': {
          const [from, to] = Array.isArray(i.value) ? i.value : [];
          const matches = printEdn(from ?? null) === s;
          if (o.failed) return [!matches, s];
          return [matches, matches ? printEdn(to ?? null) : s];
        }
        default:
          return [false, s];
      }
    },
    equal: (a, b) => a === b,
    hash: hashString,
    partition: (h) => {
      expectFs(h, name, name === 'register' ? ['read', 'write'] : ['read', 'write', 'cas']);
      for (const op of h)
        if (op.input.f === 'cas' && !(Array.isArray(op.input.value) && op.input.value.length === 2))
          throw new HistoryError(`:cas needs a value [from to], not ${printEdn(op.input.value)} (process ${op.process})`);
      return partitionByOptionalKey(h);
    },
    describe: (s) => s,
    describeOperation: describeOp,
  };
}

/** Porcupine's kv model per key: a string; get of a missing key is "", append concatenates. */
function kvModel(): Model<HashedString, JepsenInput, JepsenOutput> {
  const str = (v: Edn): string => (v === null ? '' : typeof v === 'string' ? v : printEdn(v));
  return {
    init: () => EMPTY_HASHED,
    step: (s, i, o) => {
      if (i.f === 'get') return [o.unknown || str(o.value) === s.value, s];
      if (i.f === 'put') return [true, hashedString(str(i.value))];
      return [true, appendHashed(s, str(i.value))];
    },
    equal: (a, b) => a === b || (a.hash === b.hash && a.value === b.value),
    hash: (s) => s.hash,
    partition: (h) => {
      expectFs(h, 'kv', ['get', 'put', 'append']);
      for (const op of h) if (op.input.key === null) throw new HistoryError(`kv operations need a :key (process ${op.process})`);
      return partitionByOptionalKey(h);
    },
    describe: (s) => JSON.stringify(s.value),
    describeOperation: describeOp,
  };
}

type Registers = ReadonlyMap<string, string>;

function microOps(v: Edn, process: number): [string, Edn, Edn][] {
  if (!Array.isArray(v)) throw new HistoryError(`:txn needs a vector of [f k v] micro-ops, not ${printEdn(v)} (process ${process})`);
  return v.map((m) => {
    const f = Array.isArray(m) ? (m[0] instanceof Keyword ? m[0].name : m[0]) : null;
    if (!Array.isArray(m) || m.length !== 3 || (f !== 'read' && f !== 'write'))
      throw new HistoryError(`a :txn micro-op is [:read k v] or [:write k v], not ${printEdn(m)} (process ${process})`);
    return [f, m[1] as Edn, m[2] as Edn];
  });
}

/** Knossos's multi-register: registers by key, all nil at first (or --init, a map). */
function multiRegisterModel(init: Edn): Model<Registers, JepsenInput, JepsenOutput> {
  const initial = new Map<string, string>();
  if (init instanceof EdnMap) for (const [k, v] of init.entries) initial.set(printEdn(k), printEdn(v));
  else if (init !== null) throw new HistoryError(`multi-register --init needs a map {k v …}, not ${printEdn(init)}`);
  return {
    init: () => initial,
    step: (s, i, o) => {
      // A completed txn carries its reads in the completion's value; a pending one only its writes.
      const ops = microOps(o.unknown || o.value === null ? i.value : o.value, 0);
      let next: Map<string, string> | null = null;
      for (const [f, k, v] of ops) {
        const key = printEdn(k);
        const cur = (next ?? s).get(key) ?? 'nil';
        if (f === 'read') {
          if (v !== null && printEdn(v) !== cur) return [false, s];
        } else {
          next ??= new Map(s);
          next.set(key, printEdn(v));
        }
      }
      return [true, next ?? s];
    },
    equal: (a, b) => {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) if (b.get(k) !== v) return false;
      return true;
    },
    hash: (s) => {
      let h = 0;
      for (const [k, v] of s) h ^= hashString(`${k}\u0000${v}`);
      return h;
    },
    partition: (h) => {
      expectFs(h, 'multi-register', ['txn']);
      for (const op of h) microOps(op.input.value, op.process);
      return [{ key: '', operations: h.slice() }];
    },
    describe: (s) => (s.size === 0 ? '{} (all nil)' : `{${[...s].map(([k, v]) => `${k} ${v}`).join(', ')}}`),
    describeOperation: (i, o) =>
      `txn ${printEdn(o.unknown || o.value === null ? i.value : o.value)}${o.unknown ? ' (outcome unknown)' : ''}`,
  };
}

/** A lock: acquire is legal when free, release when held. */
function mutexModel(init: Edn): Model<boolean, JepsenInput, JepsenOutput> {
  return {
    init: () => init === true,
    step: (s, i) => (i.f === 'acquire' ? [!s, true] : [s, false]),
    equal: (a, b) => a === b,
    hash: (s) => (s ? 1 : 0),
    partition: (h) => {
      expectFs(h, 'mutex', ['acquire', 'release']);
      return partitionByOptionalKey(h);
    },
    describe: (s) => (s ? 'held' : 'free'),
    describeOperation: (i, o) => `${i.f}${i.key === null ? '' : ` ${i.key}`}${o.unknown ? ' (outcome unknown)' : ''}`,
  };
}

/** The named model; init is the initial value (register, cas-register), map (multi-register) or held flag (mutex). */
export function jepsenModel(name: ModelName, init: Edn = null): Model<unknown, JepsenInput, JepsenOutput> {
  switch (name) {
    case 'register':
    case 'cas-register':
      return registerModel(name, init) as Model<unknown, JepsenInput, JepsenOutput>;
    case 'kv':
      if (init !== null) throw new HistoryError('the kv model starts with every key "" and takes no --init');
      return kvModel() as Model<unknown, JepsenInput, JepsenOutput>;
    case 'multi-register':
      return multiRegisterModel(init) as Model<unknown, JepsenInput, JepsenOutput>;
    case 'mutex':
      return mutexModel(init) as Model<unknown, JepsenInput, JepsenOutput>;
  }
}
