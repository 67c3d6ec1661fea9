/**
 * A seeded, generated Chrome .cpuprofile with `nodeCount` nodes and `sampleCount` samples, the
 * shape of a large real JavaScript profile (deep stacks up to 80, 5,000 distinct functions in
 * 97 files). Shared by the import and view benchmarks so both time the same file.
 */
import { createRandom } from '../../extension/util/prng';

export const GENERATOR_SEED = 20240611;

export function generateCpuProfile(nodeCount: number, sampleCount: number, seed = GENERATOR_SEED): string {
  const rnd = createRandom(seed);
  const nodes: { id: number; callFrame: object; hitCount: number; children: number[] }[] = [];
  const depth = [0];
  nodes.push({
    id: 1,
    callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
    hitCount: 0,
    children: [],
  });
  for (let id = 2; id <= nodeCount; id++) {
    // Mostly extend a recent node (deep stacks), sometimes branch anywhere; depth capped at 80
    // like real JavaScript profiles.
    let p = rnd.chance(0.8) ? nodes.length - 1 - rnd.int(Math.min(nodes.length, 20)) : rnd.int(nodes.length);
    while (depth[p]! >= 80) p = rnd.int(nodes.length);
    const parent = nodes[p]!;
    parent.children.push(id);
    depth.push(depth[p]! + 1);
    const fn = rnd.int(5000);
    nodes.push({
      id,
      callFrame: {
        functionName: `fn${fn}`,
        scriptId: '1',
        url: `file:///src/mod${fn % 97}.js`,
        lineNumber: fn % 400,
        columnNumber: fn % 30,
      },
      hitCount: 0,
      children: [],
    });
  }
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let current = 2;
  for (let i = 0; i < sampleCount; i++) {
    if (rnd.chance(0.3)) current = rnd.intBetween(2, nodeCount);
    samples.push(current);
    timeDeltas.push(rnd.intBetween(50, 150));
  }
  return JSON.stringify({ nodes, startTime: 0, endTime: timeDeltas.reduce((a, b) => a + b, 0), samples, timeDeltas });
}
