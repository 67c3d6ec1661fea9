/**
 * Hint files: written by compaction next to each output segment so a restart can rebuild the
 * index without reading values (Bitcask's hint files). A hint names, for every record in its
 * segment, the key and where the record lies.
 *
 *   file   := entry* footer
 *   entry  := keyLength u32 LE | recordOffset u32 LE | recordLength u32 LE | key (keyLength bytes)
 *   footer := magic u32 LE 0x544e4948 ("HINT") | entryCount u32 LE | crc u32 LE
 *
 * `crc` is the CRC-32 of every byte before it. A hint is only an accelerator: one that is
 * missing or fails validation is ignored and the segment is scanned instead.
 */
import { crc32 } from '../codec/crc32';

const MAGIC = 0x544e4948;
const ENTRY_HEADER = 12;
const FOOTER = 12;

export interface HintEntry {
  key: Uint8Array;
  offset: number;
  length: number;
}

export function encodeHint(entries: readonly HintEntry[]): Uint8Array {
  let size = FOOTER;
  for (const e of entries) size += ENTRY_HEADER + e.key.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const e of entries) {
    view.setUint32(at, e.key.length, true);
    view.setUint32(at + 4, e.offset, true);
    view.setUint32(at + 8, e.length, true);
    out.set(e.key, at + ENTRY_HEADER);
    at += ENTRY_HEADER + e.key.length;
  }
  view.setUint32(at, MAGIC, true);
  view.setUint32(at + 4, entries.length, true);
  view.setUint32(at + 8, crc32(out, 0, 0, at + 8), true);
  return out;
}

/** The entries of a valid hint file, or null if it is truncated, corrupt or not a hint file. */
export function decodeHint(data: Uint8Array): HintEntry[] | null {
  if (data.length < FOOTER) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const end = data.length - FOOTER;
  if (view.getUint32(end, true) !== MAGIC) return null;
  if (view.getUint32(end + 8, true) !== crc32(data, 0, 0, end + 8)) return null;
  const count = view.getUint32(end + 4, true);
  const entries: HintEntry[] = [];
  let at = 0;
  while (at < end) {
    if (end - at < ENTRY_HEADER) return null;
    const keyLength = view.getUint32(at, true);
    if (at + ENTRY_HEADER + keyLength > end) return null;
    entries.push({
      offset: view.getUint32(at + 4, true),
      length: view.getUint32(at + 8, true),
      key: data.slice(at + ENTRY_HEADER, at + ENTRY_HEADER + keyLength),
    });
    at += ENTRY_HEADER + keyLength;
  }
  return entries.length === count ? entries : null;
}
