/**
 * Built-in tests for exercise "write-amplification". They load the learner's
 * write-amplification.ts from DDIA_EXERCISE_DIR. The last test runs the lab SDK's real LSM
 * engine, turns its event log into a trace, and checks the learner's total against the bytes
 * the engine counted itself (its counter also includes the small manifest writes, hence a bound
 * rather than equality).
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

interface TraceEvent {
  readonly kind: 'flush' | 'compaction' | 'trivial-move';
  readonly outputLevel: number;
  readonly outputBytes: number;
}
interface Trace {
  readonly userBytes: number;
  readonly walBytes: number;
  readonly events: readonly TraceEvent[];
}
interface Result {
  readonly total: number;
  readonly wal: number;
  readonly byLevel: number[];
}
interface LsmEngine {
  eventLog(): { kind: TraceEvent['kind']; outputLevel: number; outputs: { sizeBytes: number }[] }[];
}
interface Sdk {
  storage: {
    openLsm(
      dir: string,
      opts: object,
    ): {
      put(k: string, v: string): void;
      engine: LsmEngine;
      stats(): { userBytesWritten: number; diskBytesWritten: number; walBytes: number };
    };
    resetFileSystems(): void;
  };
}

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding write-amplification.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeAmplification } = require(path.join(exerciseDir, 'write-amplification.ts')) as { writeAmplification(t: Trace): Result };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { storage } = require('ddia-labs') as Sdk;

const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

test('the log alone gives a write amplification of walBytes / userBytes', () => {
  const r = writeAmplification({ userBytes: 1000, walBytes: 1150, events: [] });
  assert.ok(near(r.wal, 1.15) && near(r.total, 1.15), JSON.stringify(r));
  assert.deepEqual(r.byLevel, []);
});

test('flushes and compactions count towards the level they write', () => {
  const r = writeAmplification({
    userBytes: 1000,
    walBytes: 1000,
    events: [
      { kind: 'flush', outputLevel: 0, outputBytes: 500 },
      { kind: 'flush', outputLevel: 0, outputBytes: 500 },
      { kind: 'compaction', outputLevel: 1, outputBytes: 900 },
      { kind: 'compaction', outputLevel: 3, outputBytes: 400 },
    ],
  });
  assert.equal(r.byLevel.length, 4);
  [1, 0.9, 0, 0.4].forEach((x, i) => assert.ok(near(r.byLevel[i] as number, x), `level ${i}: ${r.byLevel[i]}`));
  assert.ok(near(r.total, 1 + 1 + 0.9 + 0.4), `total ${r.total}`);
});

test('trivial moves cost nothing', () => {
  const r = writeAmplification({
    userBytes: 200,
    walBytes: 200,
    events: [
      { kind: 'flush', outputLevel: 0, outputBytes: 200 },
      { kind: 'trivial-move', outputLevel: 1, outputBytes: 200 },
      { kind: 'trivial-move', outputLevel: 2, outputBytes: 200 },
    ],
  });
  assert.deepEqual(r.byLevel, [1, 0, 0]);
  assert.ok(near(r.total, 2));
});

test('no user bytes, no amplification', () => {
  const r = writeAmplification({ userBytes: 0, walBytes: 0, events: [{ kind: 'flush', outputLevel: 0, outputBytes: 10 }] });
  assert.equal(r.total, 0);
  assert.equal(r.wal, 0);
  assert.deepEqual(r.byLevel, [0], 'byLevel still covers every level an event wrote to, with 0');
});

test('a real engine\u2019s trace: the total matches the bytes the engine wrote', () => {
  storage.resetFileSystems();
  const db = storage.openLsm('wa', {
    fresh: true,
    memtableBytes: 8 * 1024,
    targetTableBytes: 8 * 1024,
    leveled: { baseLevelBytes: 16 * 1024, levelSizeMultiplier: 4 },
  });
  for (let i = 0; i < 4000; i++) db.put(`key-${String((i * 7919) % 1500).padStart(5, '0')}`, `value-${i}`.padEnd(40, '.'));
  const s = db.stats();
  const events = db.engine
    .eventLog()
    .map((e) => ({ kind: e.kind, outputLevel: e.outputLevel, outputBytes: e.outputs.reduce((n, t) => n + t.sizeBytes, 0) }));
  assert.ok(
    events.some((e) => e.kind === 'compaction'),
    'the workload compacts',
  );
  const walBytes = s.diskBytesWritten - events.filter((e) => e.kind !== 'trivial-move').reduce((n, e) => n + e.outputBytes, 0);
  const r = writeAmplification({ userBytes: s.userBytesWritten, walBytes: Math.max(0, walBytes), events });
  const engineTotal = s.diskBytesWritten / s.userBytesWritten;
  assert.ok(Math.abs(r.total - engineTotal) < 0.05 * engineTotal, `yours ${r.total}, the engine's ${engineTotal}`);
  assert.ok(r.byLevel.length >= 2 && (r.byLevel[1] as number) > 0, `levels: ${r.byLevel.join(', ')}`);
});
