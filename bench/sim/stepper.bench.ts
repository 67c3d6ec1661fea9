/**
 * Stepper cursor moves on a ~100k-event trace: step (next event), back (previous event) and seek
 * (a random event, seeded), p50/p99 per move, against the 16 ms frame budget and against the
 * reference measured in the same run: the same cursor state computed by replaying the trace from
 * its first event (naiveCursorState), which is what a stepper without an index does.
 * Also: one-off index build time, and the non-DOM work of a zoomed-out timeline frame (visible
 * window query, density aggregation, operation runs) on the whole trace.
 *
 *   npm run bench:stepper
 */
import { runScenario } from '../../extension/sim/scenarios/registry';
import { buildCursorIndex, naiveCursorState } from '../../extension/views/timeline/cursorIndex';
import { nodesOf } from '../../extension/sdk/timelineSpec';
import { buildTimelineModel } from '../../extension/views/timeline/timelineModel';
import {
  aggregateFromIndex,
  buildDensityIndex,
  countVisibleSpansMax,
  mergeOpRuns,
  visibleOps,
  visibleSpans,
} from '../../extension/views/timeline/visibleWindow';
import { createRandom } from '../../extension/util/prng';

const BUDGET_MS = 16;
const SEED = 42;

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

function timeEach(n: number, f: (k: number) => void): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const t0 = process.hrtime.bigint();
    f(k);
    out.push(ms(t0));
  }
  return out;
}

const options = { clients: 20, opsPerClient: 800, faults: true };
let t = process.hrtime.bigint();
const r = runScenario('quorum-no-stale-reads', SEED, options);
console.log(
  `trace: quorum-no-stale-reads seed ${SEED} ${JSON.stringify(options)}: ${r.trace.length} events, ${r.anomalies.length} anomalies (simulated in ${ms(t).toFixed(0)} ms)`,
);

t = process.hrtime.bigint();
const model = buildTimelineModel({ nodes: nodesOf(r.trace), events: r.trace, history: r.history, anomalies: r.anomalies });
const modelMs = ms(t);
t = process.hrtime.bigint();
const index = buildCursorIndex(model);
const indexMs = ms(t);
console.log(
  `build once: timeline model ${modelMs.toFixed(0)} ms, cursor index ${indexMs.toFixed(0)} ms (${model.spans.length} message spans, ${model.ops.length} ops)`,
);

const n = r.trace.length;
const rng = createRandom(SEED);
// Warm up the JIT on the same code paths.
for (let k = 0; k < 2000; k++) index.stateAt(rng.int(n));

const start = Math.floor(n / 3);
const step = timeEach(5000, (k) => index.stateAt(start + k));
const back = timeEach(5000, (k) => index.stateAt(start + 5000 - k));
const seekAt = Array.from({ length: 5000 }, () => rng.int(n));
const seek = timeEach(seekAt.length, (k) => index.stateAt(seekAt[k] as number));
const naiveAt = Array.from({ length: 60 }, () => rng.int(n));
const naive = timeEach(naiveAt.length, (k) => naiveCursorState(model, naiveAt[k] as number));

const row = (name: string, xs: number[]): string =>
  `  ${name.padEnd(26)} p50 ${pct(xs, 50).toFixed(4).padStart(9)} ms   p99 ${pct(xs, 99).toFixed(4).padStart(9)} ms   p99/budget ${(pct(xs, 99) / BUDGET_MS).toFixed(4)}`;
console.log(`cursor moves (${BUDGET_MS} ms budget):`);
console.log(row('step (indexed)', step));
console.log(row('back (indexed)', back));
console.log(row('seek (indexed)', seek));
console.log(row('seek (replay reference)', naive));
console.log(
  `  reference / indexed seek: p50 ×${(pct(naive, 50) / pct(seek, 50)).toFixed(0)}, p99 ×${(pct(naive, 99) / pct(seek, 99)).toFixed(0)}`,
);

t = process.hrtime.bigint();
const density = buildDensityIndex(model);
console.log(`density index (built on the first zoomed-out frame): ${ms(t).toFixed(1)} ms`);
const frame = timeEach(200, (k) => {
  // Zoomed out with a slight pan each frame, as a drag would.
  const a = (k % 20) * (model.endMs / 400);
  countVisibleSpansMax(model, a, a + model.endMs);
  aggregateFromIndex(density, a, a + model.endMs, 400);
  mergeOpRuns(model, visibleOps(model, a, a + model.endMs), model.endMs / 600);
});
const zoomed = timeEach(500, (k) => {
  const a = (k / 500) * model.endMs;
  visibleSpans(model, a, a + model.endMs / 200);
  visibleOps(model, a, a + model.endMs / 200);
});
console.log('timeline frame, model work only (no canvas):');
console.log(row('whole trace (aggregated)', frame));
console.log(row('zoomed to 1/200', zoomed));
const worst = Math.max(pct(step, 99), pct(back, 99), pct(seek, 99));
console.log(
  worst < BUDGET_MS ? `OK: every cursor move p99 ≤ ${worst.toFixed(3)} ms < ${BUDGET_MS} ms` : `OVER BUDGET: p99 ${worst.toFixed(3)} ms`,
);
