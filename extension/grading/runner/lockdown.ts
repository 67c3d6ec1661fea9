/**
 * Makes the objects a verdict depends on unchangeable before the learner's module loads.
 *
 * The child also runs with `--frozen-intrinsics`, so `Array.prototype`, `Promise`, `JSON`, `Map`…
 * cannot be patched. That leaves what Node and we add on top, which this freezes:
 *
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
    Object.freeze(value);
  }
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
  for (const id of FROZEN_BUILTINS) {
    const m = requireBuiltin(id) as object;
    materialize(m);
    Object.freeze(m);
  }
  const assert = requireBuiltin('assert') as Record<string, unknown>;
  deepFreeze(assert);
  deepFreeze(requireBuiltin('assert/strict'));
  const buffer = requireBuiltin('buffer') as { Buffer: { prototype: object } };
  Object.freeze(buffer.Buffer);
  Object.freeze(buffer.Buffer.prototype);
  Object.freeze(Object.getPrototypeOf(crypto.createHmac('sha256', 'x')));
  for (const m of frozenModules) deepFreeze(m, true);
  freezeEnv();
  lockGlobals();
}
