/**
 * The compact binary encoding of a simulation run (its trace events, its history and its node
 * list), version 1. It replaces an object per event in JSON (~140 bytes per event on the
 * benchmark workload) by a byte stream of ~20 bytes per event; base64 of it (what a JSON notebook
 * output can carry) stays under 40. docs/trace-encoding.md describes the format with the reasons
 * for each choice; this comment is the reference.
 *
 * Layout. Integers are unsigned LEB128 varints unless noted; zz(v) is zigzag (0,-1,1,-2 → 0,1,2,3).
 *   header, 16 bytes:
 *     0  4  magic "DDTE"
 *     4  2  format version, u16 little-endian (TRACE_ENCODING_VERSION)
 *     6  2  flags, u16 LE, 0 (a decoder refuses bits it does not know)
 *     8  4  body length in bytes, u32 LE
 *    12  4  CRC-32 of the body, u32 LE
 *   body:
 *     strings    count, then per string: UTF-8 byte length, bytes
 *     shapes     count, then per shape: key count, key string ids
 *     endpoints  count, node count (the first that many are the run's server nodes), string ids
 *     values     count, then each value (valueCodec.ts): message payloads, faults, note data,
 *                each distinct encoding stored once and referred to by id
 *     history    record count R, history length H ≤ R, then R values. history = records[0..H);
 *                records past H are history events a trace names that the history does not hold
 *     events     count, then per event a header byte and its fields:
 *       header  bits 0-3 kind (start send deliver drop duplicate timer fault history note = 0..8)
 *               bits 4-5 time: 0 same as the previous event's (0 before the first),
 *                              1 varint integer delta from it, 2 float64 LE absolute
 *               bit 6    IMPLICIT_CAUSE: deliver/drop/duplicate: the cause is the latest send of
 *                        this msgId; other kinds with a cause: the same cause as the previous
 *                        event that had one (-1 at the start)
 *               bit 7    EXTRA, by kind: send: msgId is the previous send's + 1 (-1 + 1 = 0 at
 *                        the start); deliver/drop: from/to are those of that msgId's send;
 *                        history: the record is the one after the previous history event's (0
 *                        at the start); note: has data. Other kinds: must be 0
 *       time    per bits 4-5
 *       cause   (kinds with a cause, unless implicit) 0 for -1, else zz(i - cause) + 1
 *       start     node
 *       send      [msgId: zz(msgId - (previous send's msgId + 1)) unless EXTRA] from, to,
 *                 message: zz(value id - (highest value id so far + 1)), so a new value is 0
 *       deliver   msgId: zz(previous send's msgId - msgId), [from, to unless EXTRA]
 *       drop      as deliver, then the reason (0 loss, 1 partition, 2 down)
 *       duplicate msgId as deliver
 *       timer     node, name string id
 *       fault     value id as for send
 *       history   [record index unless EXTRA]
 *       note      node, label string id, [data: value id as for send, if EXTRA]
 * Nodes, from and to are endpoint indexes. The event index `i` is the position.
 *
 * Decoding checks the magic, version, flags, length and CRC first, then every id and index it
 * reads against its table, and throws TraceDecodeError saying what is wrong; it never returns a
 * partly decoded run. Values that are equal are decoded once and shared between the events that
 * carry them: treat decoded runs as immutable, as traces are.
 *
 * Pure and browser-safe (no node: imports, no Buffer): the webview decodes with it.
 */
import type { HistoryEvent } from '../../../sim/core/history';
import type { NodeId } from '../../../sim/core/node';
import type { TraceEvent } from '../../../sim/core/trace';
import * as traceColumns from '../../../sim/core/traceColumns';
import { columnsFromEvents, TraceColumns } from '../../../sim/core/traceColumns';
import { ByteReader, ByteWriter, TraceDecodeError, unzigzag, zigzag } from './bytes';
import { crc32 } from './crc32';
import { SendIndex } from './sendIndex';
import { ValueInterner } from './valueInterner';
import { readValue, stringAt, TraceEncodeError, ValueTables, type DecodeTables } from './valueCodec';

