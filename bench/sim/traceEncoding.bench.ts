/**
 * The compact trace encoding (extension/views/timeline/encoding) against what the timeline output
 * carries today, JSON of the run's events, history and nodes, measured in the same process:
 *   - size: bytes per trace event of the JSON, of the binary encoding and of its base64 (what a
 *     JSON notebook output would carry), against the target of ≤ 40 bytes per event, on the
 *     simulator benchmark's workload and on the scenario runs the replication labs display;
 *   - speed, on the benchmark workload (~383k events): encode (from the recorded columns, and from
 *     event objects) and decode (to columns, and to event objects), with and without base64, next
 *     to JSON.stringify / JSON.parse of the same run, as ratios.
 * Times are CPU milliseconds of this process (process.cpuUsage), median of 5 repetitions, so a
 * busy machine skews them less than wall-clock time would.
 *
 *   npm run bench:trace-encoding
 */
import type { SimResult } from '../../extension/sim/core/simulator';
import type { TraceEvent } from '../../extension/sim/core/trace';
import { runScenario } from '../../extension/sim/scenarios/registry';
import { fromBase64, toBase64 } from '../../extension/views/timeline/encoding/base64';
import { decodeColumns, decodeRun, encodeColumns, encodeRun } from '../../extension/views/timeline/encoding/traceCodec';
import { BENCH_NODES, benchRun } from './workload';

const TARGET_BYTES = 40;
const REPS = 5;

function cpuMs(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const u = process.cpuUsage(c0);
  return (u.user + u.system) / 1000;
}

function median(f: () => void): number {
  const times = Array.from({ length: REPS }, () => cpuMs(f)).sort((a, b) => a - b);
  return times[Math.floor(REPS / 2)] as number;
}

const nodesOf = (events: readonly TraceEvent[]): string[] =>
  events.filter((e) => e.k === 'start').map((e) => (e.k === 'start' ? e.node : ''));

// ---- size ----
interface Sized {
  name: string;
  events: number;
  json: number;
  binary: number;
  base64: number;
}
const sized: Sized[] = [];
function size(name: string, runs: { events: TraceEvent[]; history: SimResult<unknown>['history'] }[]): void {
  let events = 0;
  let json = 0;
  let binary = 0;
  let base64 = 0;
  for (const r of runs) {
    const run = { nodes: nodesOf(r.events), events: r.events, history: r.history };
    const bytes = encodeRun(run);
    events += r.events.length;
    json += Buffer.byteLength(JSON.stringify(run));
    binary += bytes.length;
    base64 += toBase64(bytes).length;
  }
  sized.push({ name, events, json, binary, base64 });
}

const big = benchRun(2, true);
size('simulator benchmark workload (seed 2)', [{ events: big.trace, history: big.history }]);
const labRuns: [string, Record<string, unknown>][] = [
  ['split-brain-without-fencing', { fencing: false }],
  ['split-brain-without-fencing', { fencing: true }],
  ['sloppy-quorum-stale-read', {}],
  ['lww-drops-writes', {}],
  ['version-vectors-keep-siblings', {}],
  ['quorum-no-stale-reads', {}],
  ['async-failover-loses-writes', {}],
];
for (const [name, options] of labRuns) {
  const r = runScenario(name, 1, options);
  size(`${name} ${JSON.stringify(options)} (seed 1)`, [{ events: r.trace, history: r.history }]);
}
size(
  'every scenario with the nemesis, seeds 1–5',
  labRuns
    .flatMap(([name]) => [1, 2, 3, 4, 5].map((seed) => runScenario(name, seed, { faults: true })))
    .map((r) => ({ events: r.trace, history: r.history })),
);

console.log('Bytes per trace event (JSON = the run as the timeline output carries it today):');
for (const s of sized) {
  const b64 = s.base64 / s.events;
  console.log(
    `  ${s.name}: ${s.events} events; JSON ${(s.json / s.events).toFixed(1)}, binary ${(s.binary / s.events).toFixed(1)}, base64 ${b64.toFixed(1)} B/event` +
      ` = ${(s.json / s.base64).toFixed(1)}× smaller than JSON, ${(b64 / TARGET_BYTES).toFixed(2)}× the ${TARGET_BYTES} B/event target`,
  );
}

// ---- speed ----
const run = { nodes: BENCH_NODES, events: big.trace, history: big.history };
const columns = big.traceColumns;
if (columns === null) throw new Error('the benchmark run has no trace');
let json = '';
let bytes: Uint8Array = new Uint8Array(0);
let text = '';
const stringify = median(() => (json = JSON.stringify(run)));
const parse = median(() => JSON.parse(json) as unknown);
const encCols = median(() => (bytes = encodeColumns(columns, BENCH_NODES.length, big.history)));
const encObjs = median(() => encodeRun(run));
const b64 = median(() => (text = toBase64(bytes)));
const unb64 = median(() => fromBase64(text));
const decCols = median(() => decodeColumns(bytes));
const decObjs = median(() => decodeRun(bytes));
const n = big.trace.length;
const line = (label: string, ms: number, refLabel: string, ref: number): void =>
  console.log(
    `  ${label}: ${ms.toFixed(0)} CPU ms = ${((ms * 1e6) / n).toFixed(0)} ns/event; ${refLabel} ${ref.toFixed(0)} ms → ${(ref / ms).toFixed(2)}× as fast`,
  );
console.log(`Speed on the benchmark workload (${n} events, median of ${REPS}; "× as fast" is JSON's time / ours):`);
line('encode from columns (SimResult.traceColumns)', encCols, 'JSON.stringify', stringify);
line('encode from event objects', encObjs, 'JSON.stringify', stringify);
line('encode from columns + base64', encCols + b64, 'JSON.stringify', stringify);
line('decode to columns (decodeColumns)', decCols, 'JSON.parse', parse);
line('decode to event objects (decodeRun)', decObjs, 'JSON.parse', parse);
line('base64 → decode to columns', unb64 + decCols, 'JSON.parse', parse);
