/**
 * focusCpuProfile and the cell location mapping, on hand-written V8 profiles whose shape copies
 * what the inspector returns (root, kernel frames, the marker script, the learner's frames,
 * async continuations, GC). Each case checks the folded stacks after importing the result
 * with the real `.cpuprofile` importer, so the test reads as the flame graph the learner sees.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { cellFenceLines, labLocationMapper } from '../../../extension/perf/collect/cellLocations';
import { focusCpuProfile, type RawCpuProfile, type RawNode } from '../../../extension/perf/collect/focusCpuProfile';
import { importCpuProfile } from '../../../extension/perf/import/cpuprofile';
import { exportFolded } from '../../../extension/perf/import/exportFolded';
import type { Profile } from '../../../extension/perf/model/types';

const MARKER = 'ddia-labs:perf.profile';
const SDK = '/ext/dist/kernel-worker.js';

/** Nodes from `[id, parentId | 0, name, url, line]` rows; samples one per 1000 µs. */
function raw(rows: [number, number, string, string, number][], samples: number[]): RawCpuProfile {
  const nodes: RawNode[] = rows.map(([id, , functionName, url, lineNumber]) => ({
    id,
    callFrame: { functionName, url, lineNumber, columnNumber: 0, scriptId: '1' },
    children: rows.filter((r) => r[1] === id).map((r) => r[0]),
  }));
  return { nodes, startTime: 0, endTime: samples.length * 1000, samples, timeDeltas: samples.map(() => 1000) };
}

function folded(p: RawCpuProfile): string {
  const r = importCpuProfile(JSON.stringify(p), 'x.cpuprofile');
  assert.equal(r.kind, 'ok', r.kind === 'ok' ? '' : JSON.stringify(r));
  if (r.kind !== 'ok') throw new Error('unreachable');
  return exportFolded(r.group.profiles[0] as Profile, { merge: true });
}

const isUserUrl = (u: string): boolean => u !== '' && u !== SDK && u !== MARKER && !u.startsWith('node:');

// (root) → run (kernel) → cell → profile (sdk) → profiled (marker) → work (cell) → hot (cell)
//                                                                  → cold (cell)
// (root) → (garbage collector); (root) → work continuation (cell) → hot;
// (root) → processTicksAndRejections (node) → profile continuation (sdk)
const ROWS: [number, number, string, string, number][] = [
  [1, 0, '(root)', '', -1],
  [2, 1, 'run', SDK, 50],
  [3, 2, '', 'ddia-cell:cell slow', 0],
  [4, 3, 'profile', SDK, 900],
  [5, 4, 'profiled', MARKER, 0],
  [6, 5, 'work', 'ddia-cell:cell slow', 3],
  [7, 6, 'hot', 'ddia-cell:cell slow', 1],
  [8, 6, 'cold', 'ddia-cell:cell slow', 2],
  [9, 1, '(garbage collector)', '', -1],
  [10, 1, 'work', 'ddia-cell:cell slow', 3],
  [11, 10, 'hot', 'ddia-cell:cell slow', 1],
  [12, 1, 'processTicksAndRejections', 'node:internal/process/task_queues', 60],
  [13, 12, 'profile', SDK, 910],
  [14, 1, '(idle)', '', -1],
];

describe('focusCpuProfile', () => {
  // Sample i is taken at (i + 1) ms; the window is the profiled call's time span.
  const all = { start: 0, end: 1e9 };
  const cases: { name: string; samples: number[]; window: { start: number; end: number }; expected: string }[] = [
    {
      name: 'samples under the marker are re-rooted at its children',
      samples: [7, 7, 7, 8, 6],
      window: all,
      expected: 'work 1000\nwork;cold 1000\nwork;hot 3000\n',
    },
    {
      name: 'the profiler’s own frames, the marker itself and the cell around it outside the call become idle',
      samples: [4, 5, 7, 13, 2, 3, 10],
      window: { start: 2000, end: 4000 },
      expected: 'work;hot 1000\n',
    },
    {
      name: 'the learner’s frames outside the marker count inside the window',
      samples: [3, 10, 3],
      window: { start: 2000, end: 2000 },
      expected: 'work 1000\n',
    },
    { name: 'async continuations of the learner’s code are kept', samples: [7, 11, 11, 12], window: all, expected: 'work;hot 3000\n' },
    {
      name: 'GC after the learner’s code stays on its stack',
      samples: [7, 9, 7],
      window: all,
      expected: 'work;hot 2000\nwork;hot;(garbage collector) 1000\n',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      // The importer's last sample only ends the previous run, so one extra idle sample ends it.
      const focused = focusCpuProfile(raw(ROWS, [...c.samples, 14]), { markerUrl: MARKER, isUserUrl, window: c.window });
      assert.equal(folded(focused), c.expected);
    });
  }

  test('unsampled nodes are pruned and hit counts match the samples', () => {
    const focused = focusCpuProfile(raw(ROWS, [7, 7, 8, 14]), { markerUrl: MARKER, isUserUrl });
    const names = focused.nodes.map((n) => n.callFrame.functionName).sort();
    // (idle) samples go to the root, which the importer reads as idle time.
    assert.deepEqual(names, ['(root)', 'cold', 'hot', 'work']);
    const hot = focused.nodes.find((n) => n.callFrame.functionName === 'hot');
    assert.equal(hot?.hitCount, 2);
  });

  test('cell frames map to the lab file line; other frames keep their location', () => {
    const lab = [
      '# Lab',
      '',
      '```ts id=setup',
      'const a = 1;',
      '```',
      '',
      'text',
      '',
      '```ts id=slow',
      'function hot() {',
      '}',
      '```',
      '',
    ].join('\n');
    const mapLocation = labLocationMapper('/labs/x/x.lab.md', lab);
    const focused = focusCpuProfile(raw(ROWS, [7, 8, 14]), { markerUrl: MARKER, isUserUrl, mapLocation });
    const hot = focused.nodes.find((n) => n.callFrame.functionName === 'hot');
    // Fence of `slow` is on line 9 (1-based); cell line 1 (0-based) is lab line 11 (1-based) = 10 (0-based).
    assert.deepEqual([hot?.callFrame.url, hot?.callFrame.lineNumber], ['/labs/x/x.lab.md', 10]);
  });
});

describe('cell locations', () => {
  test('fences of ts cells with ids, skipping other blocks and fences inside them', () => {
    const lab = [
      '```ts id=a',
      'x',
      '```',
      '````md',
      '```ts id=inner',
      '````',
      '~~~typescript id="b c"',
      '~~~',
      '```js id=d',
      '```',
      '```ts',
      '```',
    ].join('\n');
    assert.deepEqual(
      [...cellFenceLines(lab)],
      [
        ['a', 1],
        ['b c', 7],
      ],
    );
  });

  test('unknown cells, unnumbered cells and other scripts are left alone; file URLs become paths', () => {
    const map = labLocationMapper('/l/a.lab.md', '```ts id=a\n```\n');
    assert.equal(map('ddia-cell:cell zzz', 0), undefined);
    assert.equal(map('ddia-cell:Cell 3', 0), undefined);
    assert.equal(map('node:internal/x', 4), undefined);
    assert.deepEqual(map('file:///tmp/my%20lab/ex.ts', 4), { url: '/tmp/my lab/ex.ts', line: 4 });
    assert.equal(labLocationMapper(undefined, undefined)('ddia-cell:cell a', 0), undefined);
  });
});
