/**
 * Pure operations on decoded B-tree nodes: search, insert into a leaf, and the splits. They
 * never touch files; the tree (bTree.ts) decides when to call them and logs the result.
 */
import { compareBytes, copyBytes } from '../codec/bytes';
import { type BTreeNode, type InternalNode, type LeafNode, internalCellBytes, leafCellBytes } from './pageFormat';

/** First index whose key is >= `key` (the insertion point). */
export function lowerBound(keys: readonly Uint8Array[], key: Uint8Array): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBytes(keys[mid] as Uint8Array, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the child of `node` that covers `key`: the number of separators <= key. */
export function childIndex(node: InternalNode, key: Uint8Array): number {
  let lo = 0;
  let hi = node.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBytes(node.keys[mid] as Uint8Array, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The split point that halves the cells' bytes, kept within [1, n-1] so both sides are non-empty. */
function splitPoint(sizes: readonly number[]): number {
  const total = sizes.reduce((a, b) => a + b, 0);
  let acc = 0;
  let m = 0;
  while (m < sizes.length && acc + (sizes[m] as number) <= total / 2) acc += sizes[m++] as number;
  return Math.min(Math.max(m, 1), sizes.length - 1);
}

/**
 * Splits an overfull leaf: `leaf` keeps the lower half, the returned right node (with id
 * `rightId`) the upper half; the separator pushed up is the right node's first key.
 * `appendOnly` (the key just inserted is the last of the rightmost leaf, as in a sequential
 * load) moves only that key to the new leaf and leaves this one full: SQLite's "quick balance".
 * An even split there would leave a half-full leaf behind that no later insert ever fills.
 */
export function splitLeaf(leaf: LeafNode, rightId: number, appendOnly = false): { right: LeafNode; separator: Uint8Array } {
  const m = appendOnly ? leaf.keys.length - 1 : splitPoint(leaf.keys.map((k, i) => leafCellBytes(k, leaf.values[i] as Uint8Array)));
  const right: LeafNode = { kind: 'leaf', id: rightId, keys: leaf.keys.splice(m), values: leaf.values.splice(m), next: leaf.next };
  leaf.next = rightId;
  // A copy: leaf keys are views of the write's log record, and a separator lives in inner pages,
  // which stay cached, so a view would keep that whole record in memory.
  return { right, separator: copyBytes(right.keys[0] as Uint8Array) };
}

/**
 * Splits an overfull internal node; its middle key moves up to the parent (it stays in neither
 * half). `appendOnly` (the right edge of a sequential load) keeps all but the last key here.
 */
export function splitInternal(node: InternalNode, rightId: number, appendOnly = false): { right: InternalNode; separator: Uint8Array } {
  // At most n-2, so the right half keeps at least one key besides the one that moves up.
  const m = Math.max(0, Math.min(appendOnly ? Infinity : splitPoint(node.keys.map(internalCellBytes)), node.keys.length - 2));
  const separator = node.keys[m] as Uint8Array;
  const right: InternalNode = { kind: 'internal', id: rightId, keys: node.keys.splice(m + 1), children: node.children.splice(m + 1) };
  node.keys.pop();
  return { right, separator };
}

export function cloneNode(node: BTreeNode): BTreeNode {
  return node.kind === 'leaf'
    ? { kind: 'leaf', id: node.id, keys: [...node.keys], values: [...node.values], next: node.next }
    : { kind: 'internal', id: node.id, keys: [...node.keys], children: [...node.children] };
}
