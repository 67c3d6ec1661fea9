/**
 * Exercise "version-vectors" (lab multi-leader-conflicts): detect concurrent writes with version
 * vectors and keep them as siblings instead of silently dropping one.
 *
 * A version vector maps node ids to counters; a missing entry counts as 0. Vector a is "before" b
 * when every entry of a is ≤ the same entry of b and at least one is smaller: then b's write had
 * seen a's, and may replace it. When each has an entry larger than the other's, neither write saw
 * the other: they are concurrent, and both must be kept.
 *
 * Checked by tests/version-vectors.test.ts, which ships with DDIA Labs:
 *   - "compare orders vectors by happened-before, with missing entries as 0"
 *   - "merge takes the entry-wise maximum"
 *   - "addSibling keeps concurrent versions and drops superseded ones"
 *   - "a multi-leader cluster keeps every concurrent write, over 200 seeds with partitions and crashes"
 */

export type VersionVector = Record<string, number>;
export type Order = 'before' | 'after' | 'equal' | 'concurrent';

/** A value with the version vector of the write that produced it. */
export interface Sibling {
  value: unknown;
  vv: VersionVector;
}

/** How a relates to b: 'before' (b saw a), 'after' (a saw b), 'equal', or 'concurrent'. */
export function compare(a: VersionVector, b: VersionVector): Order {
  let less = false;
  let greater = false;
  for (const node of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[node] ?? 0;
    const y = b[node] ?? 0;
    if (x < y) less = true;
    if (x > y) greater = true;
  }
  if (less && greater) return 'concurrent';
  if (less) return 'before';
  if (greater) return 'after';
  return 'equal';
}

/** The smallest vector that is after-or-equal both: the entry-wise maximum. */
export function merge(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const [node, n] of Object.entries(b)) out[node] = Math.max(out[node] ?? 0, n);
  return out;
}

/**
 * The sibling set after `s` arrives: drop siblings s supersedes, keep the ones concurrent with it,
 * and ignore s itself if a sibling already supersedes or equals it (a duplicate or old version).
 */
export function addSibling(siblings: readonly Sibling[], s: Sibling): Sibling[] {
  if (
    siblings.some((c) => {
      const o = compare(c.vv, s.vv);
      return o === 'after' || o === 'equal';
    })
  )
    return [...siblings];
  return siblings.filter((c) => compare(c.vv, s.vv) !== 'before').concat([s]);
}
