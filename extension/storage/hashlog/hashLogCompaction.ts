/**
 * Merge/compaction of a hash log's closed segments (Bitcask's "merge"). It copies only the
 * records the index still points at, so overwritten values and tombstones disappear: every
 * segment older than the active one is an input, hence no older copy of a deleted key survives
 * for a dropped tombstone to have hidden.
 *
 * Crash safety, step by step:
 * 0. the active segment is synced first (see the comment in the code);
 * 1. outputs and their hints are written as `*.tmp`, synced, then renamed and the directory
 *    synced; a crash before that leaves only `.tmp` files, which open() deletes;
 * 2. the index is switched to the outputs;
 * 3. inputs are removed and the directory synced. A crash between 1 and 3 leaves inputs and
 *    outputs side by side: outputs replay after inputs (see segmentName.ts) and hold the same
 *    live values, so the recovered state is the same either way.
 */
import { joinPath } from '../fs/paths';
import { type HashLog, type Location, type Segment } from './hashLog';
import { type HintEntry, encodeHint } from './hintFormat';
import { encodeRecord } from './recordFormat';
import { hintFileName, segmentFileName } from './segmentName';

interface Output {
  id: { id: number; part: number };
  chunks: Uint8Array[];
  bytes: number;
  hints: HintEntry[];
  moves: Array<{ key: string; offset: number; length: number }>;
}

export function compactSegments(log: HashLog): { inputSegments: number; outputSegments: number; bytesBefore: number; bytesAfter: number } {
  const inputs = log.segments.slice(0, -1);
  const bytesBefore = inputs.reduce((n, s) => n + s.bytes, 0);
  if (inputs.length === 0) return { inputSegments: 0, outputSegments: 0, bytesBefore, bytesAfter: 0 };
  const inputSet = new Set<Segment>(inputs);
  // The index reflects unsynced writes in the active segment too. An input record that the index
  // no longer points at was overwritten or deleted by such a write; dropping it is only safe once
  // that newer write is durable, or a crash would lose both (found by the crash test, seed 3).
  log.sync();

  // Live records of the inputs, in (segment, offset) order so each input is read front to back.
  const live: Array<[string, Location]> = [];
  for (const entry of log.index) if (inputSet.has(entry[1].segment)) live.push(entry);
  const order = new Map(inputs.map((s, i) => [s, i]));
  live.sort((a, b) => (order.get(a[1].segment) as number) - (order.get(b[1].segment) as number) || a[1].offset - b[1].offset);

  const newest = inputs[inputs.length - 1] as Segment;
  const outputs: Output[] = [];
  let out: Output | undefined;
  for (const [key, loc] of live) {
    if (!out || out.bytes >= log.segmentBytes) {
      out = { id: { id: newest.id, part: newest.part + outputs.length + 1 }, chunks: [], bytes: 0, hints: [], moves: [] };
      outputs.push(out);
    }
    // Re-encoded rather than copied: the record may have carried a batch's MORE flag, and a
    // lone survivor of a batch must read as a complete batch.
    const { key: keyBytes, value } = log.loadRecord(loc);
    const raw = encodeRecord(keyBytes, value, 0);
    out.chunks.push(raw);
    out.hints.push({ key: keyBytes.slice(), offset: out.bytes, length: loc.length });
    out.moves.push({ key, offset: out.bytes, length: loc.length });
    out.bytes += loc.length;
  }

  const fs = log.fs;
  let bytesAfter = 0;
  for (const o of outputs) {
    for (const [name, data] of [
      [segmentFileName(o.id), concat(o.chunks, o.bytes)],
      [hintFileName(o.id), encodeHint(o.hints)],
    ] as const) {
      const tmp = fs.open(joinPath(log.dir, `${name}.tmp`), 'create');
      tmp.write(0, data);
      tmp.sync();
      tmp.close();
      log.counters.diskBytesWritten += data.length;
      log.counters.fsyncs++;
    }
    bytesAfter += o.bytes;
  }
  // Hints first: a segment that appears with its hint is never mistaken for an active segment.
  for (const o of outputs) fs.rename(joinPath(log.dir, `${hintFileName(o.id)}.tmp`), joinPath(log.dir, hintFileName(o.id)));
  for (const o of outputs) fs.rename(joinPath(log.dir, `${segmentFileName(o.id)}.tmp`), joinPath(log.dir, segmentFileName(o.id)));
  fs.syncDir(log.dir);
  log.counters.fsyncs++;

  const opened: Segment[] = outputs.map((o) => {
    const s = log.openSegment(o.id, false);
    s.hasHint = true;
    for (const m of o.moves) log.indexAt(m.key, { segment: s, offset: m.offset, length: m.length });
    return s;
  });
  for (const s of inputs) {
    s.handle.close();
    fs.remove(log.path(s));
    if (s.hasHint) fs.remove(joinPath(log.dir, hintFileName(s)));
  }
  fs.syncDir(log.dir);
  log.counters.fsyncs++;
  log.segments = [...opened, log.active];
  log.counters.compactions++;
  return { inputSegments: inputs.length, outputSegments: outputs.length, bytesBefore, bytesAfter };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
