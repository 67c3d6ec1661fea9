/**
 * Range iteration over a B-tree: walks a leaf's cells, then follows the right-sibling links,
 * skipping leaves emptied by lazy deletion. The small `key/value/valid/next` interface is the
 * one every engine's iterators share. An iterator is invalidated by any write to its tree.
 */
import { compareBytes } from '../codec/bytes';
import { type BTree } from './bTree';
import { type LeafNode } from './pageFormat';

export class BTreeIterator {
  private readonly version: number;

  constructor(
    private readonly tree: BTree,
    private leaf: LeafNode,
    private index: number,
    private readonly end: Uint8Array | undefined,
  ) {
    this.version = tree.version;
    this.settle();
  }

  valid(): boolean {
    this.tree.checkVersion(this.version);
    return (
      this.index < this.leaf.keys.length && (this.end === undefined || compareBytes(this.leaf.keys[this.index] as Uint8Array, this.end) < 0)
    );
  }

  key(): Uint8Array {
    this.requireValid();
    return this.leaf.keys[this.index] as Uint8Array;
  }

  value(): Uint8Array {
    this.requireValid();
    return this.leaf.values[this.index] as Uint8Array;
  }

  next(): void {
    this.requireValid();
    this.index++;
    this.settle();
  }

  /** Moves past the end of the current leaf (and past empty leaves) to the next cell, if any. */
  private settle(): void {
    while (this.index >= this.leaf.keys.length && this.leaf.next !== 0) {
      const next = this.tree.node(this.leaf.next, true);
      if (next.kind !== 'leaf') throw new Error(`page ${this.leaf.next} is a sibling link target but not a leaf`);
      this.leaf = next;
      this.index = 0;
    }
  }

  private requireValid(): void {
    if (!this.valid()) throw new Error('iterator is not positioned on an entry');
  }
}
