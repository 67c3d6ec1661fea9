/**
 * Exercise "page-split" (lab btree-wal): what a B-tree does when a page overflows.
 *
 * This is a B+-tree kept in memory, with pages as plain objects so the splitting logic is all
 * you see. Values live only in leaves; an internal page holds `keys.length + 1` children, and
 * child `i` holds the keys k with keys[i − 1] ≤ k < keys[i] (a key equal to a separator goes
 * right). A page holds at most `maxKeys` keys; inserting into a full page makes it hold
 * `maxKeys + 1` for a moment, and then it must split in two:
 *
 * - `splitLeaf`: the left page keeps the first ⌈n / 2⌉ entries, the right page the rest, and
 *   the separator pushed up to the parent is a **copy** of the right page's first key (it must
 *   stay in the leaf, because leaves hold the data).
 * - `splitInternal`: with n keys, the key at index ⌊n / 2⌋ **moves up** as the separator and is
 *   in neither half; the left page keeps the keys before it and the children they route to, the
 *   right page the keys after it and theirs.
 *
 * Neither function may modify its argument. `BTreeMemory` below (already written) calls them
 * and grows a new root when the old root splits — the only way a B-tree gets taller.
 *
 * Checked by tests/page-split.test.ts:
 *   - "splitLeaf: lower half left, upper half right, separator = right's first key"
 *   - "splitLeaf: values travel with their keys, the input is unchanged"
 *   - "splitInternal: the middle key moves up and is in neither half"
 *   - "splitInternal: each half has one more child than keys"
 *   - "2 000 shuffled inserts keep every B-tree invariant (seed 11)"
 */

export interface LeafPage {
  readonly kind: 'leaf';
  readonly keys: readonly string[];
  readonly values: readonly string[];
}

export interface InternalPage {
  readonly kind: 'internal';
  readonly keys: readonly string[];
  readonly children: readonly Page[];
}

export type Page = LeafPage | InternalPage;

export interface Split<P extends Page> {
  readonly left: P;
  readonly right: P;
  /** The key the parent uses to route between `left` and `right`. */
  readonly separator: string;
}

/** Splits an overflowing leaf into two leaves; the separator is a copy of the right leaf's first key. */
export function splitLeaf(leaf: LeafPage): Split<LeafPage> {
  const mid = Math.ceil(leaf.keys.length / 2);
  const right: LeafPage = { kind: 'leaf', keys: leaf.keys.slice(mid), values: leaf.values.slice(mid) };
  return {
    left: { kind: 'leaf', keys: leaf.keys.slice(0, mid), values: leaf.values.slice(0, mid) },
    right,
    separator: right.keys[0] as string,
  };
}

/** Splits an overflowing internal page; its middle key moves up as the separator. */
export function splitInternal(page: InternalPage): Split<InternalPage> {
  const mid = Math.floor(page.keys.length / 2);
  return {
    left: { kind: 'internal', keys: page.keys.slice(0, mid), children: page.children.slice(0, mid + 1) },
    right: { kind: 'internal', keys: page.keys.slice(mid + 1), children: page.children.slice(mid + 1) },
    separator: page.keys[mid] as string,
  };
}

/** The index of the child of `page` that routes `key` (the first separator greater than the key). */
export function childIndex(page: InternalPage, key: string): number {
  let i = 0;
  while (i < page.keys.length && key >= (page.keys[i] as string)) i++;
  return i;
}

/** A B+-tree of immutable pages (given: you do not need to change it). */
export class BTreeMemory {
  root: Page = { kind: 'leaf', keys: [], values: [] };

  constructor(readonly maxKeys: number) {
    if (maxKeys < 3) throw new RangeError('maxKeys must be at least 3');
  }

  get(key: string): string | undefined {
    let page = this.root;
    while (page.kind === 'internal') page = page.children[childIndex(page, key)] as Page;
    const i = page.keys.indexOf(key);
    return i < 0 ? undefined : page.values[i];
  }

  put(key: string, value: string): void {
    const result = this.insert(this.root, key, value);
    if (Array.isArray(result)) {
      const [split] = result as [Split<Page>];
      this.root = { kind: 'internal', keys: [split.separator], children: [split.left, split.right] };
    } else this.root = result as Page;
  }

  /** Inserts into the subtree at `page`; returns the new page, or `[split]` when it overflowed. */
  private insert(page: Page, key: string, value: string): Page | [Split<Page>] {
    if (page.kind === 'leaf') {
      let i = 0;
      while (i < page.keys.length && (page.keys[i] as string) < key) i++;
      const keys = [...page.keys];
      const values = [...page.values];
      if (keys[i] === key) values[i] = value;
      else {
        keys.splice(i, 0, key);
        values.splice(i, 0, value);
      }
      const leaf: LeafPage = { kind: 'leaf', keys, values };
      return keys.length > this.maxKeys ? [splitLeaf(leaf)] : leaf;
    }
    const c = childIndex(page, key);
    const result = this.insert(page.children[c] as Page, key, value);
    const keys = [...page.keys];
    const children = [...page.children];
    if (Array.isArray(result)) {
      const [split] = result as [Split<Page>];
      keys.splice(c, 0, split.separator);
      children.splice(c, 1, split.left, split.right);
    } else children[c] = result as Page;
    const node: InternalPage = { kind: 'internal', keys, children };
    return keys.length > this.maxKeys ? [splitInternal(node)] : node;
  }
}
