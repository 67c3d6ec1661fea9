/**
 * Live storage views (`storage.watch`) with a fake clock and a fake notebook sink: frames are
 * throttled (ticks between frames coalesce, never one message per write), the final frame is
 * the exact state after the last write, nothing is sent after the cell ends, and where there is
 * no live display (the CLI) only one final output exists. Slow motion sleeps only when live.
 */
import { strict as assert } from 'node:assert';
import { afterEach, describe, test } from 'node:test';
import { setDisplaySink, storage, toOutputBundle } from '../../../extension/sdk';
import { endCell } from '../../../extension/sdk/display';
import { liveOutput } from '../../../extension/sdk/liveOutput';
import {
  lsmLevelsOutput,
  bTreeOutput,
  STORAGE_MIME,
  type LsmLevelsSpec,
  type BTreeSpec,
} from '../../../extension/views/storage/storageOutputs';
import type { OutputBundle } from '../../../extension/views/notebook/outputBundle';

interface Sent {
  kind: 'display' | 'update';
  bundle: OutputBundle;
}

function fakeNotebook(live = true): Sent[] {
  const sent: Sent[] = [];
  setDisplaySink({
    display: (bundle) => sent.push({ kind: 'display', bundle }),
    update: (bundle) => sent.push({ kind: 'update', bundle }),
    live,
  });
  return sent;
}

