/**
 * The pure parts of the storage renderer: spec validation (every malformed spec gets a
 * message, never a crash), the LSM layout (disjoint levels on one row, overlapping tables on
 * separate rows), the compaction frames, and the B-tree layout (parents centred over children).
 * Specs come from the real engines through the SDK, so the renderer is tested on what it will get.
 */
import { strict as assert } from 'node:assert';
import { afterEach, test } from 'node:test';
import { storage } from '../../../../extension/sdk';
import { keyAxis, layoutLevels } from '../../../../extension/views/storage/lsmLayout';
import { compactionFrames } from '../../../../extension/views/storage/compactionFrames';
import { layoutBTree, keySummary, PAGE_WIDTH } from '../../../../extension/views/storage/bTreeLayout';
import { bTreeOutput, compactionOutput, lsmLevelsOutput } from '../../../../extension/views/storage/storageOutputs';

afterEach(() => storage.resetFileSystems());

function lsmWithL0(tables: number) {
  const db = storage.openLsm('r', { fresh: true, memtableBytes: 4 * 1024, targetTableBytes: 8 * 1024, autoCompact: false });
  let i = 0;
  while ((db.engine.describeLevels().levels[0]?.tables.length ?? 0) < tables)
    db.put(`k${String((i++ * 7919) % 3000).padStart(4, '0')}`, 'v'.repeat(40));
  return db;
}

test('validation: specs from the engines pass; bad versions and shapes are named', () => {
  const db = lsmWithL0(4);
  assert.ok(lsmLevelsOutput.check(storage.lsmLevels(db).spec).ok);
  const rec = storage.recordCompaction(db, (e) => e.compact());
  assert.ok(compactionOutput.check(rec.spec).ok);
  assert.ok(rec.spec.steps.length > 0, 'four L0 tables reach the leveled trigger');
  const cases: [unknown, RegExp][] = [
    [null, /not a JSON object/],
    [{ version: 2, levels: [] }, /unsupported LSM levels version 2/],
    [
      {
        version: 1,
        style: 'leveled',
        memtable: { entries: 0, bytes: 0 },
        levels: [{ level: 0, overlapping: true, sizeBytes: 0, tables: [{ id: 1 }] }],
      },
      /^levels\[0\]\.tables\[0\] needs 'smallest' \(a string\)$/,
    ],
    [{ version: 1, style: 'leveled', memtable: { entries: 0, bytes: 0 }, levels: 'x' }, /^levels: expected a list, got "x"$/],
    [{ version: 1, levels: [], memtable: { entries: 0, bytes: 0 } }, /^the data needs 'style'/],
  ];
  for (const [spec, re] of cases) {
    const c = lsmLevelsOutput.check(spec);
    assert.ok(!c.ok && re.test(c.problem), JSON.stringify(spec));
  }
  const badStep = { ...rec.spec, steps: [{ ...rec.spec.steps[0], levelsAfter: [{ level: 0 }] }] };
  const c = compactionOutput.check(badStep);
  assert.ok(!c.ok && /^steps\[0\]\.levelsAfter\[0\] needs 'overlapping'/.test(c.problem));
  const b = bTreeOutput.check({
    version: 1,
    rootId: 9,
    pageSize: 4096,
    omittedPages: 0,
    pages: [{ id: 1, kind: 'leaf', keys: [], children: [], fillFactor: 0.1 }],
  });
  assert.ok(!b.ok && /root page 9 is not among the pages/.test(b.problem));
});

test('LSM layout: overlapping L0 tables get one row each, a compacted level fits on one row', () => {
  const db = lsmWithL0(4);
  const before = storage.lsmLevels(db).spec.levels;
  const rec = storage.recordCompaction(db, (e) => e.compact({ full: true }));
  const after = rec.spec.steps.at(-1)!.levelsAfter;
  const axis = keyAxis([before, after]);
  assert.deepEqual(axis, [...axis].sort());
  const l0 = layoutLevels(before, axis, 800);
  const rowsOfL0 = new Set(l0.boxes.filter((b) => b.level === 0).map((b) => b.y));
  assert.equal(rowsOfL0.size, 4, 'every L0 table spans most of the key range, so each needs its own row');
  const bottom = layoutLevels(after, axis, 800);
  const lastLevel = [...after].reverse().find((l) => l.tables.length > 0)!;
  const boxes = bottom.boxes.filter((b) => b.level === lastLevel.level);
  assert.equal(new Set(boxes.map((b) => b.y)).size, 1);
  for (const b of bottom.boxes) assert.ok(b.x >= 0 && b.x + b.width <= bottom.width + 1);
});

test('compaction frames: a compaction is two frames (inputs, then outputs), a flush one', () => {
  const db = lsmWithL0(4);
  const rec = storage.recordCompaction(db, (e) => {
    e.put('zzz', 'last');
    e.flush();
    e.compact();
  });
  const frames = compactionFrames(rec.spec);
  const kinds = rec.spec.steps.map((s) => s.kind);
  assert.equal(kinds[0], 'flush');
  const expected = 1 + kinds.reduce((n, k) => n + (k === 'flush' ? 1 : 2), 0);
  assert.equal(frames.length, expected);
  const inputFrame = frames.find((f) => f.inputs.size > 0)!;
  assert.match(inputFrame.caption, /Inputs L0/);
  assert.equal(frames.at(-1)!.levels, rec.spec.steps.at(-1)!.levelsAfter);
});

test('B-tree layout: leaves in key order at the bottom, each parent centred over its children', () => {
  const bt = storage.openBTree('bt', { fresh: true, pageSize: 1024 });
  for (let i = 0; i < 600; i++) bt.put(`k${String(i).padStart(4, '0')}`, 'value'.repeat(3));
  const spec = storage.bTreePages(bt).spec;
  const layout = layoutBTree(spec);
  assert.equal(layout.boxes.length, spec.pages.length);
  const leaves = layout.boxes.filter((b) => b.page.kind === 'leaf').sort((a, b) => a.x - b.x);
  for (let i = 1; i < leaves.length; i++) assert.ok(leaves[i - 1]!.page.keys.at(-1)! < leaves[i]!.page.keys[0]!);
  const maxDepth = Math.max(...layout.boxes.map((b) => b.depth));
  for (const l of leaves) assert.equal(l.depth, maxDepth);
  for (const box of layout.boxes.filter((b) => b.page.kind === 'internal')) {
    const kids = layout.edges.filter((e) => e.from === box).map((e) => e.to.x);
    assert.equal(box.x, (Math.min(...kids) + Math.max(...kids)) / 2);
  }
  assert.ok(layout.width >= leaves.length * PAGE_WIDTH);
  assert.equal(keySummary([]), 'empty');
  assert.equal(keySummary(['apple', 'watermelon-long-key'], 7), 'apple … waterm…');
});
