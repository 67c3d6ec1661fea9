/**
 * The B-tree's page cache: decoded nodes keyed by page id, evicted least recently used first.
 * A JS Map iterates in insertion order, so "touch" is delete + set and the first key is the
 * LRU victim.
 *
 * No-steal policy: dirty pages (changed since the last checkpoint) are never evicted, because
 * the page file may only receive pages whose WAL images are durable, and a checkpoint is what
 * guarantees that. The cache may therefore exceed its capacity; the tree checkpoints when the
 * dirty share grows too large.
 */
import { type BTreeNode } from './pageFormat';

export class PageCache {
  private readonly nodes = new Map<number, BTreeNode>();
  readonly dirty = new Set<number>();
  hits = 0;
  misses = 0;

  constructor(readonly capacityPages: number) {}

  get size(): number {
    return this.nodes.size;
  }

  /** The cached node, counting a hit or a miss. */
  lookup(id: number): BTreeNode | undefined {
    const node = this.nodes.get(id);
    if (node) {
      this.hits++;
      this.nodes.delete(id);
      this.nodes.set(id, node);
    } else {
      this.misses++;
    }
    return node;
  }

  insert(node: BTreeNode, dirty: boolean): void {
    this.nodes.delete(node.id);
    this.nodes.set(node.id, node);
    if (dirty) this.dirty.add(node.id);
    this.evict();
  }

  peek(id: number): BTreeNode | undefined {
    return this.nodes.get(id);
  }

  markClean(): void {
    this.dirty.clear();
    this.evict();
  }

  clear(): void {
    this.nodes.clear();
    this.dirty.clear();
  }

  private evict(): void {
    if (this.nodes.size <= this.capacityPages) return;
    for (const id of this.nodes.keys()) {
      if (this.nodes.size <= this.capacityPages) break;
      if (!this.dirty.has(id)) this.nodes.delete(id);
    }
  }
}
