/**
 * Regex search over a profile's frames: which frames match, and the share of the total weight
 * spent with at least one matching frame on the stack. A sample whose stack holds several
 * matches (recursion, or two matching functions) counts once, so the share never exceeds 100%.
 */
import { type CallTree } from '../../perf/model/callTree';
import { type Frame } from '../../perf/model/types';

export type SearchQuery = { readonly ok: true; readonly regex: RegExp } | { readonly ok: false; readonly error: string };

/** Compiles the search box text: a regular expression, case-insensitive unless it has capitals. */
export function compileSearch(text: string): SearchQuery | undefined {
  if (text.trim() === '') return undefined;
  try {
    return { ok: true, regex: new RegExp(text, /[A-Z]/.test(text) ? '' : 'i') };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export interface SearchResult {
  /** 1 for each frame index whose name (or file) matches. */
  readonly frameMatches: Uint8Array;
  readonly matchedFrames: number;
  /** Weight under the outermost matching nodes of the tree. */
  readonly matchedWeight: number;
  /** matchedWeight / the tree's total weight (0 for an empty tree). */
  readonly share: number;
}

export function searchTree(frames: readonly Frame[], tree: CallTree, regex: RegExp): SearchResult {
  const frameMatches = new Uint8Array(frames.length);
  let matchedFrames = 0;
  for (let f = 0; f < frames.length; f++) {
    const fr = frames[f]!;
    if (regex.test(fr.name) || (fr.file !== undefined && regex.test(fr.file))) {
      frameMatches[f] = 1;
      matchedFrames++;
    }
  }
  // covered[i] = node i or an ancestor matches; pre-order guarantees parents come first.
  const nodes = tree.nodes;
  const covered = new Uint8Array(nodes.length);
  let matchedWeight = 0;
  let treeWeight = 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.parent < 0) treeWeight += n.total;
    if (n.parent >= 0 && covered[n.parent]) covered[i] = 1;
    else if (frameMatches[n.frame]) {
      covered[i] = 1;
      matchedWeight += n.total;
    }
  }
  return { frameMatches, matchedFrames, matchedWeight, share: treeWeight > 0 ? matchedWeight / treeWeight : 0 };
}