function fakeClock(): { now(): number; advance(ms: number): void } {
  let t = 1000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

const lsmSpec = (b: OutputBundle): LsmLevelsSpec => {
  const item = b.items.find((i) => i.mime === STORAGE_MIME.lsmLevels);
  assert.ok(item, 'an LSM levels item');
  const c = lsmLevelsOutput.check(item.data);
  assert.ok(c.ok, c.ok ? '' : c.problem);
  return c.value;
};

const openSmallLsm = (dir: string) =>
  storage.openLsm(dir, {
    fresh: true,
    memtableBytes: 4 * 1024,
    targetTableBytes: 4 * 1024,
    leveled: { baseLevelBytes: 16 * 1024, levelSizeMultiplier: 4, maxLevels: 4 },
  });

afterEach(() => {
  endCell();
  setDisplaySink(undefined);
  storage.resetFileSystems();
});

describe('liveOutput', () => {
  test('ticks within the interval coalesce; a frame goes out once the interval has passed', () => {
    const sent = fakeNotebook();
    const clock = fakeClock();
    let state = 0;
    const out = liveOutput((status) => ({ items: [], text: `${status} ${state}` }), { everyMs: 200, clock });
    assert.equal(sent.length, 1, 'the first frame is shown at once');
    for (let i = 0; i < 800; i++) {
      state++;
      clock.advance(0.125); // 800 writes in 100 ms of fake time (binary fractions: no rounding drift)
      out.tick();
    }
    assert.equal(sent.length, 1, 'no frame before 200 ms');
    clock.advance(100);
    out.tick();
    assert.equal(sent.length, 2);
    assert.equal(sent[1]?.kind, 'update');
    assert.equal(sent[1]?.bundle.text, 'running 800');
    assert.equal(sent[1]?.bundle.displayId, sent[0]?.bundle.displayId, 'updates replace the first output');
  });

  test('at most one frame per interval however many ticks: 8 000 ticks over 2 s give 11 frames, then the final one', () => {
    const sent = fakeNotebook();
    const clock = fakeClock();
    let state = 0;
    const out = liveOutput(() => ({ items: [], text: String(state) }), { everyMs: 200, clock });
    for (let i = 0; i < 8000; i++) {
      state++;
      clock.advance(0.25);
      out.tick();
    }
    assert.equal(sent.length, 1 + 10, `the first frame and one per 200 ms, got ${sent.length}`);
    state++;
    const final = out.finish();
    assert.equal(sent.length, 12);
    assert.equal(sent.at(-1)?.bundle.text, String(state), 'the final frame is the state at finish, not the last throttled one');
    assert.equal(toOutputBundle(final).displayId, sent[0]?.bundle.displayId, 'showing the final value replaces the live output');
    out.tick();
    out.finish();
    assert.equal(sent.length, 12, 'nothing after finish');
  });

  test('the end of the cell draws the final frame of a view nobody finished, and stops it', () => {
    const sent = fakeNotebook();
    const clock = fakeClock();
    let state = 'a';
    const out = liveOutput((status) => ({ items: [], text: `${status} ${state}` }), { clock });
    state = 'b';
    endCell();
    assert.equal(sent.at(-1)?.bundle.text, 'final b');
    assert.ok(out.finished);
    clock.advance(10_000);
    out.tick();
    assert.equal(sent.length, 2);
  });

  test('without a live display (CLI, grader) nothing is sent; the final value is the one output', () => {
    const sent = fakeNotebook(false);
    const clock = fakeClock();
    const out = liveOutput((status) => ({ items: [], text: status }), { clock });
    for (let i = 0; i < 100; i++) {
      clock.advance(100);
      out.tick();
    }
    assert.equal(sent.length, 0);
    assert.equal(out.live, false);
    const final = toOutputBundle(out.finish());
    assert.equal(final.text, 'final');
    assert.equal(final.displayId, undefined);
  });

  test('rejects frame intervals outside 100..5000 ms', () => {
    assert.throws(() => liveOutput(() => ({ items: [], text: '' }), { everyMs: 10 }), /everyMs must be from 100 to 5000/);
    assert.throws(() => liveOutput(() => ({ items: [], text: '' }), { everyMs: Number.NaN }), /everyMs/);
  });
});

describe('storage.watch', () => {
  test('LSM: frames show levels filling as the workload runs; the final frame is the state after the last write', () => {
    const sent = fakeNotebook();
    const clock = fakeClock();
    const db = openSmallLsm('watch-lsm');
    const live = storage.watch(db, { title: 'live', everyMs: 200, clock });
    const ops = storage.workload({ operations: 4000, keys: 1500, valueBytes: 60, readFraction: 0, seed: 3 });
    for (const op of ops) {
      if (op.type === 'put') db.put(op.key, op.value);
      clock.advance(0.5); // 4 000 writes over 2 s of fake time
      live.tick();
    }
    const frames = sent.map((s) => lsmSpec(s.bundle));
    assert.equal(frames.length, 1 + 10, 'one frame every 200 ms');
    assert.ok(
      frames.every((f) => f.progress?.status === 'running' && f.title === 'live'),
      'intermediate frames say running',
    );
    const tables = frames.map((f) => f.levels.reduce((n, l) => n + l.tables.length, 0));
    assert.equal(frames[0]?.progress?.operations, 0);
    assert.ok(
      frames.slice(1).every((f, i) => (f.progress?.operations ?? 0) > (frames[i]?.progress?.operations ?? 0)),
      'operations grow frame by frame',
    );
    assert.ok((tables.at(-1) ?? 0) > (tables[0] ?? 0), 'tables appear while it runs');
    db.put('zzz-last', 'the last write');
    const final = toOutputBundle(live.done());
    const last = lsmSpec(final);
    const exact = storage.lsmLevels(db).spec;
    assert.deepEqual(last.levels, exact.levels, 'the final frame is exactly the levels after the last write');
    assert.deepEqual(last.memtable, exact.memtable);
    assert.equal(last.progress?.status, 'final');
    assert.equal(last.progress?.operations, 4000);
    const stats = db.stats();
    assert.equal(last.progress?.flushes, stats.flushes);
    assert.equal(last.progress?.compactions, stats.compactions);
    assert.ok(stats.compactions > 0, 'the workload compacted');
    assert.equal(last.progress?.writeAmplification, stats.amplification.write);
    assert.deepEqual(lsmSpec(sent.at(-1)?.bundle as OutputBundle), last, 'the live output ends on the final frame');
    assert.equal(final.displayId, sent[0]?.bundle.displayId);
    assert.match(final.text, /done: 4000 operations, \d+ flushes, \d+ compactions, write amplification \d+\.\d\d×/);
  });

  test('B-tree: pages view with progress, checked by its contract', () => {
    const sent = fakeNotebook();
    const clock = fakeClock();
    const db = storage.openBTree('watch-btree', { fresh: true, pageSize: 1024 });
    const live = storage.watch(db, { clock, everyMs: 100 });
    storage.runWorkload(db, storage.workload({ operations: 600, keys: 400, valueBytes: 30, seed: 2 }), {
      watch: { ...live, tick: () => (clock.advance(1), live.tick()) },
    });
    const specs = sent.map((s) => {
      const item = s.bundle.items.find((i) => i.mime === STORAGE_MIME.bTree);
      const c = bTreeOutput.check(item?.data);
      assert.ok(c.ok, c.ok ? '' : c.problem);
      return c.value as BTreeSpec;
    });
    assert.equal(specs.length, 1 + 6, 'one frame per 100 ms of 600 ms');
    const final = toOutputBundle(live);
    const spec = bTreeOutput.check(final.items[0]?.data);
    assert.ok(spec.ok);
    assert.equal(spec.value.progress?.status, 'final');
    assert.equal(spec.value.progress?.operations, 600);
    assert.deepEqual(spec.value.pages, storage.bTreePages(db).spec.pages);
  });

  test('slow motion holds a live workload to opsPerSecond, and is off without a live display', () => {
    for (const liveDisplay of [true, false]) {
      fakeNotebook(liveDisplay);
      const clock = fakeClock();
      const slept: number[] = [];
      const db = openSmallLsm(`watch-slow-${liveDisplay}`);
      const live = storage.watch(db, {
        clock,
        opsPerSecond: 1000,
        sleep: (ms) => {
          slept.push(ms);
          clock.advance(ms);
        },
      });
      for (let i = 0; i < 500; i++) {
        db.put(`k${i}`, 'v');
        live.tick();
      }
      live.done();
      if (liveDisplay) {
        const total = slept.reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(total - 500) < 16, `500 ops at 1000/s take 0.5 s, slept ${total} ms`);
        assert.ok(slept.length <= 500 / 15 + 1, `sleeps are batched (≥ 15 ms each), got ${slept.length}`);
      } else assert.deepEqual(slept, [], 'the CLI runs at full speed');
    }
  });

  test('clear errors for a store it cannot draw and for bad options', () => {
    const h = storage.openHashLog('watch-hash', { fresh: true });
    assert.throws(() => storage.watch(h as never), /openLsm or openBTree, got a hashlog store/);
    const db = openSmallLsm('watch-bad');
    assert.throws(() => storage.watch(db, { opsPerSecond: 0 }), /opsPerSecond must be a positive number/);
    assert.throws(() => storage.watch(db, { everyMs: 20 }), /everyMs must be from 100 to 5000/);
    assert.throws(() => storage.watch(db).tick(-1), /whole number/);
  });
});
