/**
 * One declaration per output shape, three uses: the TypeScript type (`Infer<typeof shape>`), the
 * runtime check a view runs before drawing, and the JSON schema published next to it
 * (`npm run schemas` writes the .schema.json files; test/unit/views/viewSchemas.test.ts fails
 * when one is stale). Declaring a shape twice (a TS interface here, a hand-written validator there, a
 * schema file somewhere else) let them drift; a shape declared once cannot.
 *
 * Deliberately small: the JSON data our outputs carry needs objects, arrays, tuples, records,
 * strings, numbers, booleans, null, constants, enums, unions, and `refine` for the rules a
 * type cannot say (a heat map has one row per y). `typed` covers data whose type the model owns
 * (a trace event): the view imports that type only, and checks what it relies on.
 */

/** A JSON schema fragment (draft 2020-12). */
export type JsonSchema = { readonly [key: string]: unknown };

export interface Shape<T> {
  /** What a value of this shape is, for messages: "a string", "a list of …". */
  readonly expected: string;
  /** The first problem with `value`, in words that name where it is (`at`), or undefined when it fits. */
  problem(value: unknown, at: string): string | undefined;
  /** This shape as a JSON schema fragment. */
  json(): JsonSchema;
  /** Phantom: carries T for `Infer`; never set. */
  readonly __type?: T;
}

export type Infer<S> = S extends Shape<infer T> ? T : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type AnyShape = Shape<unknown>;

/** The path of a field in messages: `levels[0].tables`, or `the data` at the top. */
const here = (at: string): string => at || 'the data';
const field = (at: string, key: string): string => (at ? `${at}.${key}` : key);

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A short description of a value that did not fit, for messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return String(v);
}

function withDescription(schema: JsonSchema, description: string | undefined): JsonSchema {
  return description ? { description, ...schema } : schema;
}

function leaf<T>(expected: string, fits: (v: unknown) => boolean, schema: JsonSchema, description?: string): Shape<T> {
  return {
    expected,
    problem: (v, at) => (fits(v) ? undefined : `${here(at)}: expected ${expected}, got ${describeValue(v)}`),
    json: () => withDescription(schema, description),
  };
}

export function string(description?: string): Shape<string> {
  return leaf('a string', (v) => typeof v === 'string', { type: 'string' }, description);
}

