/**
 * Visible-window queries against brute-force filters over random windows (fixed, printed seed),
 * and aggregation preserving counts and never merging away an anomalous operation.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRandom } from '../../../../extension/util/prng';
import {
  aggregateFromIndex,
  aggregateSpans,
  buildDensityIndex,
  countVisibleSpansMax,
  mergeOpRuns,
  visibleOps,
  visibleSpans,
} from '../../../../extension/views/timeline/visibleWindow';
import { scenarioModel } from './fixtures';

describe('visible window', () => {
  const { model } = scenarioModel('split-brain-without-fencing');
  const seed = 11;

  test(`spans and ops overlapping random windows equal a brute-force filter (seed ${seed})`, () => {
    const rng = createRandom(seed);
    for (let k = 0; k < 200; k++) {
      const a = rng.next() * model.endMs;
      const b = a + rng.next() * (model.endMs / 4);
      const spans = model.spans.flatMap((s, i) => (s.sendMs <= b && s.endMs >= a ? [i] : []));
      const ops = model.ops.flatMap((o, i) => (o.invokeMs <= b && o.endMs >= a ? [i] : []));
      assert.deepEqual(visibleSpans(model, a, b), spans, `window [${a}, ${b}]`);
      assert.deepEqual(visibleOps(model, a, b), ops, `window [${a}, ${b}]`);
    }
  });

  test('aggregation counts every send in the window once, per sending lane', () => {
    const all = visibleSpans(model, 0, model.endMs);
    const agg = aggregateSpans(model, all, 0, model.endMs, 97);
    const total = agg.sent.reduce((s, x) => s + x, 0);
    assert.equal(total, model.spans.length);
    const dropped = agg.dropped.reduce((s, x) => s + x, 0);
    assert.equal(dropped, model.spans.filter((s) => s.outcome === 'drop').length);
    for (let lane = 0; lane < model.lanes.length; lane++) {
      const row = agg.sent.slice(lane * 97, lane * 97 + 97).reduce((s, x) => s + x, 0);
      assert.equal(row, model.spans.filter((s) => s.fromLane === lane).length, model.lanes[lane]!.id);
    }
  });

  test('merged operation runs cover every operation once and keep anomalous operations alone', () => {
    const all = visibleOps(model, 0, model.endMs);
    const runs = mergeOpRuns(model, all, model.endMs / 50);
    assert.deepEqual(
      runs.flatMap((r) => r.ops).sort((x, y) => x - y),
      all,
    );
    assert.ok(runs.length < all.length, 'zoomed out, runs merge');
    for (const r of runs) if (r.ops.some((k) => model.ops[k]!.anomalies.length > 0)) assert.equal(r.ops.length, 1);
  });
});

describe('density index', () => {
  const { model } = scenarioModel('quorum-no-stale-reads');

  test('prefix-sum density equals exact aggregation when screen buckets align with base buckets', () => {
    const base = 512;
    const d = buildDensityIndex(model, base);
    for (const [from, count, per] of [
      [0, 512, 1],
      [0, 128, 4],
      [64, 32, 8],
    ] as const) {
      const t0 = from * d.baseMs;
      const t1 = (from + count * per) * d.baseMs;
      const fast = aggregateFromIndex(d, t0, t1, count);
      // Exact: count sends per lane per bucket directly from the spans, by the same base-bucket rule.
      const exact = new Uint32Array(model.lanes.length * count);
      for (const sp of model.spans) {
        const bb = Math.min(base - 1, Math.floor(sp.sendMs / d.baseMs));
        if (bb < from || bb >= from + count * per) continue;
        (exact[sp.fromLane * count + Math.floor((bb - from) / per)] as number) += 1;
      }
      assert.deepEqual(fast.sent, exact, `window from ${from}, ${count} buckets of ${per}`);
    }
    const all = aggregateFromIndex(d, 0, model.endMs, 100);
    assert.equal(
      all.sent.reduce((s, x) => s + x, 0),
      model.spans.length,
    );
  });

  test('the count bound is never below the true number of visible spans', () => {
    for (const [a, b] of [
      [0, model.endMs],
      [model.endMs / 3, model.endMs / 2],
      [10, 11],
    ] as const) {
      assert.ok(countVisibleSpansMax(model, a, b) >= visibleSpans(model, a, b).length);
    }
  });
});
