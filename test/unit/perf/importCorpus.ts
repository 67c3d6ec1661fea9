/**
 * Access to the profile corpus (../shared/corpus: speedscope's sample profiles and snapshot
 * expectations, FlameGraph's perf inputs and expected folded outputs). Files are read once per
 * test process and cached, because the corpus is large and several tests import the same file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CORPUS = path.resolve(process.env['DDIA_REPO_ROOT'] ?? path.resolve(__dirname, '../../..'), '../shared/corpus');
export const SPEEDSCOPE = path.join(CORPUS, 'speedscope');
export const FLAMEGRAPH = path.join(CORPUS, 'FlameGraph');
export const FLAMEGRAPH_DERIVED = path.join(CORPUS, 'FlameGraph-derived', 'stackcollapse-perf-at-41fee1f');

const cache = new Map<string, Buffer>();
export function readCorpus(file: string): Buffer {
  let b = cache.get(file);
  if (!b) cache.set(file, (b = fs.readFileSync(file)));
  return b;
}

export interface ExpectedFrame {
  name: string;
  file: string | null;
  line: number | null;
  col: number | null;
  selfWeight: number;
  totalWeight: number;
}

export interface SnapshotRecord {
  test: string;
  input: string;
  chunked_variant: boolean;
  expect: 'ok' | 'import-failure';
  error_message?: string;
  profileGroup_name?: string;
  indexToView?: number;
  profiles?: { name: string; frame_count: number; sum_selfWeight_raw: number; frames: ExpectedFrame[]; stacks: string[] }[];
}

/** The formats this project imports; Chrome timeline and trace-event JSON are out of scope. */
export function inScope(input: string): boolean {
  return /\.cpuprofile$|\/stackcollapse\/|\/linux-perf\/|\/speedscope\//.test(input);
}

export function snapshotRecords(): SnapshotRecord[] {
  const file = path.join(CORPUS, 'speedscope-derived', 'speedscope-snapshot-expectations.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as SnapshotRecord[]).filter((r) => inScope(r.input) && !r.chunked_variant);
}

/** Every in-scope sample profile, by format, including those without a snapshot. */
export function sampleFiles(): { format: 'cpuprofile' | 'folded' | 'perf' | 'speedscope'; file: string }[] {
  const root = path.join(SPEEDSCOPE, 'sample', 'profiles');
  const list = (dir: string): string[] => fs.readdirSync(path.join(root, dir)).map((f) => path.join(root, dir, f));
  return [
    ...['Chrome/65/simple.cpuprofile', 'Chrome/65/sucrase.cpuprofile', 'node/10.11.0/example.cpuprofile'].map((f) => ({
      format: 'cpuprofile' as const,
      file: path.join(root, f),
    })),
    ...list('stackcollapse').map((file) => ({ format: 'folded' as const, file })),
    ...list('linux-perf').map((file) => ({ format: 'perf' as const, file })),
    ...['0.0.1', '0.1.2', '0.6.0'].flatMap((v) => list(`speedscope/${v}`)).map((file) => ({ format: 'speedscope' as const, file })),
  ];
}
