/**
 * Makes the objects a verdict depends on unchangeable before the learner's module loads.
 *
 *   - the JavaScript intrinsics (`Array.prototype`, `Promise`, `JSON`, `Map`, `Math`…), so that
 *     neither the tests' own computations nor the SDK's can be bent (a `Map.prototype.get` that
 *     lies, a `Promise.prototype.then` that swallows rejections, an `Object.prototype.env` that
 *     an options object would inherit);
 *   - the global bindings (`globalThis.Map = Fake` would otherwise swap what tests construct);
 *   - `node:assert` and `node:assert/strict` with every assertion function and AssertionError;
 *   - the harness that stands in for `node:test`, and the lab SDK the tests import as 'ddia-labs'
 *     (deeply: namespaces, functions and the prototypes of exported classes);
 *   - the Node built-ins tests use (fs, path, os, util, crypto, v8, vm, buffer, timers) and the
 *     Buffer and Hmac prototypes;
 *   - `process.env`, replaced by a frozen copy, so no code can set DDIA_SEED to pick an easy seed.
 *
 * Limits, stated in the README's threat model: objects that are only reachable through values the
 * SDK returns at run time (an engine instance's class, say) are not frozen here.
 */
import * as crypto from 'node:crypto';

/**
 * Why not Node's `--frozen-intrinsics`: freezing `Object.prototype` makes V8 check the whole
 * prototype chain on every property store (a read-only inherited property blocks the store), and
 * graded simulations ran 2.5× slower in CPU time (failover-fencing: 1.9 s against 0.7 s). Here
 * `Object.prototype` is instead made non-extensible with every property turned into an accessor
 * (SES's "property override" technique): nothing can be added to or changed on it, and
 * `obj.toString = …` on an ordinary object still works. The same accessors stand in for the data
 * properties that code commonly overrides on instances (an error's `name` and `message`, a
 * `constructor`), so `this.name = 'MyError'` in a learner's error class keeps working.
 */
const OVERRIDABLE = ['name', 'message', 'toString'];

function overridable(target: object, keys: readonly (string | symbol)[]): void {
  for (const key of keys) {
    const d = Object.getOwnPropertyDescriptor(target, key);
    if (!d || !('value' in d) || !d.configurable) continue;
    const value: unknown = d.value;
    Object.defineProperty(target, key, {
      get: () => value,
      set(this: object, v: unknown) {
        if (this === target) throw new TypeError(`Cannot assign to read only property '${String(key)}' of a frozen built-in`);
        Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: !!d.enumerable,
      configurable: false,
    });
  }
}

/** The intrinsics not reachable as a global property. */
function hiddenIntrinsics(): unknown[] {
  const proto = (x: unknown): unknown => Object.getPrototypeOf(x);
  // Empty functions of each kind, only to reach their prototypes.
  const gen = function* (): Generator<never> {};
  const agen = async function* (): AsyncGenerator<never> {};
  const afn = async (): Promise<void> => {};
  return [
    proto(Uint8Array),
    proto(gen),
    proto(agen),
    proto(afn),
    proto(gen()),
    proto(proto(gen())),
    proto(proto(agen())),
    proto(proto(proto(agen()))),
    proto([][Symbol.iterator]()),
    proto(new Map()[Symbol.iterator]()),
    proto(new Set()[Symbol.iterator]()),
    proto(''[Symbol.iterator]()),
    proto(/x/[Symbol.matchAll]('')),
  ];
}

const INTRINSIC_GLOBALS = [
  'Object',
  'Function',
  'Array',
  'Number',
  'Boolean',
  'String',
  'Symbol',
  'BigInt',
  'Date',
  'Promise',
  'RegExp',
  'Error',
  'AggregateError',
  'EvalError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'TypeError',
  'URIError',
  'JSON',
  'Math',
  'Intl',
  'Reflect',
  'Proxy',
  'Atomics',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'WeakRef',
  'FinalizationRegistry',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
  'encodeURI',
  'decodeURI',
];

export function hardenIntrinsics(): void {
  const roots: unknown[] = [...INTRINSIC_GLOBALS.map((name) => (globalThis as Record<string, unknown>)[name]), ...hiddenIntrinsics()];
  overridable(Object.prototype, Reflect.ownKeys(Object.prototype));
  // Error classes: `this.name = …` / `this.message = …` in a subclass's constructor is common.
  // (Accessors on Array or Promise prototypes would cost every species lookup, so none there.)
  for (const root of roots) {
    const p = typeof root === 'function' ? (root as { prototype?: unknown }).prototype : undefined;
    if (p === Error.prototype || p instanceof Error) overridable(p as object, OVERRIDABLE);
  }
  for (const root of roots) deepFreeze(root);
}

/** Built-in modules frozen in the child; each is loaded here if nothing loaded it yet. */
const FROZEN_BUILTINS = ['assert', 'assert/strict', 'fs', 'path', 'os', 'util', 'crypto', 'v8', 'vm', 'buffer', 'timers'];

/** Never frozen, even when an exported value refers to them: Node itself keeps changing them. */
const NEVER_FROZEN = new Set<unknown>([globalThis, process, console]);

/**
 * Freezes `root` and everything reachable through own properties. With `followGetters`, the
 * values of getter-only properties are followed too: esbuild exports a module's bindings as such
 * getters, so the SDK's namespaces are reached only that way.
 */
export function deepFreeze(root: unknown, followGetters = false): void {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
    if (seen.has(value) || NEVER_FROZEN.has(value)) continue;
    seen.add(value);
    for (const key of Reflect.ownKeys(value as object)) {
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (!d) continue;
      if ('value' in d) stack.push(d.value);
      else {
        if (d.get) stack.push(d.get);
        if (d.set) stack.push(d.set);
        if (followGetters && d.get && !d.set) {
          try {
            stack.push(Reflect.get(value as object, key));
          } catch {
            // A getter that throws guards nothing a test could use.
          }
        }
      }
    }
    lock(value as object);
  }
}

