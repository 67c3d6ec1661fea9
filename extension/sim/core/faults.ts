/**
 * Faults and fault schedules. A schedule is plain data ({atMs, fault}[]), whether written by hand
 * for a scenario, drawn by the random nemesis from its own seed sub-stream, or extended by the
 * stepper when a learner injects a fault (a branch is the same seed with one more entry).
 */
import { type Random } from '../../util/prng';
import { type LinkConfig } from './network';
import { type NodeId } from './node';

export type Fault =
  | { kind: 'crash'; node: NodeId }
  | { kind: 'restart'; node: NodeId }
  /** The process stops (a GC pause, a VM migration); events reaching it wait until it resumes. */
  | { kind: 'pause'; node: NodeId; durationMs: number }
  /** Step the node's clock by deltaMs. */
  | { kind: 'clock-offset'; node: NodeId; deltaMs: number }
  /** Set the node's clock drift (rate - 1, e.g. 0.01 = 1% fast). */
  | { kind: 'clock-drift'; node: NodeId; drift: number }
  /** Cut all links between the groups, both ways; endpoints not listed keep every link. */
  | { kind: 'partition'; groups: NodeId[][] }
  /** Cut the one directed link from → to (an asymmetric partition). */
  | { kind: 'block'; from: NodeId; to: NodeId }
  /** Remove every partition and blocked link. */
  | { kind: 'heal' }
  /** Change one directed link's configuration (latency, loss, duplication, reordering). */
  | { kind: 'link'; from: NodeId; to: NodeId; config: Partial<LinkConfig> };

export interface ScheduledFault {
  atMs: number;
  fault: Fault;
}

export type NemesisKind = 'crash' | 'pause' | 'partition' | 'asymmetric' | 'clock';

export interface NemesisOptions {
  nodes: readonly NodeId[];
  /** Endpoints (e.g. clients) that partitions place on one side or the other. */
  others?: readonly NodeId[];
  startMs: number;
  /** No new fault starts after this time; everything is healed and restarted at endMs. */
  endMs: number;
  meanIntervalMs: number;
  faultDurationMsMax: number;
  kinds: readonly NemesisKind[];
}

/**
 * Draw a random fault schedule. Each fault is paired with its repair (crash → restart,
 * partition → heal), and at endMs every fault is repaired, so runs end with a liveness phase in
 * which the protocol must converge.
 */
export function drawNemesis(rng: Random, o: NemesisOptions): ScheduledFault[] {
  const out: ScheduledFault[] = [];
  if (o.kinds.length === 0 || o.nodes.length === 0) return out;
  const downUntil = new Map<NodeId, number>();
  let t = o.startMs;
  for (;;) {
    t += -o.meanIntervalMs * Math.log(1 - rng.next());
    if (t >= o.endMs) break;
    const kind = rng.pick(o.kinds);
    const node = rng.pick(o.nodes);
    const dur = 1 + rng.next() * (o.faultDurationMsMax - 1);
    const until = Math.min(o.endMs, t + dur);
    switch (kind) {
      case 'crash':
        if ((downUntil.get(node) ?? -1) >= t) break;
        downUntil.set(node, until);
        out.push({ atMs: t, fault: { kind: 'crash', node } }, { atMs: until, fault: { kind: 'restart', node } });
        break;
      case 'pause':
        out.push({ atMs: t, fault: { kind: 'pause', node, durationMs: until - t } });
        break;
      case 'partition': {
        const all = [...o.nodes, ...(o.others ?? [])];
        const a: NodeId[] = [];
        const b: NodeId[] = [];
        for (const n of all) (rng.chance(0.5) ? a : b).push(n);
        out.push({ atMs: t, fault: { kind: 'partition', groups: [a, b] } }, { atMs: until, fault: { kind: 'heal' } });
        break;
      }
      case 'asymmetric': {
        const other = rng.pick(o.nodes.filter((n) => n !== node).concat(o.others ?? []));
        if (other === undefined) break;
        out.push({ atMs: t, fault: { kind: 'block', from: node, to: other } }, { atMs: until, fault: { kind: 'heal' } });
        break;
      }
      case 'clock':
        out.push({ atMs: t, fault: { kind: 'clock-offset', node, deltaMs: (rng.next() - 0.5) * 2 * o.faultDurationMsMax } });
        break;
    }
  }
  // Repairs that were scheduled are pushed in draw order; sort stably so the schedule reads in time
  // order while same-time entries keep their draw order (Array.prototype.sort is stable).
  out.sort((x, y) => x.atMs - y.atMs);
  // Every crash already has its restart (at the latest at endMs); a final heal ends partitions.
  out.push({ atMs: o.endMs, fault: { kind: 'heal' } });
  return out;
}
