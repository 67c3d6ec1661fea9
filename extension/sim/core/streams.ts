/**
 * Named random sub-streams. Each concern (a network link, a node, a client, the nemesis) gets its
 * own generator derived from (run seed, label) rather than forked in order of first use, so adding
 * a fault or a client does not shift the random decisions of unrelated parts of the run.
 */
import { createRandom, type Random } from '../../util/prng';

/** FNV-1a 32-bit over the UTF-16 code units of `text`. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A generator for the sub-stream `label` of the run seeded with `seed`. */
export function deriveRandom(seed: number, label: string): Random {
  return createRandom(deriveSeed(seed, label));
}

/** The seed of the sub-stream `label` (what deriveRandom seeds its generator with). */
export function deriveSeed(seed: number, label: string): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ fnv1a32(label)) >>> 0;
}
