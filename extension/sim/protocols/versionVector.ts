/**
 * Version vectors: one counter per node that accepted writes. a dominates b when a ≥ b in every
 * entry and a ≠ b; when neither dominates, the writes were concurrent and both must be kept.
 */
import { type NodeId } from '../core/node';

export type VersionVector = Record<NodeId, number>;

export type VvOrder = 'before' | 'after' | 'equal' | 'concurrent';

export function compareVv(a: VersionVector, b: VersionVector): VvOrder {
  let less = false;
  let greater = false;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k] ?? 0;
    const y = b[k] ?? 0;
    if (x < y) less = true;
    if (x > y) greater = true;
  }
  if (less && greater) return 'concurrent';
  if (less) return 'before';
  if (greater) return 'after';
  return 'equal';
}

export function mergeVv(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, v);
  return out;
}
