/**
 * Narrows a raw V8 CPU profile (the inspector's `Profiler.Profile`, see import/cpuprofile.ts) to
 * the code a learner asked to profile, and gives its frames real source locations.
 *
 * perf.profile calls the learner's function through a marker: a function compiled from its own
 * script (`markerUrl`), because function names do not survive minified bundles but a script
 * URL does. Every sample taken while the marker is on the stack is re-rooted at the marker's
 * children, so the flame graph starts at the learner's code rather than at the kernel, the
 * cell wrapper and the SDK. Samples outside the marker are kept only when their stack holds a
 * frame of the learner's code (`isUserUrl`): those are continuations of the learner's async
 * function, which resume from the microtask queue without the marker below them. The rest —
 * the profiler's own start and stop code — becomes idle time, as do samples in the marker
 * itself. `(garbage collector)` and `(program)` samples are kept: the importer puts them on top
 * of the stack they interrupted. Nodes no sample refers to are pruned, so a saved
 * `.cpuprofile` holds only what is shown.
 *
 * `mapLocation` rewrites a frame's url and 0-based line, e.g. a notebook cell's script name to
 * the lab file and the line in it; returning undefined keeps the frame as it is.
 */

export interface RawCallFrame {
  functionName: string;
  scriptId?: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface RawNode {
  id: number;
  callFrame: RawCallFrame;
  hitCount?: number;
  children?: number[];
  parent?: number;
  positionTicks?: unknown;
}

export interface RawCpuProfile {
  nodes: RawNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export type LocationMapper = (url: string, line: number) => { url: string; line: number } | undefined;

export interface FocusOptions {
  /** URL of the script that defines the marker function (its only function). */
  readonly markerUrl: string;
  /** True for URLs of the learner's code (cells, exercise files), false for the SDK's and Node's. */
  readonly isUserUrl: (url: string) => boolean;
  readonly mapLocation?: LocationMapper;
  /**
   * When the profiled call started and ended, on the profile's clock (µs; V8 and
   * `process.hrtime` share CLOCK_MONOTONIC). Samples outside the marker count only inside it.
   */
  readonly window?: { readonly start: number; readonly end: number };
}

const KEPT_AT_ROOT = new Set(['(garbage collector)', '(program)']);

export function focusCpuProfile(raw: RawCpuProfile, options: FocusOptions): RawCpuProfile {
  const byId = new Map<number, RawNode>();
  for (const n of raw.nodes) byId.set(n.id, n);
  const parentOf = new Map<number, number>();
  for (const n of raw.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const root = raw.nodes.find((n) => !parentOf.has(n.id));
  if (!root) throw new Error('the profile has no root node');

  // For every sampled node: where its samples go. Inside a marker: the node itself (and the
  // marker's direct child gets the root as its new parent); the marker itself: the root (idle);
  // outside: the node itself only for the learner's code during the profiled call.
  const kind = new Map<number, 'inside' | 'idle' | 'user' | 'other'>();
  const newParent = new Map<number, number>();
  const classify = (id: number): 'inside' | 'idle' | 'user' | 'other' => {
    const known = kind.get(id);
    if (known !== undefined) return known;
    let result: 'inside' | 'idle' | 'user' | 'other' = 'other';
    let previous: number | undefined;
    for (let cur: number | undefined = id; cur !== undefined; previous = cur, cur = parentOf.get(cur)) {
      const cf = (byId.get(cur) as RawNode).callFrame;
      if (cf.url === options.markerUrl) {
        if (previous === undefined) result = 'idle';
        else {
          newParent.set(previous, root.id);
          result = 'inside';
        }
        break;
      }
      if (options.isUserUrl(cf.url) || (cur === id && KEPT_AT_ROOT.has(cf.functionName))) result = 'user';
    }
    kind.set(id, result);
    return result;
  };
  const window = options.window;
  let at = raw.startTime;
  const samples = raw.samples.map((id, i) => {
    at += raw.timeDeltas[i] ?? 0;
    const k = classify(id);
    if (k === 'inside') return id;
    if (k === 'user' && (!window || (at >= window.start && at <= window.end))) return id;
    return root.id;
  });

  // Keep the nodes samples land on and their ancestors (through the re-rooted parents).
  const keep = new Set<number>([root.id]);
  const parentAfter = (id: number): number | undefined => newParent.get(id) ?? parentOf.get(id);
  for (const s of new Set(samples)) {
    for (let cur: number | undefined = s; cur !== undefined && !keep.has(cur); cur = parentAfter(cur)) keep.add(cur);
  }
  const children = new Map<number, number[]>();
  for (const id of keep) {
    const p = id === root.id ? undefined : parentAfter(id);
    if (p === undefined) continue;
    const list = children.get(p);
    if (list) list.push(id);
    else children.set(p, [id]);
  }
  const hits = new Map<number, number>();
  for (const s of samples) hits.set(s, (hits.get(s) ?? 0) + 1);

  const nodes: RawNode[] = [];
  for (const n of raw.nodes) {
    if (!keep.has(n.id)) continue;
    const cf = n.callFrame;
    const mapped = options.mapLocation?.(cf.url, cf.lineNumber);
    nodes.push({
      id: n.id,
      callFrame: mapped ? { ...cf, url: mapped.url, lineNumber: mapped.line } : { ...cf },
      hitCount: hits.get(n.id) ?? 0,
      children: (children.get(n.id) ?? []).sort((a, b) => a - b),
    });
  }
  return { nodes, startTime: raw.startTime, endTime: raw.endTime, samples, timeDeltas: raw.timeDeltas.slice() };
}