/**
 * Object.freeze, spelled out: each property non-writable and non-configurable, then no new ones.
 * Why not Object.freeze itself: on the typed-array prototypes it put V8 on slow paths for every
 * typed-array access (failover-fencing's grading took about twice the CPU time); this does not.
 * `Object.prototype` is only made non-extensible: its properties are accessors (see below), and a
 * frozen `Object.prototype` slows every property store in the process.
 */
function lock(target: object): void {
  if (target === Object.prototype) {
    Object.preventExtensions(target);
    return;
  }
  for (const key of Reflect.ownKeys(target)) {
    const d = Object.getOwnPropertyDescriptor(target, key);
    if (!d || (!d.configurable && (!('value' in d) || !d.writable))) continue;
    try {
      Object.defineProperty(target, key, 'value' in d ? { writable: false, configurable: false } : { configurable: false });
    } catch {
      // An exotic object (a module namespace, say) that refuses: preventExtensions still applies.
    }
  }
  Object.preventExtensions(target);
}

/** Every global binding that exists now becomes read-only and non-configurable. */
function lockGlobals(): void {
  for (const key of Reflect.ownKeys(globalThis)) {
    const d = Object.getOwnPropertyDescriptor(globalThis, key);
    if (!d || !d.configurable) continue;
    if ('value' in d)
      Object.defineProperty(globalThis, key, { value: d.value, writable: false, configurable: false, enumerable: !!d.enumerable });
    else Object.defineProperty(globalThis, key, { get: d.get, set: undefined, configurable: false, enumerable: !!d.enumerable });
  }
}

function freezeEnv(): void {
  const copy = Object.freeze({ ...process.env });
  Object.defineProperty(process, 'env', { value: copy, writable: false, configurable: false, enumerable: true });
}

/**
 * Some built-ins define exports lazily (a getter that replaces itself with the value on first
 * read, e.g. `fs.Dir`); read each once so freezing does not leave a getter that can never finish.
 */
function materialize(target: object): void {
  for (const key of Reflect.ownKeys(target)) {
    const d = Object.getOwnPropertyDescriptor(target, key);
    if (d && !('value' in d) && d.get) {
      try {
        Reflect.get(target, key);
      } catch {
        // Left as it is.
      }
    }
  }
}

export function lockDown(requireBuiltin: (id: string) => unknown, frozenModules: readonly unknown[]): void {
  hardenIntrinsics();
  for (const id of FROZEN_BUILTINS) {
    const m = requireBuiltin(id) as object;
    materialize(m);
    lock(m);
  }
  const assert = requireBuiltin('assert') as Record<string, unknown>;
  deepFreeze(assert);
  deepFreeze(requireBuiltin('assert/strict'));
  const buffer = requireBuiltin('buffer') as { Buffer: { prototype: object } };
  lock(buffer.Buffer);
  lock(buffer.Buffer.prototype);
  lock(Object.getPrototypeOf(crypto.createHmac('sha256', 'x')) as object);
  for (const m of frozenModules) deepFreeze(m, true);
  freezeEnv();
  lockGlobals();
}
