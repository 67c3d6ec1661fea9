/**
 * The two call trees a flame graph draws, flattened into pre-order node lists so a view can
 * walk them without recursion:
 *
 * - merged ("left-heavy"): one node per distinct stack, children ordered by total weight,
 *   heaviest first (ties keep first-seen order), `start` = offset of the node inside the
 *   merged total;
 * - time-ordered: one node per call, i.e. per run of consecutive samples that share the
 *   stack prefix; `start` = value at which the call began, relative to the profile's
 *   startValue, so idle gaps show as gaps.
 */
import { IDLE, type Profile } from './types';
import { stackWeights } from './weights';

export interface CallNode {
  readonly stack: number;
  readonly frame: number;
  readonly depth: number;
  /** Index of the parent in the same list; -1 for a root call. */
  readonly parent: number;
  readonly start: number;
  readonly total: number;
  readonly self: number;
}

export interface CallTree {
  readonly nodes: readonly CallNode[];
  /** Extent of the x axis: total weight (merged) or total duration incl. idle (time-ordered). */
  readonly span: number;
}

export function mergedCallTree(profile: Profile): CallTree {
  const { self, total } = stackWeights(profile);
  const n = profile.stackFrame.length;
  // Children lists in interning order; a stable sort by total keeps ties in first-seen order.
  const children: number[][] = [[]];
  for (let s = 0; s < n; s++) children.push([]);
  for (let s = 0; s < n; s++) {
    if ((total[s] as number) > 0) (children[(profile.stackParent[s] as number) + 1] as number[]).push(s);
  }
  for (const list of children) list.sort((a, b) => (total[b] as number) - (total[a] as number));

  const nodes: CallNode[] = [];
  let span = 0;
  for (const s of children[0] as number[]) span += total[s] as number;
  // Explicit stack of [stack, parentNode, depth, start] to survive very deep profiles.
  const work: [number, number, number, number][] = [];
  const roots = children[0] as number[];
  let offset = 0;
  const rootItems: [number, number, number, number][] = [];
  for (const s of roots) {
    rootItems.push([s, -1, 0, offset]);
    offset += total[s] as number;
  }
  for (let i = rootItems.length - 1; i >= 0; i--) work.push(rootItems[i] as [number, number, number, number]);
  while (work.length > 0) {
    const [s, parent, depth, start] = work.pop() as [number, number, number, number];
    const index = nodes.length;
    nodes.push({
      stack: s,
      frame: profile.stackFrame[s] as number,
      depth,
      parent,
      start,
      total: total[s] as number,
      self: self[s] as number,
    });
    const kids = children[s + 1] as number[];
    const starts: number[] = [];
    let at = start;
    for (const k of kids) {
      starts.push(at);
      at += total[k] as number;
    }
    for (let i = kids.length - 1; i >= 0; i--) work.push([kids[i] as number, index, depth + 1, starts[i] as number]);
  }
  return { nodes, span };
}

export function timeOrderedCallTree(profile: Profile): CallTree {
  const { samples, weights, stackParent } = profile;
  const nodes: { stack: number; frame: number; depth: number; parent: number; start: number; total: number; self: number }[] = [];
  const open: number[] = []; // node indices of the open calls, outermost first
  const openStacks: number[] = [];
  let value = 0;
  const path: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as number;
    const w = weights[i] as number;
    path.length = 0;
    for (let p = s; p !== IDLE; p = stackParent[p] as number) path.push(p);
    path.reverse();
    let common = 0;
    while (common < path.length && common < openStacks.length && openStacks[common] === path[common]) common++;
    for (let d = open.length - 1; d >= common; d--) {
      const node = nodes[open[d] as number];
      if (node) node.total = value - node.start;
    }
    open.length = common;
    openStacks.length = common;
    for (let d = common; d < path.length; d++) {
      const st = path[d] as number;
      nodes.push({
        stack: st,
        frame: profile.stackFrame[st] as number,
        depth: d,
        parent: d === 0 ? -1 : (open[d - 1] as number),
        start: value,
        total: 0,
        self: 0,
      });
      open.push(nodes.length - 1);
      openStacks.push(st);
    }
    if (s !== IDLE) {
      const top = nodes[open[open.length - 1] as number];
      if (top) top.self += w;
    }
    value += w;
  }
  for (const index of open) {
    const node = nodes[index];
    if (node) node.total = value - node.start;
  }
  return { nodes, span: value };
}
