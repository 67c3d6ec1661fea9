/**
 * The B-tree's meta page (page 0 of the page file). It holds two 64-byte slots, at offsets 0 and
 * 512; on open the valid slot with the higher sequence number wins. A checkpoint writes the new
 * meta into slot `sequence % 2`, fsyncs, then copies it into the other slot and fsyncs again: a
 * torn first write leaves the previous checkpoint's slot (and the WAL still holds what recovery
 * needs, see bTree.ts), and once both are written, one damaged slot leaves an identical copy.
 *
 *   offset  size  field (within a slot)
 *   0       4     crc            u32 LE, CRC-32 of bytes [4, 64)
 *   4       4     magic          u32 LE 0x45525442 ("BTRE")
 *   8       4     pageSize       u32 LE
 *   12      4     sequence       u32 LE, incremented at each checkpoint
 *   16      4     root           u32 LE, root page id
 *   20      4     pageCount      u32 LE, pages allocated (the next new page id)
 *   24      8     checkpointLsn  f64 LE, WAL records with lsn <= this are already in the page file
 *   32      32    zero
 */
import { crc32 } from '../codec/crc32';

export const META_SLOT_BYTES = 64;
export const META_SLOT_OFFSETS = [0, 512] as const;
const MAGIC = 0x45525442;

export interface TreeMeta {
  pageSize: number;
  sequence: number;
  root: number;
  pageCount: number;
  checkpointLsn: number;
}

export function encodeMeta(meta: TreeMeta): Uint8Array {
  const out = new Uint8Array(META_SLOT_BYTES);
  const view = new DataView(out.buffer);
  view.setUint32(4, MAGIC, true);
  view.setUint32(8, meta.pageSize, true);
  view.setUint32(12, meta.sequence, true);
  view.setUint32(16, meta.root, true);
  view.setUint32(20, meta.pageCount, true);
  view.setFloat64(24, meta.checkpointLsn, true);
  view.setUint32(0, crc32(out, 0, 4, META_SLOT_BYTES), true);
  return out;
}

export function decodeMeta(slot: Uint8Array): TreeMeta | null {
  if (slot.length < META_SLOT_BYTES) return null;
  const view = new DataView(slot.buffer, slot.byteOffset, slot.byteLength);
  if (view.getUint32(0, true) !== crc32(slot, 0, 4, META_SLOT_BYTES) || view.getUint32(4, true) !== MAGIC) return null;
  return {
    pageSize: view.getUint32(8, true),
    sequence: view.getUint32(12, true),
    root: view.getUint32(16, true),
    pageCount: view.getUint32(20, true),
    checkpointLsn: view.getFloat64(24, true),
  };
}
