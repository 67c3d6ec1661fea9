/**
 * What faults did to each node and to the network, replayed from a trace's fault events with the
 * same rules as the simulator (crash drops a pause, pause only on an up node, partitions add to
 * the blocked links until a heal, clocks are piecewise linear). Shared by the stepper's index
 * (which records every change once) and the naive replay it is checked and benchmarked against.
 */
import type { Fault } from '../../sim/core/faults';

export interface NodeFaultState {
  up: boolean;
  pausedUntilMs: number;
  /** The local clock as LocalClock keeps it: local = baseLocal + (virtual - baseVirtual) * (1 + drift). */
  clockBaseVirtualMs: number;
  clockBaseLocalMs: number;
  drift: number;
}

export function initialNodeState(): NodeFaultState {
  return { up: true, pausedUntilMs: 0, clockBaseVirtualMs: 0, clockBaseLocalMs: 0, drift: 0 };
}

export function clockAt(s: NodeFaultState, virtualMs: number): number {
  return s.clockBaseLocalMs + (virtualMs - s.clockBaseVirtualMs) * (1 + s.drift);
}

function rebase(s: NodeFaultState, virtualMs: number): void {
  s.clockBaseLocalMs = clockAt(s, virtualMs);
  s.clockBaseVirtualMs = virtualMs;
}

/**
 * Apply one fault at virtual time `t`. Returns the node whose state changed ('' for network
 * faults). `blocked` holds directed links as `from->to`.
 */
export function applyFaultTo(nodes: Map<string, NodeFaultState>, blocked: Set<string>, f: Fault, t: number): string {
  const node = (id: string): NodeFaultState => {
    let s = nodes.get(id);
    if (s === undefined) nodes.set(id, (s = initialNodeState()));
    return s;
  };
  switch (f.kind) {
    case 'crash': {
      const s = node(f.node);
      s.up = false;
      s.pausedUntilMs = 0;
      return f.node;
    }
    case 'restart':
      node(f.node).up = true;
      return f.node;
    case 'pause': {
      const s = node(f.node);
      if (s.up) s.pausedUntilMs = Math.max(s.pausedUntilMs, t + f.durationMs);
      return f.node;
    }
    case 'clock-offset': {
      const s = node(f.node);
      rebase(s, t);
      s.clockBaseLocalMs += f.deltaMs;
      return f.node;
    }
    case 'clock-drift': {
      const s = node(f.node);
      rebase(s, t);
      s.drift = f.drift;
      return f.node;
    }
    case 'partition':
      for (let i = 0; i < f.groups.length; i++)
        for (let j = 0; j < f.groups.length; j++) {
          if (i === j) continue;
          for (const a of f.groups[i] ?? []) for (const b of f.groups[j] ?? []) blocked.add(`${a}->${b}`);
        }
      return '';
    case 'block':
      blocked.add(`${f.from}->${f.to}`);
      return '';
    case 'heal':
      blocked.clear();
      return '';
    case 'link':
      return '';
  }
}

/** The endpoints a node cannot send to or hear from, given the blocked links. */
export function cutOffFrom(blocked: readonly string[], id: string): string[] {
  const out = new Set<string>();
  for (const link of blocked) {
    const [a = '', b = ''] = link.split('->');
    if (a === id) out.add(b);
    else if (b === id) out.add(a);
  }
  return [...out].sort();
}
