/**
 * Simulation traces: every event the main loop processed or decided, in order, as plain JSON.
 *
 * Each event has `i` (its index in the trace), `t` (virtual time, ms) and `k` (kind). `cause` is
 * the index of the event during whose handling this one was produced (a send's cause is the
 * delivery or timer being handled; a delivery's cause is its send), so the stepper can walk back
 * from any event to the client operation, and its source line, that started the chain.
 *
 * Trace file format (version 1), what exportTrace writes and importTrace reads:
 *   { "format": "ddia-labs-trace", "version": 1, "scenario": string, "seed": number,
 *     "options": object, "hash": string, "events": TraceEvent[], "history": HistoryEvent[] }
 * `hash` is traceHash(events); import recomputes it and rejects a file whose events do not match.
 */
import { createHash } from 'node:crypto';
import { type Fault } from './faults';
import { type HistoryEvent } from './history';
import { type NodeId } from './node';

export type TraceEvent =
  | { i: number; t: number; k: 'start'; node: NodeId }
  | { i: number; t: number; k: 'send'; cause: number; from: NodeId; to: NodeId; msgId: number; msg: unknown }
  | { i: number; t: number; k: 'deliver'; cause: number; from: NodeId; to: NodeId; msgId: number }
  | { i: number; t: number; k: 'drop'; cause: number; from: NodeId; to: NodeId; msgId: number; reason: 'loss' | 'partition' | 'down' }
  | { i: number; t: number; k: 'duplicate'; cause: number; msgId: number }
  | { i: number; t: number; k: 'timer'; cause: number; node: NodeId; name: string }
  | { i: number; t: number; k: 'fault'; fault: Fault }
  | { i: number; t: number; k: 'history'; cause: number; event: HistoryEvent }
  | { i: number; t: number; k: 'note'; cause: number; node: NodeId; label: string; data?: unknown };

export type TraceKind = TraceEvent['k'];

export const TRACE_FORMAT = 'ddia-labs-trace';
export const TRACE_VERSION = 1;

export interface TraceFile {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  scenario: string;
  seed: number;
  options: unknown;
  hash: string;
  events: TraceEvent[];
  history: HistoryEvent[];
}

/**
 * SHA-256 (hex, first 16 bytes) over the events' JSON, one per line. Deterministic across processes.
 * Lines are handed to the hash in chunks of about 64 KiB: the digest is the same as line by line
 * (SHA-256 of a concatenation does not depend on how it is split), and one update() per line
 * cost more than the hashing itself.
 */
export function traceHash(events: readonly TraceEvent[]): string {
  return traceHashOf(events.length, (i) => events[i] as TraceEvent);
}

/**
 * traceHash of a trace given by count and accessor: the columns' `event(i)` hashes a recorded
 * trace with one short-lived object at a time instead of the whole array of them.
 */
export function traceHashOf(length: number, eventAt: (i: number) => TraceEvent): string {
  const h = createHash('sha256');
  let chunk = '';
  for (let i = 0; i < length; i++) {
    const e = eventAt(i);
    chunk += JSON.stringify(e) + '\n';
    if (chunk.length >= 65536) {
      h.update(chunk);
      chunk = '';
    }
  }
  if (chunk.length > 0) h.update(chunk);
  return h.digest('hex').slice(0, 32);
}

export function exportTrace(t: Omit<TraceFile, 'format' | 'version' | 'hash'>): string {
  const file: TraceFile = { format: TRACE_FORMAT, version: TRACE_VERSION, hash: traceHash(t.events), ...t };
  return JSON.stringify(file);
}

export class TraceImportError extends Error {
  override readonly name = 'TraceImportError';
}

export function importTrace(text: string): TraceFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new TraceImportError(`not JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null) throw new TraceImportError('a trace file is a JSON object');
  const f = raw as Partial<TraceFile>;
  if (f.format !== TRACE_FORMAT) throw new TraceImportError(`not a ${TRACE_FORMAT} file`);
  if (f.version !== TRACE_VERSION)
    throw new TraceImportError(`unsupported trace version ${String(f.version)} (this build reads ${TRACE_VERSION})`);
  if (!Array.isArray(f.events) || !Array.isArray(f.history)) throw new TraceImportError('events and history must be arrays');
  if (typeof f.seed !== 'number' || typeof f.scenario !== 'string') throw new TraceImportError('seed and scenario are required');
  f.events.forEach((e: unknown, i) => {
    const ev = e as Partial<TraceEvent> | null;
    if (typeof ev !== 'object' || ev === null || ev.i !== i || typeof ev.t !== 'number' || typeof ev.k !== 'string') {
      throw new TraceImportError(`event ${i} is malformed`);
    }
  });
  const hash = traceHash(f.events);
  if (hash !== f.hash) throw new TraceImportError(`hash mismatch: file says ${String(f.hash)}, events hash to ${hash}`);
  return f as TraceFile;
}
