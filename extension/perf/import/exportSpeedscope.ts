/**
 * Export a profile group to speedscope's JSON file format (format: see speedscope.ts), which
 * speedscope itself and our importer read back. Frames are shared across the group's profiles.
 * Sampled profiles are written as sampled (idle time as empty stacks), evented ones as
 * open/close events at the values the time-ordered call tree gives, so both round-trip.
 */
import { timeOrderedCallTree } from '../model/callTree';
import { frameKey, IDLE, type Frame, type Profile, type ProfileGroup, type ValueUnit } from '../model/types';
import { stackPath } from '../model/weights';

export interface SpeedscopeFile {
  $schema: string;
  exporter: string;
  name: string;
  activeProfileIndex: number;
  shared: { frames: Frame[] };
  profiles: (SampledOut | EventedOut)[];
}

interface SampledOut {
  type: 'sampled';
  name: string;
  unit: ValueUnit;
  startValue: number;
  endValue: number;
  samples: number[][];
  weights: number[];
}

interface EventedOut {
  type: 'evented';
  name: string;
  unit: ValueUnit;
  startValue: number;
  endValue: number;
  events: { type: 'O' | 'C'; at: number; frame: number }[];
}

export function exportSpeedscope(group: ProfileGroup): SpeedscopeFile {
  const frames: Frame[] = [];
  const index = new Map<string, number>();
  const shared = (f: Frame): number => {
    const key = frameKey(f);
    let i = index.get(key);
    if (i === undefined) {
      index.set(key, (i = frames.length));
      frames.push({ ...f });
    }
    return i;
  };
  const profiles = group.profiles.map((p) => {
    const map = p.frames.map(shared);
    return p.kind === 'evented' ? evented(p, map) : sampled(p, map);
  });
  return {
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    exporter: 'ddia-labs',
    name: group.name,
    activeProfileIndex: group.activeIndex,
    shared: { frames },
    profiles,
  };
}

function span(p: Profile): number {
  return p.weights.reduce((a, b) => a + b, 0);
}

function sampled(p: Profile, map: number[]): SampledOut {
  const paths = new Map<number, number[]>();
  const samples = p.samples.map((s) => {
    if (s === IDLE) return [];
    let path = paths.get(s);
    if (!path) paths.set(s, (path = stackPath(p, s).map((f) => map[f] as number)));
    return path;
  });
  return {
    type: 'sampled',
    name: p.name,
    unit: p.unit,
    startValue: p.startValue,
    endValue: p.startValue + span(p),
    samples,
    weights: p.weights.slice(),
  };
}

function evented(p: Profile, map: number[]): EventedOut {
  const tree = timeOrderedCallTree(p);
  const events: EventedOut['events'] = [];
  // Pre-order nodes with depths: close every call deeper or equal before opening the next.
  const open: { frame: number; end: number }[] = [];
  for (const n of tree.nodes) {
    while (open.length > n.depth) {
      const c = open.pop() as { frame: number; end: number };
      events.push({ type: 'C', at: p.startValue + c.end, frame: c.frame });
    }
    const frame = map[n.frame] as number;
    events.push({ type: 'O', at: p.startValue + n.start, frame });
    open.push({ frame, end: n.start + n.total });
  }
  while (open.length > 0) {
    const c = open.pop() as { frame: number; end: number };
    events.push({ type: 'C', at: p.startValue + c.end, frame: c.frame });
  }
  return { type: 'evented', name: p.name, unit: p.unit, startValue: p.startValue, endValue: p.startValue + tree.span, events };
}