// Module-level copies: the hot loops read these per event, and under a CommonJS transform (tsx,
// the unit tests and benches) every read of an imported binding is a getter call.
const { DROP_REASONS, K_DELIVER, K_DROP, K_DUPLICATE, K_FAULT, K_HISTORY, K_NOTE, K_SEND, K_START, K_TIMER, REASON_SHIFT } = traceColumns;

export { TraceDecodeError } from './bytes';
export { TraceEncodeError } from './valueCodec';

export const TRACE_ENCODING_MAGIC = 'DDTE';
export const TRACE_ENCODING_VERSION = 1;
const HEADER_BYTES = 16;

const TIME_SAME = 0;
const TIME_DELTA = 1;
const TIME_F64 = 2;
const IMPLICIT_CAUSE = 0x40;
const EXTRA = 0x80;
const MAX_KIND = K_NOTE;

/** A run as the timeline needs it. `nodes` are the server nodes (the trace's start events name them). */
export interface EncodableRun {
  nodes: readonly NodeId[];
  events: readonly TraceEvent[];
  history: readonly HistoryEvent[];
}

export interface DecodedRun {
  nodes: NodeId[];
  events: TraceEvent[];
  history: HistoryEvent[];
}

/** A decoded run before events become objects: what a view can index without one object per event. */
export interface DecodedColumns {
  nodes: NodeId[];
  columns: TraceColumns;
  history: HistoryEvent[];
}

export function encodeRun(run: EncodableRun): Uint8Array {
  let columns: TraceColumns;
  try {
    columns = columnsFromEvents(run.nodes, run.events);
  } catch (e) {
    throw new TraceEncodeError((e as Error).message);
  }
  return encodeColumns(columns, run.nodes.length, run.history);
}

/**
 * Encode recorded columns (SimResult.traceColumns) without building an object per event.
 * `nodeCount`: how many of `columns.endpoints` are server nodes (the rest are clients).
 */
