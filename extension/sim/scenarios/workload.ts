/**
 * Random register workloads for scenarios: clients issuing reads and writes of unique values
 * (`<client>-<n>`, so checkers can tell which write a read saw) to randomly chosen nodes, all
 * drawn from the workload's own random stream.
 */
import { type Random } from '../../util/prng';
import { type ClientOp, type ClientSpec } from '../core/client';
import { type NodeId } from '../core/node';

export interface RegisterWorkload {
  clients: number;
  opsPerClient: number;
  keys: readonly string[];
  writeProbability: number;
  nodes: readonly NodeId[];
  timeoutMs: number;
  thinkMsMax: number;
}

export function drawRegisterWorkload(rng: Random, w: RegisterWorkload): ClientSpec[] {
  const out: ClientSpec[] = [];
  for (let c = 1; c <= w.clients; c++) {
    const id = `c${c}`;
    const ops: ClientOp[] = [];
    for (let i = 0; i < w.opsPerClient; i++) {
      const key = rng.pick(w.keys);
      const target = rng.pick(w.nodes);
      ops.push(rng.chance(w.writeProbability) ? { f: 'write', key, value: `${id}-${i}`, target } : { f: 'read', key, target });
    }
    out.push({ id, target: w.nodes[0] ?? '', ops, timeoutMs: w.timeoutMs, thinkMs: rng.next() * w.thinkMsMax });
  }
  return out;
}

/** Reads of every key from each node, starting at atMs: the final reads lost-write checks rely on. */
export function finalReads(id: string, keys: readonly string[], nodes: readonly NodeId[], atMs: number, timeoutMs: number): ClientSpec {
  const ops: ClientOp[] = [];
  for (const node of nodes) for (const key of keys) ops.push({ f: 'read', key, target: node });
  return { id, target: nodes[0] ?? '', ops, timeoutMs, startMs: atMs };
}
