/**
 * Conformance with speedscope's own test snapshots (via the corpus's derived JSON). For every
 * in-scope sample profile speedscope has a snapshot for, we import the file and compare the
 * group name and active profile, each profile's name, the frame set with exact self and total
 * weights (|Δ| ≤ 1e-9 relative for perf's floating seconds), the total weight and the stacks
 * dump line for line. Then the file is imported again with no file name: content sniffing must
 * pick the same importer and give the same profiles.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { importProfile } from '../../../extension/perf/import/importProfile';
import { dumpStacks } from '../../../extension/perf/model/dump';
import { type Profile } from '../../../extension/perf/model/types';
import { frameWeights, totalWeight } from '../../../extension/perf/model/weights';
import { type ExpectedFrame, SPEEDSCOPE, readCorpus, snapshotRecords } from './importCorpus';

function close(actual: number, expected: number, what: string): void {
  const tolerance = Math.max(1e-9 * Math.abs(expected), 1e-12);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} != ${expected}`);
}

function frameRow(p: Profile, i: number, self: Float64Array, total: Float64Array): ExpectedFrame {
  const f = p.frames[i]!;
  return { name: f.name, file: f.file ?? null, line: f.line ?? null, col: f.col ?? null, selfWeight: self[i]!, totalWeight: total[i]! };
}

const identity = (f: { name: string; file: string | null; line: number | null; col: number | null }): string =>
  JSON.stringify([f.name, f.file || null, f.line, f.col]);

describe('import conformance with speedscope snapshots', () => {
  for (const record of snapshotRecords()) {
    const file = path.join(SPEEDSCOPE, record.input);
    const fileName = path.basename(file);
    test(`${record.test}: ${record.input}`, () => {
      const result = importProfile(readCorpus(file), fileName);
      if (record.expect === 'import-failure') {
        assert.equal(result.kind, 'error');
        assert.ok(result.kind === 'error' && result.message.includes(record.error_message!), JSON.stringify(result));
        return;
      }
      assert.equal(result.kind, 'ok', JSON.stringify(result));
      if (result.kind !== 'ok') return;
      assert.equal(result.group.name, record.profileGroup_name);
      assert.equal(result.group.activeIndex, record.indexToView);
      assert.equal(result.group.profiles.length, record.profiles!.length);
      record.profiles!.forEach((expected, k) => {
        const p = result.group.profiles[k]!;
        assert.equal(p.name, expected.name);
        const { self, total } = frameWeights(p);
        const actual = new Map(p.frames.map((_, i) => [identity(frameRow(p, i, self, total)), frameRow(p, i, self, total)]));
        assert.deepEqual([...actual.keys()].sort(), expected.frames.map(identity).sort(), 'frame set');
        for (const e of expected.frames) {
          const a = actual.get(identity(e))!;
          close(a.selfWeight, e.selfWeight, `${e.name} self`);
          close(a.totalWeight, e.totalWeight, `${e.name} total`);
        }
        close(totalWeight(p), expected.sum_selfWeight_raw, 'total weight');
        assert.deepEqual(dumpStacks(p), expected.stacks);
      });
    });
  }
});

describe('import by content sniffing agrees with import by file name', () => {
  for (const record of snapshotRecords().filter((r) => r.expect === 'ok')) {
    test(`no file name: ${record.input}`, () => {
      const bytes = readCorpus(path.join(SPEEDSCOPE, record.input));
      const named = importProfile(bytes, path.basename(record.input));
      const sniffed = importProfile(bytes);
      assert.ok(named.kind === 'ok' && sniffed.kind === 'ok', JSON.stringify(sniffed));
      assert.equal(sniffed.format, named.format);
      assert.equal(sniffed.group.profiles.length, named.group.profiles.length);
      sniffed.group.profiles.forEach((p, k) => {
        const q = named.group.profiles[k]!;
        // Names may come from the file name; everything measured must not.
        assert.deepEqual({ ...p, name: '' }, { ...q, name: '' });
      });
    });
  }
});
