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
import { GENERATOR_SEED, generateCpuProfile } from './generateCpuProfile';

const SEED = GENERATOR_SEED;
const CORPUS_IN_REPO = path.resolve(__dirname, '../../../shared/corpus/speedscope/sample/profiles/Chrome/65/sucrase.cpuprofile');
// In a git worktree (/work/wt/<name>) the relative path misses the shared corpus.
const CORPUS = fs.existsSync(CORPUS_IN_REPO)
  ? CORPUS_IN_REPO
  : '/work/shared/corpus/speedscope/sample/profiles/Chrome/65/sucrase.cpuprofile';
const generate = (nodes: number, samples: number): string => generateCpuProfile(nodes, samples, SEED);

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
