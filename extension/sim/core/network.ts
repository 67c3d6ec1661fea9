/**
 * The network model: per-link configuration (latency distribution, loss, duplication, extra
 * reordering delay) and the set of blocked directed links that partitions create. Links are
 * directed, so an asymmetric partition (A hears B but B does not hear A) is one blocked link.
 * Blocking is checked when a message would be delivered, so a partition also cuts messages
 * already in flight, as dropping packets at the receiver does.
 */
import { type LatencyDist } from './latency';
import { type NodeId } from './node';

export interface LinkConfig {
  latency: LatencyDist;
  lossProbability: number;
  duplicateProbability: number;
  /** With this probability a message gets an extra uniform delay in [0, reorderDelayMsMax). */
  reorderProbability: number;
  reorderDelayMsMax: number;
}

export const DEFAULT_LINK: LinkConfig = {
  latency: { kind: 'uniform', minMs: 1, maxMs: 5 },
  lossProbability: 0,
  duplicateProbability: 0,
  reorderProbability: 0,
  reorderDelayMsMax: 0,
};

export class Network {
  private readonly overrides = new Map<string, LinkConfig>();
  private readonly blocked = new Set<string>();

  constructor(private defaults: LinkConfig) {}

  config(from: NodeId, to: NodeId): LinkConfig {
    return this.overrides.get(linkKey(from, to)) ?? this.defaults;
  }

  setDefaults(patch: Partial<LinkConfig>): void {
    this.defaults = { ...this.defaults, ...patch };
  }

  setLink(from: NodeId, to: NodeId, patch: Partial<LinkConfig>): void {
    this.overrides.set(linkKey(from, to), { ...this.config(from, to), ...patch });
  }

  isBlocked(from: NodeId, to: NodeId): boolean {
    return this.blocked.size > 0 && this.blocked.has(linkKey(from, to));
  }

  block(from: NodeId, to: NodeId): void {
    this.blocked.add(linkKey(from, to));
  }

  /** Cut every link between endpoints of different groups, both ways. */
  partition(groups: readonly (readonly NodeId[])[]): void {
    for (let i = 0; i < groups.length; i++) {
      for (let j = 0; j < groups.length; j++) {
        if (i === j) continue;
        for (const a of groups[i] ?? []) for (const b of groups[j] ?? []) this.block(a, b);
      }
    }
  }

  heal(): void {
    this.blocked.clear();
  }

  blockedLinks(): string[] {
    return [...this.blocked].sort();
  }
}

export function linkKey(from: NodeId, to: NodeId): string {
  return `${from}->${to}`;
}
