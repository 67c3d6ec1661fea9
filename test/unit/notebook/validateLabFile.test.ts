/**
 * The lab-file gate in front of the parser: every shipped lab passes; each kind of malformed file
 * (bad YAML, no front matter, megabytes of random bytes, NUL bytes, invalid UTF-8, an empty
 * file, wrong types in the front matter, a code block never closed, no code cells when running)
 * is refused with a message naming the file, the 1-based line and the problem. The serializer's
 * policy (openLabNotebook) refuses the same files, opens an empty file as a new lab, and what it
 * saves for a new lab opens again.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { formatProblem } from '../../../extension/catalog/validateLab';
import { serializeLabNotebook } from '../../../extension/notebook/format/serializeLabNotebook';
import {
  firstNonTextByte,
  MAX_LAB_FILE_BYTES,
  NEW_LAB_FRONT_MATTER,
  openLabNotebook,
  validateLabFile,
} from '../../../extension/notebook/format/validateLabFile';
import { createRandom } from '../../../extension/util/prng';

const FILE = 'labs/x/x.lab.md';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const GOOD = '---\nid: demo\ntitle: Demo\nchapter: 3\n---\n\n# Demo\n\n```ts\nconst a = 1;\n```\n';

function messages(bytes: Uint8Array, requireCodeCells = true): string[] {
  const r = validateLabFile(bytes, { file: FILE, requireCodeCells });
  assert.equal(r.ok, false, 'the file is refused');
  return r.ok ? [] : r.problems.map(formatProblem);
}

function randomBytes(n: number, seed: number): Uint8Array {
  const rng = createRandom(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(256);
  return out;
}

describe('validateLabFile', () => {
  test('a well-formed lab file passes and comes back parsed', () => {
    const r = validateLabFile(enc(GOOD), { file: FILE, requireCodeCells: true });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.notebook.cells.filter((c) => c.kind === 'code').length, 1);
  });

  test('CRLF, a byte-order mark, an empty front matter and multi-byte text pass', () => {
    const text = '\ufeff---\r\n---\r\n# Ünïcödé ✓ 𝄞\r\n\r\n```ts\r\nconst s = "日本";\r\n```\r\n';
    assert.ok(validateLabFile(enc(text), { file: FILE, requireCodeCells: true }).ok);
  });

  const cases: [string, Uint8Array, RegExp][] = [
    [
      'bad YAML in the front matter',
      enc('---\nid: x\ntitle: [unclosed\n---\n\n```ts\n1\n```\n'),
      /^labs\/x\/x\.lab\.md:3: front matter is not valid YAML: /,
    ],
    [
      'no front matter',
      enc('# Just markdown\n\n```ts\n1\n```\n'),
      /^labs\/x\/x\.lab\.md:1: no front matter: a lab file starts with a '---' line/,
    ],
    ['front matter never closed', enc('---\nid: x\n# body\n'), /^labs\/x\/x\.lab\.md:1: front matter is not closed/],
    [
      '3 MB of random bytes',
      randomBytes(3 * 1024 * 1024, 7),
      /^labs\/x\/x\.lab\.md:1: file is larger than the 2 MB a lab may have \(3\.0 MB\)$/,
    ],
    [
      '100 KB of random bytes',
      randomBytes(100 * 1024, 8),
      /^labs\/x\/x\.lab\.md:\d+: not a text file: (invalid UTF-8|a NUL byte) at byte offset \d+/,
    ],
    [
      'a NUL byte',
      enc('---\nid: x\n---\n\nsome\0text\n'),
      /^labs\/x\/x\.lab\.md:5: not a text file: a NUL byte at byte offset 19 \(a lab file is UTF-8 text\)$/,
    ],
    [
      'invalid UTF-8',
      new Uint8Array([...enc('---\nid: x\n---\n'), 0xc3, 0x28]),
      /^labs\/x\/x\.lab\.md:4: not a text file: invalid UTF-8 at byte offset 14/,
    ],
    ['an empty file', new Uint8Array(0), /^labs\/x\/x\.lab\.md:1: the file is empty/],
    [
      'a text where the front matter is a list',
      enc('---\n- a\n- b\n---\n'),
      /^labs\/x\/x\.lab\.md:2: front matter must be a YAML mapping of fields, got a list$/,
    ],
    [
      'a title that is a list',
      enc('---\nid: x\ntitle:\n  - a\n---\n\n```ts\n1\n```\n'),
      /^labs\/x\/x\.lab\.md:4: field 'title': must be text, got a list$/,
    ],
    [
      'a chapter that is text',
      enc('---\nid: x\nchapter: three\n---\n\n```ts\n1\n```\n'),
      /^labs\/x\/x\.lab\.md:3: field 'chapter': must be a chapter number, got string "three"$/,
    ],
    [
      'exercises that are a number',
      enc('---\nid: x\nexercises: 3\n---\n\n```ts\n1\n```\n'),
      /^labs\/x\/x\.lab\.md:3: field 'exercises': must be a list, got number 3$/,
    ],
    [
      'an exercise with a numeric title',
      enc('---\nexercises:\n  - id: a\n    title: 5\n---\n\n```ts\n1\n```\n'),
      /^labs\/x\/x\.lab\.md:4: field 'exercises\[0\]\.title': must be text, got number 5$/,
    ],
    ['a duplicate key', enc('---\nid: x\nid: y\n---\n\n```ts\n1\n```\n'), /^labs\/x\/x\.lab\.md:3: front matter is not valid YAML: /],
    [
      'an alias bomb',
      enc(
        `---\na: &a [x, x, x, x, x, x, x, x, x]\n${Array.from(
          { length: 12 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(', ')}]`,
        ).join('\n')}\n---\n`,
      ),
      /^labs\/x\/x\.lab\.md:2: front matter is not valid YAML: /,
    ],
    [
      'a code block never closed',
      enc('---\nid: x\n---\n\n# T\n\n```ts\nconst a = 1;\n'),
      /^labs\/x\/x\.lab\.md:7: the code block opened here with ``` is never closed/,
    ],
    [
      'no code cells (when running)',
      enc('---\nid: x\n---\n\n# Only prose\n'),
      /^labs\/x\/x\.lab\.md:4: no code cells: a lab has at least one ```ts block$/,
    ],
  ];
  for (const [name, bytes, expected] of cases) {
    test(`refuses ${name}, naming the file and line`, () => {
      const m = messages(bytes);
      assert.ok(
        m.some((x) => expected.test(x)),
        `expected ${expected}, got ${JSON.stringify(m)}`,
      );
    });
  }

  test('a lab without code cells may still be opened (only running needs one)', () => {
    assert.ok(validateLabFile(enc('---\nid: x\n---\n\n# Prose\n'), { file: FILE }).ok);
  });

  test('mixed line endings are not an error (the file round-trips as it is)', () => {
    assert.ok(validateLabFile(enc('---\nid: x\r\n---\n\n```ts\r\n1\n```\n'), { file: FILE, requireCodeCells: true }).ok);
  });

  test('exactly the size limit passes the size check; one byte more does not', () => {
    const head = '---\nid: x\n---\n\n```ts\n1\n```\n';
    const fill = (n: number): Uint8Array => enc(head + 'x'.repeat(n - head.length));
    assert.ok(validateLabFile(fill(MAX_LAB_FILE_BYTES), { file: FILE }).ok);
    assert.match(messages(fill(MAX_LAB_FILE_BYTES + 1))[0] ?? '', /larger than the 2 MB/);
  });

  test('every shipped lab passes, with its code cells', () => {
    const root = path.resolve(__dirname, '../../..');
    const labsDir = path.join(root, 'labs');
    const files = fs
      .readdirSync(labsDir)
      .flatMap((d) =>
        fs.statSync(path.join(labsDir, d)).isDirectory() ? fs.readdirSync(path.join(labsDir, d)).map((f) => path.join(d, f)) : [],
      )
      .filter((f) => f.endsWith('.lab.md') || f.endsWith('/lab.md'));
    assert.ok(files.length >= 10, `found ${files.length} labs`);
    for (const f of files) {
      const r = validateLabFile(new Uint8Array(fs.readFileSync(path.join(labsDir, f))), { file: f, requireCodeCells: true });
      assert.ok(r.ok, `${f}: ${r.ok ? '' : r.problems.map(formatProblem).join('; ')}`);
    }
  });
});

describe('firstNonTextByte', () => {
  const cases: [string, number[], { offset: number; nul: boolean } | undefined][] = [
    ['ASCII', [0x61, 0x0a], undefined],
    ['2-, 3- and 4-byte sequences', [0xc3, 0xa9, 0xe2, 0x9c, 0x93, 0xf0, 0x9d, 0x84, 0x9e], undefined],
    ['a NUL', [0x61, 0x00], { offset: 1, nul: true }],
    ['a lone continuation byte', [0x61, 0x80], { offset: 1, nul: false }],
    ['an overlong form', [0xc0, 0xaf], { offset: 0, nul: false }],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], { offset: 0, nul: false }],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], { offset: 0, nul: false }],
    ['a truncated sequence at the end', [0x61, 0xe2, 0x9c], { offset: 1, nul: false }],
  ];
  for (const [name, bytes, expected] of cases) {
    test(name, () => assert.deepEqual(firstNonTextByte(new Uint8Array(bytes)), expected));
  }

  test('agrees with TextDecoder on random input', () => {
    const rng = createRandom(3);
    for (let i = 0; i < 500; i++) {
      const bytes = new Uint8Array(Array.from({ length: rng.int(12) }, () => (rng.chance(0.5) ? 0x80 + rng.int(0x80) : 1 + rng.int(0x7f))));
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      assert.equal(firstNonTextByte(bytes) === undefined, valid, Buffer.from(bytes).toString('hex'));
    }
  });
});

describe('openLabNotebook (the notebook serializer)', () => {
  test('a malformed file throws an Error listing the problems by line, and nothing is parsed', () => {
    assert.throws(
      () => openLabNotebook(enc('---\nid: x\ntitle: [unclosed\n---\n')),
      (err: Error) => /not a lab file/.test(err.message) && /\nline 3: front matter is not valid YAML/.test(err.message),
    );
    assert.throws(() => openLabNotebook(randomBytes(3 * 1024 * 1024, 9)), /line 1: file is larger than the 2 MB/);
    assert.throws(() => openLabNotebook(enc('# no front matter\n')), /line 1: no front matter/);
  });

  test('a lab opens; saving it unchanged writes the same bytes', () => {
    const bytes = enc(GOOD);
    const nb = openLabNotebook(bytes);
    assert.deepEqual(serializeLabNotebook(nb.cells, nb.file), bytes);
  });

  test('an empty file is a new lab: saved with front matter, and what is saved opens again', () => {
    const nb = openLabNotebook(new Uint8Array(0));
    assert.equal(nb.cells.length, 0);
    const saved = serializeLabNotebook([{ kind: 'code', value: 'const a = 1;' }], nb.file);
    const text = new TextDecoder().decode(saved);
    assert.ok(text.startsWith(NEW_LAB_FRONT_MATTER), text);
    const again = openLabNotebook(saved);
    assert.equal(again.cells.filter((c) => c.kind === 'code')[0]?.value, 'const a = 1;');
    assert.ok(openLabNotebook(serializeLabNotebook([], nb.file)), 'an empty new lab saved as it is opens again');
  });
});
