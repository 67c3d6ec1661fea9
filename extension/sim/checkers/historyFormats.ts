/**
 * Histories for `ddia-labs check`, read into one operation shape (jepsenModels.ts):
 *
 * - `edn`: Jepsen/Knossos histories, one map per event (`{:process 0, :type :invoke, :f :cas,
 *   :value [1 2]}`), one per line or all in a vector. Events pair up per process in history order
 *   (times are event positions): `:ok` completes, `:fail` removes the operation (it did not
 *   happen), `:info` leaves it pending (it may take effect any time after its call, or never), as
 *   does an invocation never completed. Events of non-integer processes (the nemesis) are skipped.
 *   As in Knossos, a `:read` completing `:ok` with a nil value read nothing known.
 * - `porcupine-kv`: porcupine's kv logs (`{:process 0, :type :invoke, :f :get, :key "6", :value nil}`),
 *   read as porcupine_test.go's parseKvLog does: a nil value is the empty string.
 * - `porcupine-etcd`: porcupine's Jepsen etcd logs (`INFO  jepsen.util - 3	:ok	:read	2`), read as
 *   parseJepsenLog does: `:fail :read :timed-out` completes with an unknown result, `:fail :cas`
 *   completes as a CAS that returned false, a read of `nil` saw no value, and the timed-out `:info`
 *   lines are skipped so their calls stay pending. Other lines are ignored, as there.
 * - `json`: `{"operations": [{"process": 0, "f": "write", "key": "x", "value": 1, "output": null,
 *   "call": 0, "return": 3}]}` (or the bare array): `return` null or `"status": "info"` is pending,
 *   `"status": "fail"` is removed, `"unknown": true` marks an output nobody knows, `"failed": true`
 *   an operation that returned saying it had no effect (a CAS that found another value); or Jepsen events
 *   as JSON objects with a `"type"` (paired like EDN).
 */
import { EdnMap, type Edn, EdnError, Keyword, printEdn, readEdnAll } from './edn';
import { HistoryError, type JepsenInput, type JepsenOperation, type ModelName } from './jepsenModels';

export type HistoryFormat = 'edn' | 'porcupine-etcd' | 'porcupine-kv' | 'json';
export const HISTORY_FORMATS: readonly HistoryFormat[] = ['edn', 'porcupine-etcd', 'porcupine-kv', 'json'];

export interface ParsedHistory {
  format: HistoryFormat;
  operations: JepsenOperation[];
  /** The model the format implies when none is named. */
  model: ModelName;
  /** Operations removed because they failed (did not happen). */
  failed: number;
}

