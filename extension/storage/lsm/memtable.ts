/**
 * The memtable: the newest writes, in key order, before they are flushed to a sorted table.
 * Tracks an approximate byte size (key + value + per-entry overhead) so the engine knows when
 * to flush.
 */
import { type Random } from '../../util/prng';
import { type KvIterator } from './iterator';
import { SkipList } from './skipList';

/** A rough per-entry cost of the skip-list node, so many tiny entries still trigger a flush. */
const ENTRY_OVERHEAD_BYTES = 16;

export class Memtable {
  private readonly list: SkipList;
  private bytes = 0;

  constructor(random: Random) {
    this.list = new SkipList(random);
  }

  get approximateBytes(): number {
    return this.bytes;
  }

  get entryCount(): number {
    return this.list.size;
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.account(key, value, this.list.set(key, value));
  }

  delete(key: Uint8Array): void {
    this.account(key, null, this.list.set(key, null));
  }

  private account(key: Uint8Array, value: Uint8Array | null, old: Uint8Array | null | undefined): void {
    if (old === undefined) this.bytes += key.length + ENTRY_OVERHEAD_BYTES;
    else this.bytes -= old?.length ?? 0;
    this.bytes += value?.length ?? 0;
  }

  /** `undefined`: not here (look in tables); `null`: deleted here (stop looking). */
  get(key: Uint8Array): Uint8Array | null | undefined {
    return this.list.get(key);
  }

  iterator(): KvIterator {
    return this.list.iterator();
  }

  heights(): number[] {
    return this.list.heights();
  }
}