export function encodeColumns(columns: TraceColumns, nodeCount: number, history: readonly HistoryEvent[]): Uint8Array {
  const endpointCount = columns.endpoints.length;
  if (!Number.isInteger(nodeCount) || nodeCount < 0 || nodeCount > endpointCount) {
    throw new TraceEncodeError(`node count ${nodeCount} is not within the ${endpointCount} endpoints`);
  }
  const tables = new ValueTables();
  const endpointIds = columns.endpoints.map((id) => tables.stringId(id));

  // Values: each distinct encoding once. Equal values are found by their bytes, so two equal
  // messages share an entry whether or not they are the same object.
  const values = new ValueInterner();
  const scratch = new ByteWriter(1024);
  const valueId = (v: unknown): number => {
    scratch.truncate(0);
    tables.write(scratch, v);
    return values.intern(scratch.buffer, 0, scratch.pos);
  };

  // History records: the history in order, then any a trace event names that it does not hold.
  const records = new ByteWriter();
  // Trace events carry the history's own objects when they come from the simulator, so records
  // are found by identity; only a trace whose events are copies (an imported file) pays for
  // finding them by their bytes, in a table built on the first miss.
  const recordByObject = new Map<unknown, number>();
  let recordByBytes: Map<string, number> | undefined;
  const recordStarts: number[] = [];
  let recordCount = 0;
  const addRecord = (e: unknown): number => {
    const id = recordCount++;
    recordStarts.push(records.pos);
    tables.write(records, e);
    recordByObject.set(e, id);
    recordByBytes?.set(bytesKey(records.slice(recordStarts[id] as number)), id);
    return id;
  };
  for (const e of history) addRecord(e);
  const recordOf = (e: unknown): number => {
    const byObject = recordByObject.get(e);
    if (byObject !== undefined) return byObject;
    if (recordByBytes === undefined) {
      recordByBytes = new Map();
      recordStarts.push(records.pos);
      const all = records.finish();
      for (let id = recordCount - 1; id >= 0; id--) {
        recordByBytes.set(bytesKey(all.subarray(recordStarts[id] as number, recordStarts[id + 1] as number)), id);
      }
      recordStarts.pop();
    }
    scratch.truncate(0);
    tables.write(scratch, e);
    return recordByBytes.get(bytesKey(scratch.finish())) ?? addRecord(e);
  };

  const w = new ByteWriter(Math.max(1 << 16, columns.length * 12));
  const n = columns.length;
  w.uvar(n);
  const { kind, t, cause, a, b, msgId, ref } = columns;
  let prevT = 0;
  let lastCause = -1;
  let lastSendMsgId = -1;
  let lastRecord = -1;
  let maxValue = -1;
  const sends = new SendIndex();
  const writeValueRef = (v: unknown): void => {
    const id = valueId(v);
    w.uvar(zigzag(id - (maxValue + 1)));
    if (id > maxValue) maxValue = id;
  };
  for (let i = 0; i < n; i++) {
    const k = kind[i] as number;
    const ti = t[i] as number;
    const ci = cause[i] as number;
    const mid = msgId[i] as number;
    let header = k;
    let timeMode = TIME_F64;
    const d = ti - prevT;
    if (Object.is(ti, prevT)) timeMode = TIME_SAME;
    else if (d > 0 && Number.isSafeInteger(d) && prevT + d === ti) timeMode = TIME_DELTA;
    header |= timeMode << 4;
    const hasCause = k !== K_START && k !== K_FAULT;
    const isMessageEvent = k === K_DELIVER || k === K_DROP || k === K_DUPLICATE;
    const sent = isMessageEvent && sends.find(mid);
    let implicitCause = false;
    if (hasCause) implicitCause = isMessageEvent ? sent && sends.foundIndex === ci : ci === lastCause;
    if (implicitCause) header |= IMPLICIT_CAUSE;
    const to = k === K_DROP ? (b[i] as number) % REASON_SHIFT : (b[i] as number);
    let extra = false;
    let record = -1;
    switch (k) {
      case K_SEND:
        extra = mid === lastSendMsgId + 1;
        break;
      case K_DELIVER:
      case K_DROP:
        extra = sent && sends.foundFrom === a[i] && sends.foundTo === to;
        break;
      case K_HISTORY:
        record = recordOf(ref[i]);
        extra = record === lastRecord + 1;
        break;
      case K_NOTE:
        extra = columns.noteData.has(i);
        break;
    }
    if (extra) header |= EXTRA;
    w.u8(header);
    if (timeMode === TIME_DELTA) w.uvar(d);
    else if (timeMode === TIME_F64) w.f64(ti);
    prevT = ti;
    if (hasCause) {
      if (!implicitCause) w.uvar(ci === -1 ? 0 : zigzag(i - ci) + 1);
      lastCause = ci;
    }
    switch (k) {
      case K_START:
        w.uvar(a[i] as number);
        break;
      case K_SEND:
        if (!extra) w.uvar(zigzag(mid - (lastSendMsgId + 1)));
        w.uvar(a[i] as number);
        w.uvar(to);
        writeValueRef(ref[i]);
        lastSendMsgId = mid;
        sends.set(mid, i, a[i] as number, to);
        break;
      case K_DELIVER:
      case K_DROP:
        w.uvar(zigzag(lastSendMsgId - mid));
        if (!extra) {
          w.uvar(a[i] as number);
          w.uvar(to);
        }
        if (k === K_DROP) w.uvar(((b[i] as number) - to) / REASON_SHIFT);
        break;
      case K_DUPLICATE:
        w.uvar(zigzag(lastSendMsgId - mid));
        break;
      case K_TIMER:
        w.uvar(a[i] as number);
        w.uvar(tables.stringId(stringRef(ref[i], i, 'timer name')));
        break;
      case K_FAULT:
        writeValueRef(ref[i]);
        break;
      case K_HISTORY:
        if (!extra) w.uvar(record);
        lastRecord = record;
        break;
      case K_NOTE:
        w.uvar(a[i] as number);
        w.uvar(tables.stringId(stringRef(ref[i], i, 'note label')));
        if (extra) writeValueRef(columns.noteData.get(i));
        break;
      default:
        throw new TraceEncodeError(`trace column ${i} has unknown kind code ${k}`);
    }
  }
  const events = w.finish();

  // Assemble: the tables are complete only now, but the decoder needs them first.
  const out = new ByteWriter(HEADER_BYTES + events.length + values.out.pos + records.pos + 64 * tables.strings.length + 1024);
  for (let i = 0; i < 4; i++) out.u8(TRACE_ENCODING_MAGIC.charCodeAt(i));
  out.u8(TRACE_ENCODING_VERSION & 0xff);
  out.u8(TRACE_ENCODING_VERSION >> 8);
  out.u8(0);
  out.u8(0);
  out.u32(0); // body length, patched below
  out.u32(0); // CRC-32, patched below
  out.uvar(tables.strings.length);
  for (const s of tables.strings) out.str(s);
  out.uvar(tables.shapes.length);
  for (const keys of tables.shapes) {
    out.uvar(keys.length);
    for (const k of keys) out.uvar(k);
  }
  out.uvar(endpointCount);
  out.uvar(nodeCount);
  for (const id of endpointIds) out.uvar(id);
  out.uvar(values.count);
  out.bytes(values.out.finish());
  out.uvar(recordCount);
  out.uvar(history.length);
  out.bytes(records.finish());
  out.bytes(events);
  const bytes = out.finish();
  out.patchU32(8, bytes.length - HEADER_BYTES);
  out.patchU32(12, crc32(bytes, HEADER_BYTES));
  return bytes;
}

