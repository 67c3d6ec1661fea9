/**
 * Merge/compaction of a hash log (Bitcask's "merge"), always a full one: the active segment is
 * rolled first (if it holds anything), so every segment but the fresh, empty active one is an
 * input. Only the values the index still points at are copied, so overwritten values and
 * tombstones disappear; since every older segment is an input, no older record of a deleted key
 * survives for a dropped tombstone to have hidden. Outputs use the compacted layout
 * (keyedSegment.ts), whose key section is the segment's own hint.
 *
 * Crash safety, step by step:
 * 0. rolling syncs the old active segment and makes the new one's name durable, so every write
 *    the index reflects is durable before any input record is dropped;
 * 1. outputs are written as `*.tmp`, each synced, then renamed and the directory synced; a crash
 *    before that leaves only `.tmp` files (or some renames not yet durable, which revert), and
 *    open() deletes `.tmp` files: the inputs alone hold the state;
 * 2. the index is switched to the outputs;
 * 3. inputs are removed oldest first, the directory synced after each. A crash between 1 and 3
 *    leaves the newest inputs and the outputs side by side: outputs replay after their inputs
 *    (see segmentName.ts) and put back exactly the live values the inputs end with, and a
 *    surviving input's tombstone or put can only be overridden by the outputs, never revived by
 *    an older input, so the recovered state is the same either way.
 */
import { joinPath } from '../fs/paths';
import { binaryToBytes } from '../codec/bytes';
import { type HashLog, type Location, type Segment } from './hashLog';
import { KEYED_HEADER_BYTES, type KeyedEntry, VALUE_CRC_BYTES, encodeKeyedSegment, keyEntryBytes } from './keyedSegment';
import { type SegmentId, segmentFileName } from './segmentName';

export interface CompactionResult {
  inputSegments: number;
  outputSegments: number;
  bytesBefore: number;
  bytesAfter: number;
}

interface Output {
  id: SegmentId;
  bytes: number;
  /** The index entries it takes over, and where each one's value record lies in it. */
  sources: Array<{ key: string; loc: Location }>;
  offsets: number[];
  lengths: number[];
}

export function compactSegments(log: HashLog): CompactionResult {
  if (log.active.bytes > 0) log.roll();
  const inputs = log.segments.slice(0, -1);
  const bytesBefore = inputs.reduce((n, s) => n + s.bytes, 0);
  // Nothing to drop: the inputs are already compacted and every byte in them is live.
  const clean = inputs.every((s) => s.keyed && s.liveBytes + KEYED_HEADER_BYTES === s.bytes);
  if (inputs.length === 0 || clean) return { inputSegments: 0, outputSegments: 0, bytesBefore, bytesAfter: bytesBefore };

  // Live entries of the inputs, in (segment, offset) order so each input is read front to back.
  const order = new Map(inputs.map((s, i) => [s, i]));
  const live: Array<{ key: string; loc: Location; rank: number }> = [];
  for (const [key, loc] of log.index) {
    const rank = order.get(loc.segment);
    if (rank !== undefined) live.push({ key, loc, rank });
  }
  live.sort((a, b) => a.rank - b.rank || a.loc.offset - b.loc.offset);

  const fs = log.fs;
  const newest = inputs[inputs.length - 1] as Segment;
  const outputs: Output[] = [];
  let entries: KeyedEntry[] = [];
  let sources: Array<{ key: string; loc: Location }> = [];
  let size = KEYED_HEADER_BYTES;
  const flush = (): void => {
    const id = { id: newest.id, part: newest.part + outputs.length + 1 };
    const { data, offsets } = encodeKeyedSegment(entries);
    const tmp = fs.open(joinPath(log.dir, `${segmentFileName(id)}.tmp`), 'create');
    tmp.write(0, data);
    tmp.sync();
    tmp.close();
    log.counters.diskBytesWritten += data.length;
    log.counters.fsyncs++;
    outputs.push({ id, bytes: data.length, sources, offsets, lengths: entries.map((e) => VALUE_CRC_BYTES + e.value.length) });
    entries = [];
    sources = [];
    size = KEYED_HEADER_BYTES;
  };
  // Each input is read whole, once, front to back, rather than one positioned read per value.
  let current: Segment | undefined;
  let data: Uint8Array = new Uint8Array(0);
  for (const { key, loc } of live) {
    if (loc.segment !== current) {
      current = loc.segment;
      data = current.handle.read(0, current.bytes);
      log.counters.diskBytesRead += data.length;
    }
    const keyBytes = binaryToBytes(key);
    // Copied, not a view: a view would keep every input read so far in memory until the output is written.
    const value = log.checkValue(keyBytes, loc, data.subarray(loc.offset, loc.offset + loc.length)).slice();
    entries.push({ key: keyBytes, value });
    sources.push({ key, loc });
    size += keyEntryBytes(keyBytes.length, value.length) + VALUE_CRC_BYTES + value.length;
    if (size >= log.segmentBytes) flush();
  }
  // Everything deleted: no outputs at all, the inputs just go.
  if (entries.length > 0) flush();

  for (const o of outputs) fs.rename(joinPath(log.dir, `${segmentFileName(o.id)}.tmp`), joinPath(log.dir, segmentFileName(o.id)));
  fs.syncDir(log.dir);
  log.counters.fsyncs++;

  const opened: Segment[] = outputs.map((o) => {
    const s = log.openSegment(o.id, false);
    o.sources.forEach(({ key, loc }, i) => log.relocate(key, loc, s, o.offsets[i] as number, o.lengths[i] as number));
    return s;
  });
  // Oldest first, each removal durable before the next: whatever a crash leaves is the newest
  // inputs plus the outputs, never an older put without the newer tombstone that hid it.
  for (const s of inputs) {
    s.handle.close();
    fs.remove(log.path(s));
    fs.syncDir(log.dir);
    log.counters.fsyncs++;
  }
  log.segments = [...opened, log.active];
  log.counters.compactions++;
  return {
    inputSegments: inputs.length,
    outputSegments: outputs.length,
    bytesBefore,
    bytesAfter: outputs.reduce((n, o) => n + o.bytes, 0),
  };
}
