/**
 * The compact trace encoding (extension/views/timeline/encoding): decode(encode(run)) deep-equals
 * the run for every scenario over many seeds, for the benchmark-like workload (loss, duplication,
 * reordering, every fault kind), for hand-made traces that use every escape of the format, and for
 * random values; damaged input (truncated, altered, wrong version) fails with TraceDecodeError
 * and a message saying what is wrong; and the decoder bundles for a browser (no node: imports).
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { buildSync } from 'esbuild';
import type { HistoryEvent } from '../../../../extension/sim/core/history';
import type { TraceEvent } from '../../../../extension/sim/core/trace';
import { createRandom, type Random } from '../../../../extension/util/prng';
import { listScenarios, runScenario } from '../../../../extension/sim/scenarios/registry';
import { fromBase64, toBase64 } from '../../../../extension/views/timeline/encoding/base64';
import {
  decodeColumns,
  decodeRun,
  encodeColumns,
  encodeRun,
  TRACE_ENCODING_VERSION,
  TraceDecodeError,
  TraceEncodeError,
  type EncodableRun,
} from '../../../../extension/views/timeline/encoding/traceCodec';
import { crc32 } from '../../../../extension/views/timeline/encoding/crc32';
import { benchLikeResult } from '../../sim/goldenWorkload';

const nodesOf = (events: readonly TraceEvent[]): string[] =>
  events.filter((e) => e.k === 'start').map((e) => (e.k === 'start' ? e.node : ''));

function roundTrip(run: EncodableRun): Uint8Array {
  const bytes = encodeRun(run);
  const back = decodeRun(bytes);
  assert.deepStrictEqual(back, { nodes: [...run.nodes], events: [...run.events], history: [...run.history] });
  return bytes;
}

describe('trace encoding: round trips', () => {
  for (const { name, defaults } of listScenarios()) {
    // Only the scenarios with a `faults` option have a nemesis to turn on.
    const variants = 'faults' in defaults ? [{}, { faults: true }] : [{}];
    test(`${name}: seeds 1–12${variants.length > 1 ? ', with and without the nemesis' : ''}`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        for (const options of variants) {
          const r = runScenario(name, seed, options);
          roundTrip({ nodes: nodesOf(r.trace), events: r.trace, history: r.history });
          // The same run through JSON (what a v1 trace file holds): history objects in the trace
          // are then copies, not the history's own objects, and must still be found.
          const copy = JSON.parse(JSON.stringify({ events: r.trace, history: r.history })) as {
            events: TraceEvent[];
            history: HistoryEvent[];
          };
          const bytes = roundTrip({ nodes: nodesOf(copy.events), events: copy.events, history: copy.history });
          assert.equal(bytes.length, encodeRun({ nodes: nodesOf(r.trace), events: r.trace, history: r.history }).length);
        }
      }
    });
  }

  test('the benchmark-like workload (loss, duplicates, reordering, every fault kind): columns and objects encode alike', () => {
    for (const seed of [1, 2, 3]) {
      const r = benchLikeResult(seed);
      const nodes = nodesOf(r.trace);
      const fromColumns = encodeColumns(r.traceColumns!, nodes.length, r.history);
      const fromObjects = roundTrip({ nodes, events: r.trace, history: r.history });
      assert.deepStrictEqual(decodeRun(fromColumns), { nodes, events: r.trace, history: r.history });
      const kinds = new Set(r.trace.map((e) => (e.k === 'drop' ? `drop:${e.reason}` : e.k)));
      for (const k of ['send', 'deliver', 'duplicate', 'drop:loss', 'drop:partition', 'drop:down', 'timer', 'fault', 'history']) {
        assert.ok(kinds.has(k), `seed ${seed} has no ${k} event, so this test would not cover it`);
      }
      // Endpoint order differs (columns: nodes then clients; objects: first seen), size does not much.
      assert.ok(Math.abs(fromColumns.length - fromObjects.length) < fromObjects.length / 100);
    }
  });

  test('decodeColumns gives the columns events() turns into the same objects', () => {
    const r = benchLikeResult(4);
    const bytes = encodeColumns(r.traceColumns!, 5, r.history);
    const d = decodeColumns(bytes);
    assert.equal(d.columns.length, r.trace.length);
    assert.deepStrictEqual(d.columns.events(), r.trace);
    assert.deepStrictEqual(Array.from(d.columns.kind), Array.from(r.traceColumns!.kind.subarray(0, r.trace.length)));
  });

  test('hand-made traces: every escape of the format (explicit causes and ids, odd times, notes, foreign history)', () => {
    const hist: HistoryEvent[] = [
      { type: 'invoke', opId: 0, process: 0, client: 'c1', f: 'write', key: 'k', value: 'v', timeMs: 0, node: 'α' },
      { type: 'ok', opId: 0, process: 0, client: 'c1', f: 'write', key: 'k', value: 'v', timeMs: 3.5 },
    ];
    const foreign: HistoryEvent = { type: 'fail', opId: 9, process: 2, client: 'c2', f: 'read', timeMs: 7, error: 'nope' };
    const events: TraceEvent[] = [
      { i: 0, t: 0, k: 'start', node: 'α' },
      { i: 1, t: 0, k: 'start', node: 'b' },
      { i: 2, t: -0, k: 'history', cause: -1, event: hist[0]! },
      {
        i: 3,
        t: 0.1,
        k: 'send',
        cause: 2,
        from: 'c1',
        to: 'α',
        msgId: 1e12,
        msg: { type: 'x', big: 2 ** 60, neg: -0, nan: NaN, inf: -Infinity },
      },
      { i: 4, t: 0.30000000000000004, k: 'send', cause: 2, from: 'α', to: 'b', msgId: -7, msg: [1, [2, [3, null, undefined]], 'ü✓'] },
      { i: 5, t: 2 ** 40, k: 'deliver', cause: 3, from: 'c1', to: 'α', msgId: 1e12 },
      { i: 6, t: 5, k: 'deliver', cause: 1, from: 'b', to: 'α', msgId: -7 },
      { i: 7, t: 5, k: 'drop', cause: 4, from: 'α', to: 'b', msgId: -7, reason: 'down' },
      { i: 8, t: 5, k: 'duplicate', cause: 0, msgId: 12345 },
      { i: 9, t: 6, k: 'timer', cause: -1, node: 'b', name: 'tick ⏰' },
      { i: 10, t: 6, k: 'note', cause: 9, node: 'b', label: 'plain' },
      { i: 11, t: 6, k: 'note', cause: 9, node: 'b', label: 'with data', data: { nested: { deep: [{ a: 1 }] }, s: '' } },
      { i: 12, t: 6, k: 'note', cause: 9, node: 'b', label: 'undefined data', data: undefined },
      { i: 13, t: 7, k: 'fault', fault: { kind: 'partition', groups: [['α'], ['b', 'c1']] } },
      { i: 14, t: 7, k: 'history', cause: 10, event: foreign },
      { i: 15, t: 8, k: 'history', cause: 5, event: hist[1]! },
      { i: 16, t: 8, k: 'history', cause: 5, event: hist[0]! },
      {
        i: 17,
        t: 8,
        k: 'send',
        cause: 16,
        from: 'b',
        to: 'zz',
        msgId: 3,
        msg: JSON.parse('{"__proto__":{"polluted":true},"ok":1}') as unknown,
      },
    ];
    roundTrip({ nodes: ['α', 'b'], events, history: hist });
    roundTrip({ nodes: [], events: [], history: [] });
    roundTrip({ nodes: ['only'], events: [], history: hist });
    const decoded = decodeRun(encodeRun({ nodes: ['α', 'b'], events, history: hist }));
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
    assert.equal(Object.getPrototypeOf((decoded.events[17] as { msg: object }).msg), Object.prototype);
  });

  test('random values (seeded) survive as note data and as messages', () => {
    const rng = createRandom(2024);
    for (let round = 0; round < 40; round++) {
      const events: TraceEvent[] = [{ i: 0, t: 0, k: 'start', node: 'n' }];
      for (let i = 1; i < 60; i++) {
        events.push(
          rng.next() < 0.5
            ? { i, t: i, k: 'note', cause: i - 1, node: 'n', label: `l${i % 3}`, data: randomValue(rng, 0) }
            : { i, t: i, k: 'send', cause: i - 1, from: 'n', to: 'n', msgId: i, msg: randomValue(rng, 0) },
        );
      }
      roundTrip({ nodes: ['n'], events, history: [] });
    }
  });

  test('compact: under 40 bytes per event in base64 on the benchmark-like workload and every scenario', () => {
    const r = benchLikeResult(1);
    const b64 = toBase64(encodeColumns(r.traceColumns!, 5, r.history));
    assert.ok(b64.length / r.trace.length < 40, `${(b64.length / r.trace.length).toFixed(1)} base64 bytes per event`);
    for (const { name, defaults } of listScenarios()) {
      const s = runScenario(name, 3, 'faults' in defaults ? { faults: true } : {});
      const n = toBase64(encodeRun({ nodes: nodesOf(s.trace), events: s.trace, history: s.history })).length / s.trace.length;
      assert.ok(n < 40, `${name}: ${n.toFixed(1)} base64 bytes per event`);
    }
  });
});

function randomValue(rng: Random, depth: number): unknown {
  const x = rng.next();
  if (depth > 3 || x < 0.4) {
    const pick = Math.floor(rng.next() * 10);
    return [
      null,
      true,
      false,
      undefined,
      Math.floor(rng.next() * 1000) - 500,
      rng.next() * 1e6,
      -0,
      `s${Math.floor(rng.next() * 50)}`,
      'ünï ✓',
      2 ** 53,
    ][pick];
  }
  if (x < 0.7) return Array.from({ length: Math.floor(rng.next() * 5) }, () => randomValue(rng, depth + 1));
  const o: Record<string, unknown> = {};
  const n = Math.floor(rng.next() * 5);
  for (let i = 0; i < n; i++) o[`k${Math.floor(rng.next() * 8)}`] = randomValue(rng, depth + 1);
  return o;
}

describe('trace encoding: damaged input', () => {
  const r = benchLikeResult(1);
  const good = encodeColumns(r.traceColumns!, 5, r.history);

  test('truncated at any length: TraceDecodeError saying truncated', () => {
    for (const len of [0, 3, 15, 16, 17, 100, good.length >> 1, good.length - 1]) {
      assert.throws(
        () => decodeRun(good.subarray(0, len)),
        (e: unknown) => e instanceof TraceDecodeError && /truncated/.test(e.message),
        `length ${len}`,
      );
    }
  });

  test('a changed byte anywhere in the body: the CRC check rejects it', () => {
    const rng = createRandom(7);
    for (let k = 0; k < 50; k++) {
      const bad = good.slice();
      const at = 16 + Math.floor(rng.next() * (bad.length - 16));
      bad[at] = (bad[at]! ^ (1 + Math.floor(rng.next() * 255))) & 0xff;
      assert.throws(() => decodeRun(bad), /corrupt: CRC-32/);
    }
  });

  test('a changed body with a matching CRC: a TraceDecodeError or a valid run, never another error or a hang', () => {
    const small = encodeRun({
      nodes: nodesOf(runScenario('quorum-no-stale-reads', 1).trace),
      events: runScenario('quorum-no-stale-reads', 1).trace,
      history: runScenario('quorum-no-stale-reads', 1).history,
    });
    const rng = createRandom(11);
    let rejected = 0;
    for (let k = 0; k < 400; k++) {
      const bad = small.slice();
      const at = 16 + Math.floor(rng.next() * (bad.length - 16));
      bad[at] = Math.floor(rng.next() * 256);
      new DataView(bad.buffer).setUint32(12, crc32(bad, 16), true);
      try {
        decodeRun(bad);
      } catch (e) {
        assert.ok(e instanceof TraceDecodeError, `byte ${at}: ${String(e)}`);
        rejected++;
      }
    }
    assert.ok(rejected > 100, `only ${rejected} of 400 damaged encodings were rejected`);
  });

  test('wrong magic, another version, unknown flags, extra bytes: each named', () => {
    const magic = good.slice();
    magic[0] = 0x7b;
    assert.throws(() => decodeRun(magic), /not a trace encoding/);
    const version = good.slice();
    new DataView(version.buffer).setUint16(4, TRACE_ENCODING_VERSION + 1, true);
    assert.throws(
      () => decodeRun(version),
      new RegExp(
        `unsupported trace encoding version ${TRACE_ENCODING_VERSION + 1} \\(this build reads version ${TRACE_ENCODING_VERSION}\\)`,
      ),
    );
    const flags = good.slice();
    flags[6] = 1;
    assert.throws(() => decodeRun(flags), /unsupported trace encoding flags/);
    const longer = new Uint8Array(good.length + 3);
    longer.set(good);
    assert.throws(() => decodeRun(longer), /corrupt: the header says/);
  });

  test('what cannot be encoded is refused with TraceEncodeError', () => {
    const base: TraceEvent[] = [{ i: 0, t: 0, k: 'start', node: 'n' }];
    assert.throws(
      () =>
        encodeRun({
          nodes: ['n'],
          events: [...base, { i: 1, t: 0, k: 'send', cause: 0, from: 'n', to: 'n', msgId: 0, msg: { f: () => 1 } }],
          history: [],
        }),
      (e: unknown) => e instanceof TraceEncodeError && /function/.test(e.message),
    );
    assert.throws(() => encodeRun({ nodes: ['n'], events: [{ i: 3, t: 0, k: 'start', node: 'n' }], history: [] }), /numbered in order/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(
      () =>
        encodeRun({
          nodes: ['n'],
          events: [...base, { i: 1, t: 0, k: 'note', cause: 0, node: 'n', label: 'x', data: cyclic }],
          history: [],
        }),
      /nests deeper/,
    );
  });
});

describe('trace encoding: base64 and the browser', () => {
  test('base64 matches Node for every length up to 300 and round-trips; bad text is refused', () => {
    const rng = createRandom(3);
    for (let n = 0; n <= 300; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(rng.next() * 256));
      const text = toBase64(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64'));
      assert.deepStrictEqual(fromBase64(text), bytes);
    }
    assert.throws(() => fromBase64('abc'), TraceDecodeError);
    assert.throws(() => fromBase64('ab$d'), /not base64/);
  });

  test('the decoder bundles for a browser: no node: module, no Buffer', () => {
    const out = buildSync({
      entryPoints: [path.join(__dirname, '../../../../extension/views/timeline/encoding/traceCodec.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    assert.doesNotMatch(code, /\bBuffer\b|require\(|from "node:/);
  });
});