function stringRef(v: unknown, i: number, what: string): string {
  if (typeof v !== 'string') throw new TraceEncodeError(`trace event ${i}: the ${what} is a ${typeof v}, not a string`);
  return v;
}

/** Map key for a short byte string (one char per byte: no decoding, cheap to hash). */
function bytesKey(b: Uint8Array): string {
  if (b.length <= 1024) return String.fromCharCode.apply(null, b as unknown as number[]);
  let s = '';
  for (let i = 0; i < b.length; i += 1024) s += String.fromCharCode.apply(null, b.subarray(i, i + 1024) as unknown as number[]);
  return s;
}

export function decodeRun(bytes: Uint8Array): DecodedRun {
  const { nodes, columns, history } = decodeColumns(bytes);
  return { nodes, events: columns.events(), history };
}

/** Decode into columns: the fast path for a view, with no object per event. */
export function decodeColumns(bytes: Uint8Array): DecodedColumns {
  const bodyEnd = checkHeader(bytes);
  const r = new ByteReader(bytes, HEADER_BYTES, bodyEnd);
  const strings = readCounted(r, 'string', () => r.str('string'));
  const tables: DecodeTables = {
    strings,
    shapes: readCounted(r, 'shape', () => readCounted(r, 'shape key', () => stringAt({ strings, shapes: [] }, r.uvar('key id')))),
  };
  const endpointCount = r.uvar('endpoint count');
  const nodeCount = r.uvar('node count');
  if (endpointCount > r.end - r.pos || nodeCount > endpointCount) {
    throw new TraceDecodeError(`corrupt: ${nodeCount} nodes of ${endpointCount} endpoints`);
  }
  const endpoints: NodeId[] = [];
  for (let i = 0; i < endpointCount; i++) endpoints.push(stringAt(tables, r.uvar('endpoint id')));
  const values = readCounted(r, 'value', () => readValue(r, tables));
  const recordCount = r.uvar('history record count');
  const historyLength = r.uvar('history length');
  if (recordCount > r.end - r.pos || historyLength > recordCount) {
    throw new TraceDecodeError(`corrupt: history of ${historyLength} out of ${recordCount} records`);
  }
  const records: HistoryEvent[] = [];
  for (let i = 0; i < recordCount; i++) records.push(readValue(r, tables) as HistoryEvent);

  const n = r.uvar('event count');
  if (n > r.end - r.pos) throw new TraceDecodeError(`corrupt: ${n} events cannot fit in the ${r.end - r.pos} bytes left`);
  const columns = new TraceColumns(endpoints, Math.max(16, n));
  const endpoint = (what: string): number => {
    const e = r.uvar(what);
    if (e >= endpointCount)
      throw new TraceDecodeError(`corrupt: ${what} ${e} at byte ${r.pos} is not one of the ${endpointCount} endpoints`);
    return e;
  };
  const value = (what: string): unknown => {
    const id = unzigzag(r.uvar(what)) + maxValue + 1;
    if (!(id >= 0 && id < values.length)) throw new TraceDecodeError(`corrupt: ${what} ${id} is not one of the ${values.length} values`);
    if (id > maxValue) maxValue = id;
    return values[id];
  };
  let prevT = 0;
  let lastCause = -1;
  let lastSendMsgId = -1;
  let lastRecord = -1;
  let maxValue = -1;
  const sends = new SendIndex();
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const header = r.u8('event header');
    const k = header & 0x0f;
    const timeMode = (header >> 4) & 3;
    const implicit = (header & IMPLICIT_CAUSE) !== 0;
    const extra = (header & EXTRA) !== 0;
    if (k > MAX_KIND) throw new TraceDecodeError(`corrupt: event ${i} (byte ${at}) has unknown kind ${k}`);
    let ti: number;
    if (timeMode === TIME_SAME) ti = prevT;
    else if (timeMode === TIME_DELTA) ti = prevT + r.uvar('time delta');
    else if (timeMode === TIME_F64) ti = r.f64('time');
    else throw new TraceDecodeError(`corrupt: event ${i} (byte ${at}) has unknown time mode ${timeMode}`);
    prevT = ti;
    const hasCause = k !== K_START && k !== K_FAULT;
    if (!hasCause && implicit)
      throw new TraceDecodeError(`corrupt: event ${i} (byte ${at}) of a kind without a cause has the implicit-cause bit`);
    let ci = -1;
    if (hasCause && !implicit) {
      const c = r.uvar('cause');
      ci = c === 0 ? -1 : i - unzigzag(c - 1);
      if (ci < -1 || ci >= i) throw new TraceDecodeError(`corrupt: event ${i} (byte ${at}) names cause ${ci}`);
    }
    if (extra && k !== K_SEND && k !== K_DELIVER && k !== K_DROP && k !== K_HISTORY && k !== K_NOTE) {
      throw new TraceDecodeError(`corrupt: event ${i} (byte ${at}) of kind ${k} has the extra bit`);
    }
    switch (k) {
      case K_START:
        columns.push(K_START, ti, -1, endpoint('node'), 0, 0, null);
        break;
      case K_SEND: {
        if (implicit) ci = lastCause;
        const mid = extra ? lastSendMsgId + 1 : lastSendMsgId + 1 + unzigzag(r.uvar('msgId'));
        const from = endpoint('from');
        const to = endpoint('to');
        columns.push(K_SEND, ti, ci, from, to, mid, value('message value id'));
        lastSendMsgId = mid;
        sends.set(mid, i, from, to);
        break;
      }
      case K_DELIVER:
      case K_DROP:
      case K_DUPLICATE: {
        const mid = lastSendMsgId - unzigzag(r.uvar('msgId'));
        if ((implicit || extra) && !sends.find(mid)) {
          throw new TraceDecodeError(
            `corrupt: event ${i} (byte ${at}) refers to the send of message ${mid}, which the trace does not hold`,
          );
        }
        if (implicit) ci = sends.foundIndex;
        if (k === K_DUPLICATE) {
          columns.push(K_DUPLICATE, ti, ci, 0, 0, mid, null);
          break;
        }
        const from = extra ? sends.foundFrom : endpoint('from');
        const to = extra ? sends.foundTo : endpoint('to');
        if (k === K_DELIVER) {
          columns.push(K_DELIVER, ti, ci, from, to, mid, null);
          break;
        }
        const reason = r.uvar('drop reason');
        if (reason >= DROP_REASONS.length) throw new TraceDecodeError(`corrupt: event ${i} (byte ${at}) has unknown drop reason ${reason}`);
        columns.push(K_DROP, ti, ci, from, to + reason * REASON_SHIFT, mid, null);
        break;
      }
      case K_TIMER: {
        if (implicit) ci = lastCause;
        const node = endpoint('node');
        columns.push(K_TIMER, ti, ci, node, 0, 0, stringAt(tables, r.uvar('timer name id')));
        break;
      }
      case K_FAULT:
        columns.push(K_FAULT, ti, -1, 0, 0, 0, value('fault value id'));
        break;
      case K_HISTORY: {
        if (implicit) ci = lastCause;
        const rec = extra ? lastRecord + 1 : r.uvar('history record');
        if (rec >= recordCount)
          throw new TraceDecodeError(`corrupt: event ${i} (byte ${at}) names history record ${rec} of ${recordCount}`);
        columns.push(K_HISTORY, ti, ci, 0, 0, 0, records[rec]);
        lastRecord = rec;
        break;
      }
      case K_NOTE: {
        if (implicit) ci = lastCause;
        const node = endpoint('node');
        const label = stringAt(tables, r.uvar('note label id'));
        const idx = columns.push(K_NOTE, ti, ci, node, 0, 0, label);
        if (extra) columns.noteData.set(idx, value('note data value id'));
        break;
      }
    }
    if (hasCause) lastCause = ci;
  }
  if (r.pos !== r.end) throw new TraceDecodeError(`corrupt: ${r.end - r.pos} bytes left over after the last event`);
  return { nodes: endpoints.slice(0, nodeCount), columns, history: records.slice(0, historyLength) };
}

