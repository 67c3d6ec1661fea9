/**
 * Multi-leader scenarios: last-write-wins silently discarding an acknowledged write (a skewed
 * clock makes an earlier write look later), and version vectors keeping concurrent writes as
 * siblings instead.
 */
import { runSimulation } from '../core/simulator';
import { checkLostWrites } from '../checkers/staleReads';
import { multiLeader, type MultiLeaderDurable } from '../protocols/multiLeader';
import { injectedFaults, type Scenario } from './scenario';
import { scenarioResult } from './result';
import { finalReads } from './workload';

const NODES = ['n1', 'n2', 'n3'];

export interface LwwOptions {
  /** How far n1's clock runs ahead (ms). */
  skewMs: number;
}

export const lwwDropsWrites: Scenario<LwwOptions> = {
  name: 'lww-drops-writes',
  description:
    'Two leaders accept writes to the same key. n1’s clock runs ahead, so its write carries the larger timestamp and wins everywhere, even over a write acknowledged after it: last-write-wins drops that write without telling anyone.',
  defaults: { skewMs: 50 },
  limits: { skewMs: { min: 0, max: 100_000 } },
  run(seed, partial = {}) {
    const o = { ...lwwDropsWrites.defaults, ...partial };
    const r = runSimulation({
      seed,
      nodes: NODES,
      program: multiLeader({ conflicts: 'lww' }),
      clients: [
        { id: 'c1', target: 'n1', ops: [{ f: 'write', key: 'x', value: 'from-n1', atMs: 10 }], timeoutMs: 100 },
        { id: 'c2', target: 'n2', ops: [{ f: 'write', key: 'x', value: 'from-n2', atMs: 30 }], timeoutMs: 100 },
        { id: 'c3', target: 'n3', ops: [{ f: 'write', key: 'y', value: 'y1', atMs: 12 }], timeoutMs: 100, startMs: 0 },
        { id: 'c4', target: 'n1', ops: [{ f: 'write', key: 'y', value: 'y2', atMs: 12 }], timeoutMs: 100 },
        finalReads('reader', ['x', 'y'], NODES, 300, 100),
      ],
      faults: [{ atMs: 0, fault: { kind: 'clock-offset', node: 'n1', deltaMs: o.skewMs } }, ...injectedFaults(partial)],
      stopAtMs: 500,
    });
    const discarded = Object.entries(r.durable as Record<string, MultiLeaderDurable>).flatMap(([node, d]) =>
      d.discarded.map((x) => ({ node, key: x.key, lost: x.lost.value, kept: x.kept.value })),
    );
    return scenarioResult(lwwDropsWrites.name, o, r, checkLostWrites(r.history), { discarded });
  },
};

export const versionVectorsKeepSiblings: Scenario<Record<string, never>> = {
  name: 'version-vectors-keep-siblings',
  description:
    'The same concurrent writes as lww-drops-writes, tracked with version vectors: every replica ends with both values as siblings for the application to merge.',
  defaults: {},
  run(seed, partial = {}) {
    const r = runSimulation({
      seed,
      nodes: NODES,
      program: multiLeader({ conflicts: 'version-vectors' }),
      faults: injectedFaults(partial),
      clients: [
        { id: 'c1', target: 'n1', ops: [{ f: 'write', key: 'x', value: 'from-n1', atMs: 10 }], timeoutMs: 100 },
        { id: 'c2', target: 'n2', ops: [{ f: 'write', key: 'x', value: 'from-n2', atMs: 10 }], timeoutMs: 100 },
        { id: 'c3', target: 'n3', ops: [{ f: 'write', key: 'x', value: 'after-both', atMs: 400 }], timeoutMs: 100 },
        finalReads('reader', ['x'], NODES, 200, 100),
        finalReads('reader2', ['x'], NODES, 600, 100),
      ],
      stopAtMs: 800,
    });
    const reads = r.history.filter((e) => e.type === 'ok' && e.f === 'read').map((e) => ({ client: e.client, value: e.value }));
    return scenarioResult(versionVectorsKeepSiblings.name, { ...partial }, r, [], { reads });
  },
};
