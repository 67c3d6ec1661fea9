/**
 * A compact binary form of the JSON-like values a trace carries (message payloads, faults,
 * history events, note data). Strings are interned in one table for the whole run and objects
 * refer to a "shape" (their key list, also interned), so a message like
 *   {"type":"put","req":12,"key":"b","version":{"value":"c3-0","ts":1.34,"node":"n5"}}
 * (90 bytes of JSON) is a tag and shape id, then only its leaves: ~20 bytes.
 *
 * Value encoding, one tag byte then:
 *   0 null | 1 false | 2 true | 3 undefined
 *   4 integer: varint zigzag(v)            (safe integers within ±2^52, not -0)
 *   5 float64, little-endian               (everything else: fractions, -0, NaN, ±Infinity)
 *   6 string: varint string id
 *   7 array: varint length, then the items
 *   8 object: varint shape id, then one value per key of the shape, in the shape's order
 * Values are encoded faithfully rather than as JSON would print them: `undefined` (as a property
 * or an array item), -0, NaN and ±Infinity survive a round trip, so decode(encode(x)) deep-equals x.
 * Keys are an object's own enumerable string keys (Object.keys order, the order JSON.stringify
 * uses); a `toJSON` method is honoured as JSON does. Functions, symbols, bigints and cycles are
 * not trace data and are refused with TraceEncodeError.
 */
import { type ByteReader, type ByteWriter, TraceDecodeError, unzigzag, zigzag } from './bytes';

export class TraceEncodeError extends Error {
  override readonly name = 'TraceEncodeError';
}

export const V_NULL = 0;
export const V_FALSE = 1;
export const V_TRUE = 2;
export const V_UNDEFINED = 3;
export const V_INT = 4;
export const V_F64 = 5;
export const V_STRING = 6;
export const V_ARRAY = 7;
export const V_OBJECT = 8;

const MAX_ZIGZAG_INT = 2 ** 52;
const MAX_DEPTH = 512;

interface ShapeNode {
  id: number;
  next: Map<string, ShapeNode> | undefined;
}

/** The encoder's string and shape tables (ids in first-use order). */
export class ValueTables {
  readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  /** Each shape as its key strings' ids. */
  readonly shapes: number[][] = [];
  /** A trie over key sequences, so finding an object's shape builds no string. */
  private readonly shapeRoot: ShapeNode = { id: -1, next: undefined };

  stringId(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  private shapeId(keys: readonly string[]): number {
    let node = this.shapeRoot;
    for (const k of keys) {
      if (node.next === undefined) node.next = new Map();
      let child = node.next.get(k);
      if (child === undefined) {
        child = { id: -1, next: undefined };
        node.next.set(k, child);
      }
      node = child;
    }
    if (node.id < 0) {
      node.id = this.shapes.length;
      this.shapes.push(keys.map((k) => this.stringId(k)));
    }
    return node.id;
  }

  write(w: ByteWriter, v: unknown, depth = 0): void {
    switch (typeof v) {
      case 'string':
        w.u8(V_STRING);
        w.uvar(this.stringId(v));
        return;
      case 'number':
        if (Number.isInteger(v) && Math.abs(v) <= MAX_ZIGZAG_INT && !Object.is(v, -0)) {
          w.u8(V_INT);
          w.uvar(zigzag(v));
        } else {
          w.u8(V_F64);
          w.f64(v);
        }
        return;
      case 'boolean':
        w.u8(v ? V_TRUE : V_FALSE);
        return;
      case 'undefined':
        w.u8(V_UNDEFINED);
        return;
      case 'object': {
        if (v === null) {
          w.u8(V_NULL);
          return;
        }
        if (depth > MAX_DEPTH) throw new TraceEncodeError(`a trace value nests deeper than ${MAX_DEPTH} levels (a cycle?)`);
        const toJSON = (v as { toJSON?: unknown }).toJSON;
        if (typeof toJSON === 'function') {
          this.write(w, (toJSON as () => unknown).call(v), depth + 1);
          return;
        }
        if (Array.isArray(v)) {
          w.u8(V_ARRAY);
          w.uvar(v.length);
          for (let i = 0; i < v.length; i++) this.write(w, v[i], depth + 1);
          return;
        }
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o);
        w.u8(V_OBJECT);
        w.uvar(this.shapeId(keys));
        for (const k of keys) this.write(w, o[k], depth + 1);
        return;
      }
      default:
        throw new TraceEncodeError(`a trace value contains a ${typeof v}, which is not data`);
    }
  }
}

/** The decoder's view of the tables. */
export interface DecodeTables {
  strings: readonly string[];
  shapes: readonly (readonly string[])[];
}

export function readValue(r: ByteReader, t: DecodeTables, depth = 0): unknown {
  const tag = r.u8('value tag');
  switch (tag) {
    case V_NULL:
      return null;
    case V_FALSE:
      return false;
    case V_TRUE:
      return true;
    case V_UNDEFINED:
      return undefined;
    case V_INT:
      return unzigzag(r.uvar('integer'));
    case V_F64:
      return r.f64('float');
    case V_STRING:
      return stringAt(t, r.uvar('string id'));
    case V_ARRAY: {
      if (depth > MAX_DEPTH) throw new TraceDecodeError(`corrupt: values nest deeper than ${MAX_DEPTH} levels`);
      const n = r.uvar('array length');
      if (n > r.end - r.pos) throw new TraceDecodeError(`corrupt: an array of ${n} items cannot fit in the ${r.end - r.pos} bytes left`);
      const a = new Array<unknown>(n);
      for (let i = 0; i < n; i++) a[i] = readValue(r, t, depth + 1);
      return a;
    }
    case V_OBJECT: {
      if (depth > MAX_DEPTH) throw new TraceDecodeError(`corrupt: values nest deeper than ${MAX_DEPTH} levels`);
      const id = r.uvar('shape id');
      const keys = t.shapes[id];
      if (keys === undefined) throw new TraceDecodeError(`corrupt: shape id ${id} is not in the table (${t.shapes.length} shapes)`);
      const o: Record<string, unknown> = {};
      for (const k of keys) {
        const x = readValue(r, t, depth + 1);
        // A "__proto__" key (JSON.parse makes them) must stay a key, not set the prototype.
        if (k === '__proto__') Object.defineProperty(o, k, { value: x, enumerable: true, writable: true, configurable: true });
        else o[k] = x;
      }
      return o;
    }
    default:
      throw new TraceDecodeError(`corrupt: unknown value tag ${tag} at byte ${r.pos - 1}`);
  }
}

export function stringAt(t: DecodeTables, id: number): string {
  const s = t.strings[id];
  if (s === undefined) throw new TraceDecodeError(`corrupt: string id ${id} is not in the table (${t.strings.length} strings)`);
  return s;
}