/** Validate the header and CRC; returns where the body ends. */
function checkHeader(bytes: Uint8Array): number {
  if (!(bytes instanceof Uint8Array)) throw new TraceDecodeError('a trace encoding is a Uint8Array');
  if (bytes.length < HEADER_BYTES)
    throw new TraceDecodeError(`truncated: ${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte header`);
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== TRACE_ENCODING_MAGIC.charCodeAt(i))
      throw new TraceDecodeError(`not a trace encoding (the first bytes are not "${TRACE_ENCODING_MAGIC}")`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== TRACE_ENCODING_VERSION) {
    throw new TraceDecodeError(`unsupported trace encoding version ${version} (this build reads version ${TRACE_ENCODING_VERSION})`);
  }
  const flags = view.getUint16(6, true);
  if (flags !== 0) throw new TraceDecodeError(`unsupported trace encoding flags 0x${flags.toString(16)}`);
  const length = view.getUint32(8, true);
  if (HEADER_BYTES + length !== bytes.length) {
    const how = HEADER_BYTES + length > bytes.length ? 'truncated' : 'corrupt';
    throw new TraceDecodeError(`${how}: the header says ${length} body bytes, there are ${bytes.length - HEADER_BYTES}`);
  }
  const crc = view.getUint32(12, true);
  const actual = crc32(bytes, HEADER_BYTES);
  if (crc !== actual) throw new TraceDecodeError(`corrupt: CRC-32 of the body is ${hex(actual)}, the header says ${hex(crc)}`);
  return bytes.length;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function readCounted<T>(r: ByteReader, what: string, read: () => T): T[] {
  const count = r.uvar(`${what} count`);
  // Every item takes at least one byte, so a count beyond the bytes left is corrupt (and must not
  // make the decoder allocate a huge array).
  if (count > r.end - r.pos) throw new TraceDecodeError(`corrupt: ${count} ${what}s cannot fit in the ${r.end - r.pos} bytes left`);
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(read());
  return out;
}
