/**
 * The documented output schemas and the code agree: every SDK builder produces data the
 * renderer's validator accepts, with every field the schema requires, and malformed data is
 * rejected with a reason (the renderer shows it in an error box).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { MIME } from '../../../extension/protocol/outputs';
import { charts, DISPLAYABLE, mermaid, summarizeBox, table, type Displayable } from '../../../extension/sdk/outputs';
import { checkChart, checkMermaid, checkTable } from '../../../webviews/renderers/validate';

const schemaDir = path.resolve(__dirname, '../../../extension/protocol/schemas');
const schema = (name: string): { $id: string; required: string[] } =>
  JSON.parse(fs.readFileSync(path.join(schemaDir, `${name}.schema.json`), 'utf8'));
const item = (d: Displayable): { mime: string; data: Record<string, unknown> } =>
  d[DISPLAYABLE]().items[0] as { mime: string; data: Record<string, unknown> };

describe('output schemas', () => {
  test('one schema per MIME type, named by it', () => {
    assert.equal(schema('chart').$id, MIME.chart);
    assert.equal(schema('table').$id, MIME.table);
    assert.equal(schema('mermaid').$id, MIME.mermaid);
  });

  const builders: [string, Displayable][] = [
    [
      'line',
      charts.line({
        a: [
          [0, 1],
          [1, 2],
        ],
      }),
    ],
    [
      'scatter',
      charts.scatter([
        [1, 2],
        [3, 4],
      ]),
    ],
    ['bar', charts.bar({ x: 1, y: 2 })],
    ['histogram', charts.histogram([1, 2, 2, 3, 9])],
    ['heatmap', charts.heatmap({ xs: [0, 1], ys: ['a'], values: [[1, 2]] })],
    ['box', charts.box({ a: [1, 2, 3, 4, 100] })],
  ];
  for (const [kind, d] of builders) {
    test(`chart.${kind} produces valid, schema-complete data with a text fallback`, () => {
      const it = item(d);
      assert.equal(it.mime, MIME.chart);
      for (const k of schema('chart').required) assert.ok(k in it.data, `has ${k}`);
      assert.ok(checkChart(it.data).ok, JSON.stringify(checkChart(it.data)));
      assert.ok(d[DISPLAYABLE]().text.length > 0);
    });
  }

  test('table and mermaid builders produce valid data', () => {
    const t = item(table([{ a: 1, b: { nested: true } }]));
    for (const k of schema('table').required) assert.ok(k in t.data);
    assert.ok(checkTable(t.data).ok);
    assert.equal((t.data['rows'] as Record<string, unknown>[])[0]?.['b'], '{"nested":true}');
    const m = item(mermaid('graph TD; A-->B'));
    assert.ok(checkMermaid(m.data).ok);
  });

  test('malformed data is rejected with a reason', () => {
    const bad: unknown[] = [
      null,
      { version: 2, kind: 'line' },
      { version: 1, kind: 'pie' },
      { version: 1, kind: 'line', series: [{ name: 's', points: [[1, 'x']] }] },
      { version: 1, kind: 'heatmap', heatmap: { xs: [1], ys: [1, 2], values: [[1]] } },
    ];
    for (const b of bad) {
      const r = checkChart(b);
      assert.equal(r.ok, false, JSON.stringify(b));
      assert.ok(!r.ok && r.problem.length > 10);
    }
  });

  test('box summaries use Tukey fences', () => {
    const b = summarizeBox('x', [1, 2, 3, 4, 100]);
    assert.deepEqual([b.min, b.q1, b.median, b.q3, b.max, b.outliers], [1, 2, 3, 4, 4, [100]]);
  });
});
