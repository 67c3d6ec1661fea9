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

/**
 * Endpoints (nodes and clients) are numbered once, in the order given, so the simulator's hot path
 * looks links up by index (from * endpoints + to) in flat arrays instead of building string keys.
 */
export class Network {
  private readonly index = new Map<NodeId, number>();
  private readonly overrides = new Map<string, LinkConfig>();
  /** Resolved configuration per link index, filled lazily and cleared when a link changes. */
  private readonly resolved: (LinkConfig | undefined)[];
  private readonly blocked: Uint8Array;
  private blockedCount = 0;

  constructor(
    readonly endpoints: readonly NodeId[],
    private defaults: LinkConfig,
  ) {
    endpoints.forEach((e, i) => {
      if (this.index.has(e)) throw new Error(`endpoint id ${e} is used twice`);
      this.index.set(e, i);
    });
    this.resolved = new Array<LinkConfig | undefined>(endpoints.length * endpoints.length).fill(undefined);
    this.blocked = new Uint8Array(endpoints.length * endpoints.length);
  }

  /** The endpoint's number, or -1 for an unknown id. */
  indexOf(id: NodeId): number {
    return this.index.get(id) ?? -1;
  }

  config(from: NodeId, to: NodeId): LinkConfig {
    return this.overrides.get(linkKey(from, to)) ?? this.defaults;
  }

  /** config() for the link with index `link` between the endpoints numbered from and to. */
  configAt(link: number, from: number, to: number): LinkConfig {
    let c = this.resolved[link];
    if (c === undefined) {
      c = this.config(this.endpoints[from] ?? '', this.endpoints[to] ?? '');
      this.resolved[link] = c;
    }
    return c;
  }

  setDefaults(patch: Partial<LinkConfig>): void {
    this.defaults = { ...this.defaults, ...patch };
    this.resolved.fill(undefined);
  }

  setLink(from: NodeId, to: NodeId, patch: Partial<LinkConfig>): void {
    this.overrides.set(linkKey(from, to), { ...this.config(from, to), ...patch });
    this.resolved.fill(undefined);
  }

  isBlocked(from: NodeId, to: NodeId): boolean {
    const a = this.indexOf(from);
    const b = this.indexOf(to);
    return a >= 0 && b >= 0 && this.isBlockedAt(a * this.endpoints.length + b);
  }

  isBlockedAt(link: number): boolean {
    return this.blockedCount > 0 && this.blocked[link] === 1;
  }

  /** Cut the directed link; ids that are not endpoints have no links to cut. */
  block(from: NodeId, to: NodeId): void {
    const a = this.indexOf(from);
    const b = this.indexOf(to);
    if (a < 0 || b < 0) return;
    const link = a * this.endpoints.length + b;
    if (this.blocked[link] === 0) {
      this.blocked[link] = 1;
      this.blockedCount++;
    }
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
    this.blocked.fill(0);
    this.blockedCount = 0;
  }

  blockedLinks(): string[] {
    const out: string[] = [];
    const n = this.endpoints.length;
    for (let l = 0; l < this.blocked.length; l++) {
      if (this.blocked[l] === 1) out.push(linkKey(this.endpoints[Math.floor(l / n)] ?? '', this.endpoints[l % n] ?? ''));
    }
    return out.sort();
  }
}

export function linkKey(from: NodeId, to: NodeId): string {
  return `${from}->${to}`;
}