export interface NumberOptions {
  readonly description?: string;
  /** Finite (not ±Infinity); JSON cannot carry NaN or infinities anyway, a postMessage can. */
  readonly finite?: boolean;
  /** Inclusive lower bound. */
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

export function number(options: NumberOptions = {}): Shape<number> {
  const { min, max, integer, finite } = options;
  const what = [integer ? 'an integer' : finite ? 'a finite number' : 'a number'];
  if (min !== undefined) what.push(`≥ ${min}`);
  if (max !== undefined) what.push(`≤ ${max}`);
  const schema: Record<string, unknown> = { type: integer ? 'integer' : 'number' };
  if (min !== undefined) schema['minimum'] = min;
  if (max !== undefined) schema['maximum'] = max;
  return leaf(
    what.join(' '),
    (v) =>
      typeof v === 'number' &&
      !Number.isNaN(v) &&
      (!(finite || integer) || Number.isFinite(v)) &&
      (!integer || Number.isInteger(v)) &&
      (min === undefined || v >= min) &&
      (max === undefined || v <= max),
    schema,
    options.description,
  );
}

export function boolean(description?: string): Shape<boolean> {
  return leaf('true or false', (v) => typeof v === 'boolean', { type: 'boolean' }, description);
}

export function nullValue(): Shape<null> {
  return leaf('null', (v) => v === null, { type: 'null' });
}

export function literal<const V extends string | number | boolean>(value: V, description?: string): Shape<V> {
  return leaf(JSON.stringify(value), (v) => v === value, { const: value }, description);
}

export function oneOf<const V extends readonly (string | number)[]>(values: V, description?: string): Shape<V[number]> {
  return leaf(
    `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
    (v) => values.includes(v as V[number]),
    { enum: values },
    description,
  );
}

/** Any JSON value (an option bag the view shows as is). */
export function unknownValue(description?: string): Shape<unknown> {
  return { expected: 'any value', problem: () => undefined, json: () => withDescription({}, description) };
}

export interface ArrayOptions {
  readonly description?: string;
  readonly minItems?: number;
}

export function array<T>(item: Shape<T>, options: ArrayOptions = {}): Shape<readonly T[]> {
  const min = options.minItems ?? 0;
  const expected = min > 0 ? `a non-empty list` : `a list`;
  return {
    expected,
    problem(v, at) {
      if (!Array.isArray(v)) return `${here(at)}: expected ${expected}, got ${describeValue(v)}`;
      if (v.length < min) return `${here(at)}: expected ${expected}, got an empty list`;
      for (let i = 0; i < v.length; i++) {
        const p = item.problem(v[i], `${at}[${i}]`);
        if (p) return p;
      }
      return undefined;
    },
    json: () => withDescription({ type: 'array', items: item.json(), ...(min > 0 ? { minItems: min } : {}) }, options.description),
  };
}

type TupleOf<S extends readonly AnyShape[]> = { readonly [K in keyof S]: Infer<S[K]> };

export function tuple<const S extends readonly AnyShape[]>(items: S, description?: string): Shape<TupleOf<S>> {
  const expected = `a list of ${items.length}`;
  return {
    expected,
    problem(v, at) {
      if (!Array.isArray(v) || v.length !== items.length) return `${here(at)}: expected ${expected}, got ${describeValue(v)}`;
      for (let i = 0; i < items.length; i++) {
        const p = (items[i] as AnyShape).problem(v[i], `${at}[${i}]`);
        if (p) return p;
      }
      return undefined;
    },
    json: () =>
      withDescription(
        { type: 'array', prefixItems: items.map((s) => s.json()), minItems: items.length, maxItems: items.length },
        description,
      ),
  };
}

type Fields = Readonly<Record<string, AnyShape>>;
export type ObjectOf<R extends Fields, O extends Fields> = Simplify<
  { readonly [K in keyof R]: Infer<R[K]> } & { readonly [K in keyof O]?: Infer<O[K]> }
>;

/**
 * An object with `required` and `optional` fields (checked in declaration order, so the first
 * problem is the first field that does not fit). Other fields are allowed: a newer writer may add some.
 */
export function object<R extends Fields, O extends Fields = Record<never, AnyShape>>(
  required: R,
  optional?: O,
  description?: string,
): Shape<ObjectOf<R, O>> {
  return {
    expected: 'an object',
    problem(v, at) {
      if (!isObject(v)) return `${here(at)}: expected an object, got ${describeValue(v)}`;
      for (const [key, shape] of Object.entries(required)) {
        if (!(key in v)) return `${here(at)} needs '${key}' (${shape.expected})`;
        const p = shape.problem(v[key], field(at, key));
        if (p) return p;
      }
      for (const [key, shape] of Object.entries(optional ?? {})) {
        if (v[key] === undefined) continue;
        const p = shape.problem(v[key], field(at, key));
        if (p) return p;
      }
      return undefined;
    },
    json() {
      const properties: Record<string, JsonSchema> = {};
      for (const [key, shape] of Object.entries({ ...required, ...optional })) properties[key] = shape.json();
      return withDescription({ type: 'object', required: Object.keys(required), properties }, description);
    },
  };
}

/** An object used as a map from any key to values of one shape. */
export function record<T>(value: Shape<T>, description?: string): Shape<Readonly<Record<string, T>>> {
  return {
    expected: 'an object',
    problem(v, at) {
      if (!isObject(v)) return `${here(at)}: expected an object, got ${describeValue(v)}`;
      for (const [key, item] of Object.entries(v)) {
        const p = value.problem(item, field(at, key));
        if (p) return p;
      }
      return undefined;
    },
    json: () => withDescription({ type: 'object', additionalProperties: value.json() }, description),
  };
}

export function union<const S extends readonly AnyShape[]>(options: S, description?: string): Shape<Infer<S[number]>> {
  const expected = options.map((o) => o.expected).join(' or ');
  return {
    expected,
    problem: (v, at) =>
      options.some((o) => o.problem(v, at) === undefined) ? undefined : `${here(at)}: expected ${expected}, got ${describeValue(v)}`,
    json: () => withDescription({ anyOf: options.map((o) => o.json()) }, description),
  };
}

/** A shape plus a rule its type cannot express; `rule` returns the problem (its `at` prefixed) or undefined. */
export function refine<T>(shape: Shape<T>, rule: (value: T) => string | undefined): Shape<T> {
  return {
    expected: shape.expected,
    problem(v, at) {
      const p = shape.problem(v, at);
      if (p) return p;
      const r = rule(v as T);
      return r ? (at ? `${at}: ${r}` : r) : undefined;
    },
    json: () => shape.json(),
  };
}

/**
 * Data whose TypeScript type a model owns (imported with `import type`): `schema` documents it,
 * `problem` checks what the view relies on, and the value is typed as T.
 */
export function typed<T>(expected: string, schema: JsonSchema, problem: (v: unknown) => string | undefined): Shape<T> {
  return {
    expected,
    problem(v, at) {
      const p = problem(v);
      return p ? `${here(at)}: ${p}` : undefined;
    },
    json: () => schema,
  };
}
