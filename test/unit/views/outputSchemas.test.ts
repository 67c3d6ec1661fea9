/**
 * The published output schemas and the code agree: every MIME type has one schema file, written
 * from the same declaration as its type and check (a stale file fails here); every SDK builder
 * produces data the view's check accepts, with every field the schema requires; and malformed
 * data is rejected with a reason (the renderer shows it in an error box).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { charts, DISPLAYABLE, mermaid, summarizeBox, table, type Displayable } from '../../../extension/sdk/outputs';
import { CHART_MIME, chartOutput } from '../../../extension/views/chart/chartOutput';
import { TABLE_MIME, tableOutput } from '../../../extension/views/table/tableOutput';
import { MERMAID_MIME, mermaidOutput } from '../../../extension/views/mermaid/mermaidOutput';
import { contractFor, OUTPUT_CONTRACTS } from '../../../extension/views/outputContracts';
import { schemaFiles } from '../../../scripts/viewSchemaFiles';

const viewsDir = path.resolve(__dirname, '../../../extension/views');
const schema = (name: string): { $id: string; required: string[] } =>
  JSON.parse(fs.readFileSync(path.join(viewsDir, name, `${name}.schema.json`), 'utf8'));
const item = (d: Displayable): { mime: string; data: Record<string, unknown> } =>
  d[DISPLAYABLE]().items[0] as { mime: string; data: Record<string, unknown> };

describe('output schemas', () => {
  test('every MIME type has exactly one contract, and its schema file is what its declaration writes', async () => {
    const mimes = OUTPUT_CONTRACTS.map((c) => c.mime);
    assert.equal(new Set(mimes).size, mimes.length, 'no MIME type declared twice');
    assert.equal(mimes.length, 12);
    const files = await schemaFiles();
    assert.equal(files.length, OUTPUT_CONTRACTS.length);
    for (const { file, text } of files) {
      assert.ok(fs.existsSync(file), `${file} exists (npm run schemas writes it)`);
      assert.equal(fs.readFileSync(file, 'utf8'), text, `${path.basename(file)} is stale: run npm run schemas`);
    }
    for (const c of OUTPUT_CONTRACTS) assert.equal(contractFor(c.mime), c);
  });

  test('one schema per MIME type, named by it', () => {
    assert.equal(schema('chart').$id, CHART_MIME);
    assert.equal(schema('table').$id, TABLE_MIME);
    assert.equal(schema('mermaid').$id, MERMAID_MIME);
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
      assert.equal(it.mime, CHART_MIME);
      for (const k of schema('chart').required) assert.ok(k in it.data, `has ${k}`);
      assert.ok(chartOutput.check(it.data).ok, JSON.stringify(chartOutput.check(it.data)));
      assert.ok(d[DISPLAYABLE]().text.length > 0);
    });
  }

  test('table and mermaid builders produce valid data', () => {
    const t = item(table([{ a: 1, b: { nested: true } }]));
    for (const k of schema('table').required) assert.ok(k in t.data);
    assert.ok(tableOutput.check(t.data).ok);
    assert.equal((t.data['rows'] as Record<string, unknown>[])[0]?.['b'], '{"nested":true}');
    const m = item(mermaid('graph TD; A-->B'));
    assert.ok(mermaidOutput.check(m.data).ok);
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
      const r = chartOutput.check(b);
      assert.equal(r.ok, false, JSON.stringify(b));
      assert.ok(!r.ok && r.problem.length > 10);
    }
  });

  test('box summaries use Tukey fences', () => {
    const b = summarizeBox('x', [1, 2, 3, 4, 100]);
    assert.deepEqual([b.min, b.q1, b.median, b.q3, b.max, b.outliers], [1, 2, 3, 4, 4, [100]]);
  });
});
