/**
 * The B-tree's page cache: decoded nodes keyed by page id. Pages are kept decoded, so a hit
 * costs a map lookup and nothing else; a page is encoded only when a checkpoint writes it out.
 *
 * Eviction is CLOCK (second chance), the LRU approximation most buffer pools use: a hit only
 * sets the entry's reference bit, and the eviction hand sweeps the slots, clearing set bits and
 * evicting the first clean entry whose bit is already clear. An exact LRU (a JS Map re-inserted
 * on every hit) cost more than the whole rest of a cached lookup in the storage benchmark.
 *
 * No-steal policy: dirty pages (changed since the last checkpoint) are never evicted, because
 * the page file may only change at a checkpoint (bTree.ts explains why). The cache may therefore
 * exceed its capacity; the tree checkpoints when the dirty share grows too large.
 */
import { type BTreeNode } from './pageFormat';

interface Slot {
  node: BTreeNode;
  referenced: boolean;
}

export class PageCache {
  private readonly slots = new Map<number, Slot>();
  /** Page ids in clock order; ids of evicted pages are removed lazily by the hand. */
  private ring: number[] = [];
  private hand = 0;
  readonly dirty = new Set<number>();
  hits = 0;
  misses = 0;

  constructor(readonly capacityPages: number) {}

  get size(): number {
    return this.slots.size;
  }

  /** The cached node, counting a hit or a miss. */
  lookup(id: number): BTreeNode | undefined {
    const slot = this.slots.get(id);
    if (slot) {
      this.hits++;
      slot.referenced = true;
      return slot.node;
    }
    this.misses++;
    return undefined;
  }

  insert(node: BTreeNode, dirty: boolean): void {
    const slot = this.slots.get(node.id);
    if (slot) {
      slot.node = node;
      slot.referenced = true;
    } else {
      this.slots.set(node.id, { node, referenced: true });
      this.ring.push(node.id);
    }
    if (dirty) this.dirty.add(node.id);
    this.evict();
  }

  peek(id: number): BTreeNode | undefined {
    return this.slots.get(id)?.node;
  }

  markClean(): void {
    this.dirty.clear();
    this.evict();
  }

  clear(): void {
    this.slots.clear();
    this.dirty.clear();
    this.ring = [];
    this.hand = 0;
  }

  private evict(): void {
    if (this.slots.size <= this.capacityPages) return;
    // Two sweeps clear every reference bit, so a third finds a victim unless all are dirty.
    for (let steps = 3 * this.ring.length; steps > 0 && this.slots.size > this.capacityPages; steps--) {
      if (this.hand >= this.ring.length) this.compactRing();
      const id = this.ring[this.hand] as number;
      const slot = this.slots.get(id);
      if (slot === undefined) {
        this.hand++;
      } else if (slot.referenced) {
        slot.referenced = false;
        this.hand++;
      } else if (this.dirty.has(id)) {
        this.hand++;
      } else {
        this.slots.delete(id);
        this.ring[this.hand] = -1;
        this.hand++;
      }
    }
  }

  /** Drops evicted ids from the ring and restarts the hand at its beginning. */
  private compactRing(): void {
    this.ring = this.ring.filter((id) => id >= 0 && this.slots.has(id));
    this.hand = 0;
  }
}
