/**
 * B-tree node pages: fixed-size (the tree's page size, 4 KiB by default), one node per page.
 *
 *   offset  size  field
 *   0       4     crc       u32 LE, CRC-32 of bytes [4, pageSize)
 *   4       1     kind      1 = leaf, 2 = internal
 *   5       1     reserved  0
 *   6       2     count     u16 LE, number of cells
 *   8       4     link      u32 LE; leaf: right sibling page id (0 = none); internal: leftmost child
 *   12      4     reserved  0
 *   16      ...   cells, packed; unused space after them is zero
 *
 *   leaf cell     := keyLength u16 | valueLength u16 | key | value
 *   internal cell := keyLength u16 | child u32 | key      (child holds keys >= key)
 *
 * Page 0 is the meta page (metaFormat.ts), so 0 never names a node and serves as "no sibling".
 * Entries are limited to a quarter of a page (`maxCellBytes`) so a split always yields two
 * pages that fit; there are no overflow pages.
 */
import { crc32 } from '../codec/crc32';
import { StorageCorruptionError } from '../codec/corruption';

export const PAGE_HEADER_BYTES = 16;
const LEAF = 1;
const INTERNAL = 2;

export interface LeafNode {
  kind: 'leaf';
  id: number;
  keys: Uint8Array[];
  values: Uint8Array[];
  next: number;
}

export interface InternalNode {
  kind: 'internal';
  id: number;
  /** keys.length + 1 children; children[i] holds keys in [keys[i-1], keys[i]). */
  keys: Uint8Array[];
  children: number[];
}

export type BTreeNode = LeafNode | InternalNode;

export function leafCellBytes(key: Uint8Array, value: Uint8Array): number {
  return 4 + key.length + value.length;
}

export function internalCellBytes(key: Uint8Array): number {
  return 6 + key.length;
}

export function maxCellBytes(pageSize: number): number {
  return Math.floor((pageSize - PAGE_HEADER_BYTES) / 4);
}

/** Bytes the node takes encoded. Called after every insert, so a plain loop (no closure). */
export function nodeBytes(node: BTreeNode): number {
  const keys = node.keys;
  let n = PAGE_HEADER_BYTES;
  if (node.kind === 'leaf') {
    const values = node.values;
    for (let i = 0; i < keys.length; i++) n += 4 + (keys[i] as Uint8Array).length + (values[i] as Uint8Array).length;
  } else for (let i = 0; i < keys.length; i++) n += 6 + (keys[i] as Uint8Array).length;
  return n;
}

export function encodePage(node: BTreeNode, pageSize: number): Uint8Array {
  const out = new Uint8Array(pageSize);
  encodePageInto(node, out);
  return out;
}

/** Encodes `node` into `out` (a zeroed page-sized view, say inside a WAL record). */
export function encodePageInto(node: BTreeNode, out: Uint8Array): void {
  const pageSize = out.length;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint8(4, node.kind === 'leaf' ? LEAF : INTERNAL);
  view.setUint16(6, node.keys.length, true);
  view.setUint32(8, node.kind === 'leaf' ? node.next : (node.children[0] as number), true);
  let at = PAGE_HEADER_BYTES;
  const keys = node.keys;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as Uint8Array;
    if (node.kind === 'leaf') {
      const value = node.values[i] as Uint8Array;
      if (at + 4 + key.length + value.length > pageSize) throw new RangeError(`node ${node.id} does not fit a ${pageSize}-byte page`);
      view.setUint16(at, key.length, true);
      view.setUint16(at + 2, value.length, true);
      out.set(key, at + 4);
      out.set(value, at + 4 + key.length);
      at += 4 + key.length + value.length;
    } else {
      if (at + 6 + key.length > pageSize) throw new RangeError(`node ${node.id} does not fit a ${pageSize}-byte page`);
      view.setUint16(at, key.length, true);
      view.setUint32(at + 2, node.children[i + 1] as number, true);
      out.set(key, at + 6);
      at += 6 + key.length;
    }
  }
  view.setUint32(0, crc32(out, 0, 4, pageSize), true);
}

/**
 * Decodes and validates a page; `file` and `offset` name it in a corruption error. Keys and
 * values are views into `page` (one buffer per page instead of two per entry), so `page` must
 * not be reused by the caller.
 */
export function decodePage(page: Uint8Array, id: number, file: string, offset: number): BTreeNode {
  const fail = (reason: string): never => {
    throw new StorageCorruptionError(file, offset, `page ${id}: ${reason}`);
  };
  if (page.length < PAGE_HEADER_BYTES) fail('short page');
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  if (view.getUint32(0, true) !== crc32(page, 0, 4, page.length)) fail('checksum mismatch');
  const kind = view.getUint8(4);
  const count = view.getUint16(6, true);
  const link = view.getUint32(8, true);
  if (kind !== LEAF && kind !== INTERNAL) fail(`unknown kind ${kind}`);
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  const children: number[] = [link];
  let at = PAGE_HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    const head = kind === LEAF ? 4 : 6;
    if (at + head > page.length) fail('cell header past end of page');
    const keyLength = view.getUint16(at, true);
    const valueLength = kind === LEAF ? view.getUint16(at + 2, true) : 0;
    if (at + head + keyLength + valueLength > page.length) fail('cell past end of page');
    keys.push(page.subarray(at + head, at + head + keyLength));
    if (kind === LEAF) values.push(page.subarray(at + head + keyLength, at + head + keyLength + valueLength));
    else children.push(view.getUint32(at + 2, true));
    at += head + keyLength + valueLength;
  }
  return kind === LEAF ? { kind: 'leaf', id, keys, values, next: link } : { kind: 'internal', id, keys, children };
}
