/**
 * The lab file format: cells come out as expected, saving an unchanged notebook is
 * byte-identical (LF, CRLF, BOM, trailing newline or not, malformed files), edits land where
 * they should, and malformed files still open with a problem cell naming the line.
 * The property test generates random lab-like files from a fixed seed.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseLabNotebook } from '../../../extension/notebook/format/parseLabNotebook';
import { serializeLabNotebook } from '../../../extension/notebook/format/serializeLabNotebook';
import { createRandom } from '../../../extension/util/prng';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const roundTrip = (bytes: Uint8Array): Uint8Array => {
  const nb = parseLabNotebook(bytes);
  return serializeLabNotebook(nb.cells, nb.file);
};
const assertIdentical = (bytes: Uint8Array, label: string): void => {
  const out = roundTrip(bytes);
  assert.equal(Buffer.from(out).toString('hex'), Buffer.from(bytes).toString('hex'), `${label} round-trips byte for byte`);
};

const SAMPLE = `---
id: demo
title: Demo
---

# Title

Some prose.

\`\`\`mermaid
flowchart LR
  A --> B
\`\`\`

\`\`\`ts id=first timeout=5
const x = 1;
x + 1
\`\`\`

Between.

\`\`\`ts
console.log('two');
\`\`\`
\`\`\`typescript
// adjacent block
\`\`\`
Tail text`;

describe('lab format: cells', () => {
  test('prose, mermaid and code become the expected cells', () => {
    const nb = parseLabNotebook(enc(SAMPLE));
    assert.deepEqual(
      nb.cells.map((c) => c.kind),
      ['markdown', 'code', 'markdown', 'code', 'code', 'markdown'],
    );
    const [md, first] = nb.cells;
    assert.match(md?.value ?? '', /```mermaid/, 'mermaid stays in the markdown cell');
    assert.equal(first?.value, 'const x = 1;\nx + 1');
    assert.equal(first?.id, 'first');
    assert.deepEqual(first?.options, { timeout: '5' });
    assert.equal(nb.problems.length, 0);
  });

  test('a ts fence inside another fence is not a cell', () => {
    const text = '````markdown\n```ts\nnot code\n```\n````\n';
    const nb = parseLabNotebook(enc(text));
    assert.deepEqual(
      nb.cells.map((c) => c.kind),
      ['markdown'],
    );
    assertIdentical(enc(text), 'nested fence');
  });
});

describe('lab format: byte-identical round trips', () => {
  const variants: [string, string][] = [
    ['LF', SAMPLE],
    ['LF with trailing newline', SAMPLE + '\n'],
    ['CRLF', SAMPLE.replace(/\n/g, '\r\n')],
    ['CRLF with trailing newline', SAMPLE.replace(/\n/g, '\r\n') + '\r\n'],
    ['BOM + LF', '\ufeff' + SAMPLE],
    ['BOM + CRLF', '\ufeff' + SAMPLE.replace(/\n/g, '\r\n') + '\r\n'],
    ['empty file', ''],
    ['only front matter', '---\nid: x\n---\n'],
    ['code only, no newline at end', '```ts\n1\n```'],
    ['empty code block', '```ts\n```\n'],
    ['blank-line code block', '```ts\n\n```\n'],
    ['trailing blank lines and spaces', 'text\n\n  \n\n'],
    ['leading blank lines', '\n\n\n# Title\n'],
    ['fence on the last line', 'intro\n```ts'],
    ['tilde fences', '~~~ts\nlet a = 1\n~~~\n'],
    ['mixed line endings', 'a\r\nb\nc\r\n```ts\nx\r\n```\n'],
  ];
  for (const [name, text] of variants) test(name, () => assertIdentical(enc(text), name));

  test('every shipped lab round-trips', () => {
    const labsDir = path.resolve(__dirname, '../../../labs');
    for (const dir of fs.readdirSync(labsDir)) {
      for (const f of fs.readdirSync(path.join(labsDir, dir)).filter((n) => n.endsWith('.md'))) {
        assertIdentical(new Uint8Array(fs.readFileSync(path.join(labsDir, dir, f))), `${dir}/${f}`);
      }
    }
  });

  test('property: random lab-like files round-trip (seed 20261126, 400 files)', () => {
    const rng = createRandom(20261126);
    const pieces = [
      '# Heading',
      'Some *prose* here.',
      '',
      '  ',
      '```ts',
      '```',
      '~~~',
      '```mermaid',
      'graph TD',
      '---',
      'const a = 1;',
      '````',
      '```ts id=x',
      'x',
      '\t',
    ];
    for (let i = 0; i < 400; i++) {
      const n = rng.int(30);
      const eol = rng.pick(['\n', '\r\n']);
      const lines = Array.from({ length: n }, () => rng.pick(pieces));
      const text = (rng.chance(0.2) ? '\ufeff' : '') + lines.join(eol) + (rng.chance(0.5) ? eol : '');
      assertIdentical(enc(text), `random file ${i}: ${JSON.stringify(text)}`);
    }
  });
});

describe('lab format: malformed files still open and lose nothing', () => {
  test('an unterminated code fence is reported with its line and kept', () => {
    const text = '# T\n\n```ts\nconst a = 1;\nmore\n';
    const nb = parseLabNotebook(enc(text));
    assert.equal(nb.cells[0]?.problem, true);
    assert.match(nb.cells[0]?.value ?? '', /line 3: .*never closed/);
    assert.equal(nb.cells.filter((c) => c.kind === 'code')[0]?.value, 'const a = 1;\nmore');
    assertIdentical(enc(text), 'unterminated');
  });

  test('bad YAML front matter is reported with its line', () => {
    const text = '---\nid: x\ntitle: [unclosed\n---\nbody\n';
    const nb = parseLabNotebook(enc(text));
    assert.ok(
      nb.problems.some((p) => p.line >= 2 && /front matter/.test(p.message)),
      JSON.stringify(nb.problems),
    );
    assertIdentical(enc(text), 'bad yaml');
  });

  test('unterminated front matter is reported and the text kept', () => {
    const text = '---\nid: x\n# no end\n';
    const nb = parseLabNotebook(enc(text));
    assert.ok(nb.problems.some((p) => p.line === 1));
    assertIdentical(enc(text), 'unterminated front matter');
  });

  test('binary junk (invalid UTF-8, NUL bytes) opens and saves back unchanged', () => {
    const bytes = new Uint8Array([0x23, 0x20, 0x41, 0x0a, 0xff, 0xfe, 0x00, 0x80, 0x0a, 0x60, 0x60, 0x60, 0x74, 0x73, 0x0a, 0xc3]);
    const nb = parseLabNotebook(bytes);
    assert.ok(nb.cells[0]?.problem);
    assert.ok(nb.problems.some((p) => /UTF-8/.test(p.message)));
    assertIdentical(bytes, 'binary junk');
  });

  test('a 10 MB cell opens and round-trips', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const text = `# Big\n\n\`\`\`ts\nconst s = "${big}";\n\`\`\`\n`;
    const nb = parseLabNotebook(enc(text));
    assert.equal(nb.cells.filter((c) => c.kind === 'code').length, 1);
    assertIdentical(enc(text), '10 MB cell');
  });

  test('problem cells are never written back', () => {
    const text = '```ts\nunclosed\n';
    const nb = parseLabNotebook(enc(text));
    const out = new TextDecoder().decode(serializeLabNotebook(nb.cells, nb.file));
    assert.ok(!out.includes('This lab file has'), out);
  });
});

describe('lab format: edits', () => {
  test('editing a code cell keeps the surrounding layout and CRLF', () => {
    const text = 'Intro\r\n\r\n```ts id=a\r\nold\r\n```\r\n\r\nOutro\r\n';
    const nb = parseLabNotebook(enc(text));
    const cells = nb.cells.map((c) => (c.kind === 'code' ? { ...c, value: 'new\nlines' } : c));
    const out = new TextDecoder().decode(serializeLabNotebook(cells, nb.file));
    assert.equal(out, 'Intro\r\n\r\n```ts id=a\r\nnew\r\nlines\r\n```\r\n\r\nOutro\r\n');
  });

  test('a new code cell gets a fence longer than the backticks inside it', () => {
    const nb = parseLabNotebook(enc('# T\n'));
    const cells = [...nb.cells, { kind: 'code' as const, value: 'const s = `a ``` b`;' }];
    const out = new TextDecoder().decode(serializeLabNotebook(cells, nb.file));
    assert.equal(out, '# T\n\n````ts\nconst s = `a ``` b`;\n````\n');
    const again = parseLabNotebook(enc(out));
    assert.equal(again.cells.filter((c) => c.kind === 'code')[0]?.value, 'const s = `a ``` b`;');
  });

  test('an edited lossy file is written as clean UTF-8 text', () => {
    const bytes = new Uint8Array([0x61, 0xff, 0x0a]);
    const nb = parseLabNotebook(bytes);
    const cells = nb.cells.map((c) => (c.problem ? c : { ...c, value: 'edited' }));
    assert.equal(new TextDecoder().decode(serializeLabNotebook(cells, nb.file)), 'edited\n');
  });
});
