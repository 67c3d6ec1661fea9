/**
 * A reader for the subset of EDN (https://github.com/edn-format/edn) that Jepsen and Knossos
 * histories use: maps, vectors, lists, keywords, integers, floats, strings, nil, true and false,
 * with commas as whitespace and `;` comments. Anything else (sets, tagged literals, characters,
 * symbols) is an error naming the line and column, never silently misread.
 */
export class Keyword {
  constructor(readonly name: string) {}
  toString(): string {
    return `:${this.name}`;
  }
}

export class EdnMap {
  constructor(readonly entries: readonly (readonly [Edn, Edn])[]) {}
  /** The value under the keyword `:name`, or undefined. */
  get(name: string): Edn | undefined {
    for (const [k, v] of this.entries) if (k instanceof Keyword && k.name === name) return v;
    return undefined;
  }
}

export type Edn = null | boolean | number | string | Keyword | EdnMap | Edn[];

export class EdnError extends Error {}

const DELIMITERS = new Set(['{', '}', '[', ']', '(', ')', '"', ';', ',']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === ',' || c === '\f';
}

/** Reads every top-level form in text. */
export function readEdnAll(text: string): Edn[] {
  let i = 0;
  const where = (at: number): string => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
  };
  const fail = (msg: string, at = i): never => {
    throw new EdnError(`EDN: ${msg} at ${where(at)}`);
  };
  const skip = (): void => {
    while (i < text.length) {
      const c = text[i] as string;
      if (isSpace(c)) i++;
      else if (c === ';') while (i < text.length && text[i] !== '\n') i++;
      else break;
    }
  };
  const token = (): string => {
    const start = i;
    while (i < text.length && !isSpace(text[i] as string) && !DELIMITERS.has(text[i] as string)) i++;
    return text.slice(start, i);
  };
  const readSeq = (close: string, what: string): Edn[] => {
    const open = i - 1;
    const items: Edn[] = [];
    for (;;) {
      skip();
      if (i >= text.length) fail(`unclosed ${what}`, open);
      if (text[i] === close) {
        i++;
        return items;
      }
      items.push(read());
    }
  };
  const readString = (): string => {
    const start = i - 1;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text[i++] as string;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++];
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'r') out += '\r';
      else if (e === '"' || e === '\\') out += e;
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) {
        out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
        i += 4;
      } else fail(`unknown string escape \\${e ?? ''}`, i - 2);
    }
  };
  const read = (): Edn => {
    skip();
    if (i >= text.length) fail('unexpected end of input');
    const at = i;
    const c = text[i++] as string;
    if (c === '{') {
      const items = readSeq('}', 'map');
      if (items.length % 2 !== 0) fail('a map needs an even number of forms (key value pairs)', at);
      const entries: [Edn, Edn][] = [];
      for (let k = 0; k < items.length; k += 2) entries.push([items[k] as Edn, items[k + 1] as Edn]);
      return new EdnMap(entries);
    }
    if (c === '[') return readSeq(']', 'vector');
    if (c === '(') return readSeq(')', 'list');
    if (c === '"') return readString();
    if (c === '}' || c === ']' || c === ')') fail(`unexpected '${c}'`, at);
    if (c === '#')
      fail(text[i] === '{' ? 'sets (#{…}) are not supported in histories' : 'tagged literals (#…) are not supported in histories', at);
    if (c === '\\') fail('characters (\\c) are not supported in histories', at);
    i = at;
    const t = token();
    if (t.startsWith(':')) {
      if (t.length === 1) fail("a keyword needs a name after ':'", at);
      return new Keyword(t.slice(1));
    }
    if (t === 'nil') return null;
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (/^[+-]?\d+N?$/.test(t)) {
      const n = Number(t.replace(/N$/, ''));
      if (!Number.isSafeInteger(n)) fail(`integer ${t} is too large`, at);
      return n;
    }
    if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?M?$/.test(t)) return Number(t.replace(/M$/, ''));
    return fail(`unsupported form '${t}' (expected a map, vector, keyword, number, string, nil, true or false)`, at);
  };
  const forms: Edn[] = [];
  for (;;) {
    skip();
    if (i >= text.length) return forms;
    forms.push(read());
  }
}

/** EDN text for a value (keywords with ':', strings quoted), for explanations. */
export function printEdn(v: Edn): string {
  if (v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Keyword) return v.toString();
  if (v instanceof EdnMap) return `{${v.entries.map(([k, x]) => `${printEdn(k)} ${printEdn(x)}`).join(', ')}}`;
  return `[${v.map(printEdn).join(' ')}]`;
}
