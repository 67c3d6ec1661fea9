/**
 * Import speed of .cpuprofile files: our importer (JSON parse + model build) against a plain
 * JSON.parse of the same text, the floor any JSON importer pays, measured in the same run.
 * Inputs: the corpus's largest .cpuprofile (sucrase, 1 MB) and a generated profile with
 * 100,000 nodes and 1,000,000 samples (seeded, so every run times the same file).
 *
 *   npx tsx bench/perf/import.bench.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importCpuProfile } from '../../extension/perf/import/cpuprofile';
import { createRandom } from '../../extension/util/prng';

const SEED = 20240611;
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/speedscope/sample/profiles/Chrome/65/sucrase.cpuprofile');

function generate(nodeCount: number, sampleCount: number): string {
  const rnd = createRandom(SEED);
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

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, runs: number): number {
  fn(); // warm-up
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

function report(label: string, text: string, runs: number): void {
  const ours = time(() => {
    const r = importCpuProfile(text, 'bench.cpuprofile');
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
  }, runs);
  const baseline = time(() => JSON.parse(text), runs);
  console.log(
    `${label.padEnd(44)} ours ${ours.toFixed(1).padStart(8)} ms   JSON.parse ${baseline.toFixed(1).padStart(8)} ms   ratio ${(ours / baseline).toFixed(2)}×`,
  );
}

console.log(`seed ${SEED}; median of runs after one warm-up`);
report('sucrase.cpuprofile (1.0 MB, 17k samples)', fs.readFileSync(CORPUS, 'utf8'), 9);
const big = generate(100_000, 1_000_000);
report(`generated 100k nodes / 1M samples (${(big.length / 1e6).toFixed(0)} MB)`, big, 3);