/** The format by content: porcupine's etcd log lines, JSON, porcupine kv logs, else EDN. */
export function detectFormat(text: string): HistoryFormat {
  if (/^INFO\s+jepsen\.util\s+-\s+\d+\s+:/m.test(text)) return 'porcupine-etcd';
  const t = text.trimStart();
  if (t.startsWith('[{"') || t.startsWith('{"') || t.startsWith('[\n') || /^\[\s*\{\s*"/.test(t)) return 'json';
  if (/^\{:process\s+\d+,\s*:type\s+:\w+,\s*:f\s+:(get|put|append),\s*:key\s+"/m.test(text)) return 'porcupine-kv';
  return 'edn';
}

/** The model a history's operations imply: kv for get/put/append, and so on; register otherwise. */
function impliedModel(operations: readonly JepsenOperation[]): ModelName {
  const has = (...fs: string[]) => operations.some((op) => fs.includes(op.input.f));
  if (has('get', 'put', 'append')) return 'kv';
  if (has('txn')) return 'multi-register';
  if (has('acquire', 'release')) return 'mutex';
  if (has('cas')) return 'cas-register';
  return 'register';
}

export function parseHistory(text: string, format: HistoryFormat = detectFormat(text)): ParsedHistory {
  if (text.trim() === '') throw new HistoryError('the file is empty: no history to check');
  switch (format) {
    case 'porcupine-etcd':
      return { format, ...parseEtcd(text), model: 'cas-register' };
    case 'json': {
      const r = parseJson(text);
      return { format, ...r, model: impliedModel(r.operations) };
    }
    case 'edn':
    case 'porcupine-kv': {
      let forms: Edn[];
      try {
        forms = readEdnAll(text);
      } catch (e) {
        throw new HistoryError(e instanceof EdnError ? e.message : String(e));
      }
      const events = forms.length === 1 && Array.isArray(forms[0]) ? forms[0] : forms;
      const r = pairEvents(
        events.map((ev, n) => ednEvent(ev, n)),
        format === 'porcupine-kv' ? 'porcupine-kv' : 'knossos',
      );
      return { format, ...r, model: impliedModel(r.operations) };
    }
  }
}

interface Event {
  /** Position in the history, for messages. */
  n: number;
  process: number | null;
  type: 'invoke' | 'ok' | 'fail' | 'info';
  f: string;
  key: string | null;
  value: Edn;
}

const TYPES = ['invoke', 'ok', 'fail', 'info'];

function ednEvent(ev: Edn, n: number): Event {
  const at = `event ${n + 1}`;
  if (!(ev instanceof EdnMap))
    throw new HistoryError(`${at}: expected a map like {:process 0, :type :invoke, :f :read, :value nil}, got ${printEdn(ev)}`);
  const type = ev.get('type');
  const f = ev.get('f');
  const process = ev.get('process');
  if (!(type instanceof Keyword) || !TYPES.includes(type.name))
    throw new HistoryError(`${at}: :type must be :invoke, :ok, :fail or :info, not ${printEdn(type ?? null)}`);
  if (!(f instanceof Keyword) && typeof f !== 'string')
    throw new HistoryError(`${at}: :f must be a keyword such as :read, not ${printEdn(f ?? null)}`);
  if (process !== undefined && process !== null && typeof process !== 'number' && !(process instanceof Keyword))
    throw new HistoryError(`${at}: :process must be an integer (or a keyword such as :nemesis), not ${printEdn(process)}`);
  const key = ev.get('key');
  return {
    n,
    process: typeof process === 'number' ? process : null,
    type: type.name as Event['type'],
    f: f instanceof Keyword ? f.name : f,
    key: key === undefined ? null : typeof key === 'string' ? key : printEdn(key),
    value: ev.get('value') ?? null,
  };
}

/** Jepsen pairing: per process, an invocation and its completion; see the file comment. */
function pairEvents(events: readonly Event[], nil: 'knossos' | 'porcupine-kv'): { operations: JepsenOperation[]; failed: number } {
  const open = new Map<number, { input: JepsenInput; call: number; n: number }>();
  const done: { op: JepsenOperation; order: number }[] = [];
  let failed = 0;
  for (const [t, e] of events.entries()) {
    if (e.process === null) continue; // the nemesis and other non-client processes
    const value = nil === 'porcupine-kv' && e.value === null ? '' : e.value;
    if (e.type === 'invoke') {
      const prev = open.get(e.process);
      if (prev !== undefined)
        throw new HistoryError(
          `event ${e.n + 1}: process ${e.process} invokes :${e.f} while its :${prev.input.f} (event ${prev.n + 1}) is still open`,
        );
      open.set(e.process, { input: { f: e.f, key: e.key, value }, call: t, n: e.n });
      continue;
    }
    const c = open.get(e.process);
    if (c === undefined) {
      if (e.type === 'info') continue; // an :info without an invocation (e.g. a crash notice)
      throw new HistoryError(`event ${e.n + 1}: process ${e.process} completes :${e.f} (:${e.type}) without an open invocation`);
    }
    if (c.input.f !== e.f) throw new HistoryError(`event ${e.n + 1}: process ${e.process} invoked :${c.input.f} but completes :${e.f}`);
    open.delete(e.process);
    if (e.type === 'fail') {
      failed++;
      continue;
    }
    if (e.type === 'info') {
      done.push({
        op: { process: e.process, input: c.input, call: c.call, output: { value: null, unknown: true, failed: false }, return: Infinity },
        order: c.call,
      });
      continue;
    }
    const unknown = nil === 'knossos' && e.f === 'read' && value === null;
    done.push({
      op: { process: e.process, input: c.input, call: c.call, output: { value, unknown, failed: false }, return: t },
      order: c.call,
    });
  }
  for (const [process, c] of open)
    done.push({
      op: { process, input: c.input, call: c.call, output: { value: null, unknown: true, failed: false }, return: Infinity },
      order: c.call,
    });
  done.sort((a, b) => a.order - b.order);
  return { operations: done.map((d) => d.op), failed };
}

const ETCD = {
  line: /^INFO\s+jepsen\.util\s+-\s+(\d+)\s+(.*)$/,
  invokeRead: /^:invoke\s+:read\s+nil$/,
  invokeWrite: /^:invoke\s+:write\s+(\d+)$/,
  invokeCas: /^:invoke\s+:cas\s+\[(\d+)\s+(\d+)\]$/,
  returnRead: /^:ok\s+:read\s+(nil|\d+)$/,
  returnWrite: /^:ok\s+:write\s+(\d+)$/,
  returnCas: /^:(ok|fail)\s+:cas\s+\[(\d+)\s+(\d+)\]$/,
  timeoutRead: /^:fail\s+:read\s+:timed-out$/,
};

function parseEtcd(text: string): { operations: JepsenOperation[]; failed: number } {
  const open = new Map<number, { input: JepsenInput; call: number }>();
  const ops: JepsenOperation[] = [];
  let t = 0;
  let lines = 0;
  for (const [ln, raw] of text.split('\n').entries()) {
    const m = ETCD.line.exec(raw.trim());
    if (m === null) continue;
    lines++;
    const process = Number(m[1]);
    const rest = (m[2] as string).trim();
    let input: JepsenInput | null = null;
    let w: RegExpExecArray | null;
    if (ETCD.invokeRead.test(rest)) input = { f: 'read', key: null, value: null };
    else if ((w = ETCD.invokeWrite.exec(rest))) input = { f: 'write', key: null, value: Number(w[1]) };
    else if ((w = ETCD.invokeCas.exec(rest))) input = { f: 'cas', key: null, value: [Number(w[1]), Number(w[2])] };
    if (input !== null) {
      if (open.has(process)) throw new HistoryError(`line ${ln + 1}: process ${process} invokes while its previous call is still open`);
      open.set(process, { input, call: t++ });
      continue;
    }
    let output: JepsenOperation['output'] | null = null;
    if ((w = ETCD.returnRead.exec(rest))) output = { value: w[1] === 'nil' ? null : Number(w[1]), unknown: false, failed: false };
    else if (ETCD.returnWrite.test(rest)) output = { value: null, unknown: false, failed: false };
    else if ((w = ETCD.returnCas.exec(rest))) output = { value: null, unknown: false, failed: w[1] === 'fail' };
    else if (ETCD.timeoutRead.test(rest)) output = { value: null, unknown: true, failed: false };
    if (output === null) continue; // e.g. ":info :write :timed-out": the call stays pending, as in porcupine
    const c = open.get(process);
    if (c === undefined) throw new HistoryError(`line ${ln + 1}: process ${process} returns without an open call`);
    open.delete(process);
    ops.push({ process, input: c.input, call: c.call, output, return: t++ });
  }
  if (lines === 0) throw new HistoryError('no Jepsen log lines ("INFO  jepsen.util - <process> :invoke …") in this file');
  for (const [process, c] of open)
    ops.push({ process, input: c.input, call: c.call, output: { value: null, unknown: true, failed: false }, return: Infinity });
  return { operations: ops, failed: 0 };
}

function ednFromJson(v: unknown, where: string): Edn {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new HistoryError(`${where}: numbers must be finite`);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => ednFromJson(x, where));
  if (typeof v === 'object')
    return new EdnMap(Object.entries(v as Record<string, unknown>).map(([k, x]) => [new Keyword(k), ednFromJson(x, where)] as const));
  throw new HistoryError(`${where}: unsupported JSON value`);
}

function parseJson(text: string): { operations: JepsenOperation[]; failed: number } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new HistoryError(`JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(doc)
    ? doc
    : ((doc as { operations?: unknown; history?: unknown } | null)?.operations ?? (doc as { history?: unknown } | null)?.history);
  if (!Array.isArray(list)) throw new HistoryError('JSON: expected {"operations": [...]} or an array of operations');
  const isEvents = list.length > 0 && typeof list[0] === 'object' && list[0] !== null && 'type' in list[0];
  if (isEvents) {
    const events = list.map((raw, n) => {
      if (typeof raw !== 'object' || raw === null) throw new HistoryError(`event ${n + 1}: expected an object`);
      const o = raw as Record<string, unknown>;
      const map = new EdnMap([
        [new Keyword('type'), typeof o['type'] === 'string' ? new Keyword(o['type']) : null],
        [new Keyword('f'), typeof o['f'] === 'string' ? new Keyword(o['f']) : null],
        [
          new Keyword('process'),
          typeof o['process'] === 'number' ? o['process'] : typeof o['process'] === 'string' ? new Keyword(o['process']) : null,
        ],
        ...('key' in o ? [[new Keyword('key'), ednFromJson(o['key'], `event ${n + 1}`)] as const] : []),
        [new Keyword('value'), ednFromJson(o['value'] ?? null, `event ${n + 1}`)],
      ]);
      return ednEvent(map, n);
    });
    return pairEvents(events, 'knossos');
  }
  const ops: JepsenOperation[] = [];
  let failed = 0;
  for (const [n, raw] of list.entries()) {
    const at = `operation ${n + 1}`;
    if (typeof raw !== 'object' || raw === null) throw new HistoryError(`${at}: expected an object`);
    const o = raw as Record<string, unknown>;
    if (typeof o['process'] !== 'number' || !Number.isInteger(o['process'])) throw new HistoryError(`${at}: "process" must be an integer`);
    if (typeof o['f'] !== 'string') throw new HistoryError(`${at}: "f" must be a string such as "read"`);
    if (typeof o['call'] !== 'number' || !Number.isFinite(o['call'])) throw new HistoryError(`${at}: "call" must be a number`);
    const ret = o['return'];
    if (ret !== null && ret !== undefined && (typeof ret !== 'number' || !Number.isFinite(ret)))
      throw new HistoryError(`${at}: "return" must be a number or null (pending)`);
    if (typeof ret === 'number' && ret < o['call']) throw new HistoryError(`${at}: returns (${ret}) before its call (${o['call']})`);
    const status = o['status'] ?? (ret === null || ret === undefined ? 'info' : 'ok');
    if (status !== 'ok' && status !== 'info' && status !== 'fail') throw new HistoryError(`${at}: "status" must be "ok", "info" or "fail"`);
    if (status === 'fail') {
      failed++;
      continue;
    }
    const pending = status === 'info' || typeof ret !== 'number';
    const key = o['key'];
    ops.push({
      process: o['process'],
      input: {
        f: o['f'],
        key: key === undefined || key === null ? null : typeof key === 'string' ? key : JSON.stringify(key),
        value: ednFromJson(o['value'] ?? null, at),
      },
      call: o['call'],
      output: { value: ednFromJson(o['output'] ?? null, at), unknown: pending || o['unknown'] === true, failed: o['failed'] === true },
      return: pending ? Infinity : (ret as number),
    });
  }
  return { operations: ops, failed };
}
