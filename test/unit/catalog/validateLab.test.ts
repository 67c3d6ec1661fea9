/**
 * The lab validator: every shipped lab passes, and each kind of broken front matter fails with a
 * message naming the file and the field.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { scanLabs } from '../../../extension/catalog/labScan';
import { formatProblem, validateLab, type LabInput } from '../../../extension/catalog/validateLab';

const GOOD = `---
id: demo-lab
title: A demo
book: DDIA
chapter: 3
summary: Something to learn.
exercises:
  - id: one
    title: First
    starter: one.ts
    tests: one.test.ts
    reference: one.ts
---
# Body
`;

const FILES = new Set(['demo.lab.md', 'starter/one.ts', 'tests/one.test.ts', 'reference/one.ts']);

function input(text: string, files: ReadonlySet<string> = FILES): LabInput {
  return { file: 'labs/demo-lab/demo.lab.md', fileName: 'demo.lab.md', folderName: 'demo-lab', text, files };
}

describe('validateLab', () => {
  test('a complete lab is accepted with its chapter title', () => {
    const r = validateLab(input(GOOD));
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.lab.chapterTitle, 'Storage and Retrieval');
    assert.equal(r.lab.exercises[0]?.points, 1);
  });

  test('CRLF line endings and a byte-order mark are accepted', () => {
    const r = validateLab(input('\ufeff' + GOOD.replace(/\n/g, '\r\n')));
    assert.ok(r.ok, JSON.stringify(r));
  });

  const broken: [string, string, string][] = [
    ['missing title', GOOD.replace('title: A demo\n', ''), 'title'],
    ['unknown book', GOOD.replace('book: DDIA', 'book: SICP'), 'book'],
    ['chapter out of range', GOOD.replace('chapter: 3', 'chapter: 13'), 'chapter'],
    ['chapter not a number', GOOD.replace('chapter: 3', 'chapter: three'), 'chapter'],
    ['id differs from folder', GOOD.replace('id: demo-lab', 'id: other-lab'), 'id'],
    ['starter file missing', GOOD.replace('starter: one.ts', 'starter: two.ts'), 'exercises[0].starter'],
    ['path escapes the lab', GOOD.replace('tests: one.test.ts', 'tests: ../x.ts'), 'exercises[0].tests'],
    ['exercises not a list', GOOD.replace(/exercises:[\s\S]*---/, 'exercises: 3\n---'), 'exercises'],
  ];
  for (const [name, text, field] of broken) {
    test(`rejects ${name}, naming the field '${field}'`, () => {
      const r = validateLab(input(text));
      assert.equal(r.ok, false);
      if (r.ok) return;
      const messages = r.problems.map(formatProblem);
      assert.ok(
        r.problems.some((p) => p.field === field),
        `expected a problem with field ${field}, got ${messages.join('; ')}`,
      );
      assert.ok(
        messages.every((m) => m.startsWith('labs/demo-lab/demo.lab.md')),
        messages.join('; '),
      );
    });
  }

  test('unterminated front matter and invalid YAML are reported with a line', () => {
    const unterminated = validateLab(input('---\nid: x\n# no closing fence\n'));
    assert.equal(unterminated.ok, false);
    const bad = validateLab(input('---\nid: [unclosed\ntitle: x\n---\n'));
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.ok(bad.problems[0]?.line !== undefined && bad.problems[0].line >= 2, JSON.stringify(bad.problems));
  });

  test('exercise problems name the line of the field at fault', () => {
    const r = validateLab(input(GOOD.replace('starter: one.ts', 'starter: two.ts')));
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.equal(
        formatProblem(r.problems[0]!),
        "labs/demo-lab/demo.lab.md:10: field 'exercises[0].starter': 'starter/two.ts' does not exist in the lab folder",
      );
  });

  test('no front matter at all', () => {
    const r = validateLab(input('# Just markdown\n'));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(formatProblem(r.problems[0]!), /no front matter/);
  });
});

describe('scanLabs on the shipped labs', () => {
  test('every lab in labs/ is valid and ids are unique', () => {
    const root = path.resolve(__dirname, '../../..');
    const { catalog, problems } = scanLabs(path.join(root, 'labs'), root);
    assert.deepEqual(problems.map(formatProblem), []);
    assert.ok(catalog.labs.length >= 2);
    assert.equal(new Set(catalog.labs.map((l) => l.id)).size, catalog.labs.length);
  });
});
