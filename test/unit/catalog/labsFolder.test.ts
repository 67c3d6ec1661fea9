/**
 * The labs folder (setting `ddiaLabs.labsFolder`, CLI `--labs-folder`) must name a folder strictly
 * inside the workspace folder: `../../x`, absolute paths, the workspace itself and symbolic links
 * that lead out are refused with a message naming the setting and the value; a nested folder is
 * fine. Type declarations are not written through a node_modules link that leads out.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { LabsFolderError, labsFolderSegments, linkEscape, resolveLabsFolder } from '../../../extension/catalog/labsFolder';
import { installLabTypes } from '../../../extension/catalog/labTypes';

const SOURCE = 'Setting ddiaLabs.labsFolder';

function sandbox(): { parent: string; ws: string; outside: string } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-labs-folder-'));
  const ws = path.join(parent, 'ws');
  const outside = path.join(parent, 'outside');
  fs.mkdirSync(ws);
  fs.mkdirSync(outside);
  return { parent, ws, outside };
}

function refused(ws: string, value: string, extra: string[] = []): string {
  try {
    resolveLabsFolder(ws, value, SOURCE, extra);
  } catch (err) {
    assert.ok(err instanceof LabsFolderError, String(err));
    return err.message;
  }
  assert.fail(`'${value}' was accepted`);
}

describe('labsFolderSegments (the value alone)', () => {
  const ok: [string, string[]][] = [
    ['ddia-labs', ['ddia-labs']],
    ['', ['ddia-labs']],
    ['  ', ['ddia-labs']],
    ['course/labs', ['course', 'labs']],
    ['./course//labs/', ['course', 'labs']],
    ['course\\labs', ['course', 'labs']],
    ['..hidden', ['..hidden']],
  ];
  for (const [value, segments] of ok) {
    test(`'${value}' → ${segments.join('/')}`, () => assert.deepEqual(labsFolderSegments(value), { segments }));
  }
  const bad: [string, RegExp][] = [
    ['../../x', /goes up with '\.\.'/],
    ['a/../../x', /goes up with '\.\.'/],
    ['a\\..\\..\\x', /goes up with '\.\.'/],
    ['/etc', /absolute path/],
    ['\\\\server\\share', /absolute path/],
    ['C:\\labs', /absolute path/],
    ['c:labs', /absolute path/],
    ['.', /workspace folder itself/],
    ['./', /workspace folder itself/],
    ['a\nb', /control characters/],
  ];
  for (const [value, expected] of bad) {
    test(`${JSON.stringify(value)} is refused`, () => {
      const r = labsFolderSegments(value);
      assert.ok('problem' in r, JSON.stringify(r));
      assert.match(r.problem, expected);
    });
  }
});

describe('resolveLabsFolder (against the file system)', () => {
  test('a normal and a nested folder resolve inside the workspace, created or not', () => {
    const { ws } = sandbox();
    assert.equal(resolveLabsFolder(ws, 'ddia-labs', SOURCE), path.join(ws, 'ddia-labs'));
    assert.equal(resolveLabsFolder(ws, 'course/labs', SOURCE, ['hash-index-log']), path.join(ws, 'course', 'labs', 'hash-index-log'));
    fs.mkdirSync(path.join(ws, 'course', 'labs'), { recursive: true });
    assert.equal(resolveLabsFolder(ws, 'course/labs', SOURCE), path.join(ws, 'course', 'labs'));
  });

  test('../../x and /abs are refused with a message naming the setting and the value', () => {
    const { ws } = sandbox();
    assert.equal(
      refused(ws, '../../x'),
      "Setting ddiaLabs.labsFolder is '../../x', which DDIA Labs cannot use: it goes up with '..'; the folder must be inside the workspace folder.",
    );
    assert.match(refused(ws, '/abs'), /^Setting ddiaLabs\.labsFolder is '\/abs', which DDIA Labs cannot use: it is an absolute path/);
  });

  test('a symbolic link leading outside is refused, at any depth', () => {
    const { ws, outside } = sandbox();
    fs.symlinkSync(outside, path.join(ws, 'ddia-labs'), 'dir');
    assert.match(refused(ws, 'ddia-labs'), /'ddia-labs' leads outside the workspace folder through a symbolic link \(to .*outside\)/);
    assert.match(refused(ws, 'ddia-labs/deeper/still'), /'ddia-labs' leads outside/);
    fs.mkdirSync(path.join(ws, 'real'));
    fs.symlinkSync(outside, path.join(ws, 'real', 'lab-id'), 'dir');
    assert.match(refused(ws, 'real', ['lab-id']), /'real\/lab-id' leads outside/, 'a lab folder that is a link is checked too');
  });

  test('a dangling symbolic link is refused (writing through it would create its target)', () => {
    const { ws, parent } = sandbox();
    fs.symlinkSync(path.join(parent, 'does-not-exist'), path.join(ws, 'ddia-labs'));
    assert.match(refused(ws, 'ddia-labs'), /'ddia-labs' is a symbolic link that leads nowhere/);
  });

  test('a link that stays inside the workspace is fine, and so is a workspace reached through a link', () => {
    const { ws, parent } = sandbox();
    fs.mkdirSync(path.join(ws, 'real-labs'));
    fs.symlinkSync(path.join(ws, 'real-labs'), path.join(ws, 'ddia-labs'), 'dir');
    assert.equal(resolveLabsFolder(ws, 'ddia-labs', SOURCE), path.join(ws, 'ddia-labs'));
    const wsLink = path.join(parent, 'ws-link');
    fs.symlinkSync(ws, wsLink, 'dir');
    assert.equal(resolveLabsFolder(wsLink, 'ddia-labs', SOURCE), path.join(wsLink, 'ddia-labs'));
  });

  test('a link to the workspace folder itself is refused (labs need a folder of their own)', () => {
    const { ws } = sandbox();
    fs.symlinkSync(ws, path.join(ws, 'ddia-labs'), 'dir');
    assert.match(refused(ws, 'ddia-labs'), /'ddia-labs' is a symbolic link to the workspace folder itself/);
  });

  test('linkEscape: nothing to say about paths that do not exist yet under a plain folder', () => {
    const { ws } = sandbox();
    assert.equal(linkEscape(ws, path.join(ws, 'a', 'b', 'c')), undefined);
    assert.equal(linkEscape(path.join(ws, 'missing-ws'), path.join(ws, 'missing-ws', 'x')), undefined);
  });
});

describe('installLabTypes refuses to write through links that lead out', () => {
  function typesDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddia-types-'));
    for (const d of ['ddia-labs/sdk', 'node', 'undici-types']) fs.mkdirSync(path.join(dir, d), { recursive: true });
    fs.writeFileSync(path.join(dir, 'ddia-labs/sdk/index.d.ts'), 'export {};\n');
    return dir;
  }

  test('a node_modules that is a link out of the workspace is refused, and nothing is removed there', () => {
    const { ws, outside } = sandbox();
    fs.mkdirSync(path.join(outside, 'ddia-labs'));
    fs.writeFileSync(path.join(outside, 'ddia-labs', 'keep.txt'), 'mine\n');
    fs.mkdirSync(path.join(ws, 'ddia-labs'));
    fs.symlinkSync(outside, path.join(ws, 'ddia-labs', 'node_modules'), 'dir');
    assert.throws(
      () => installLabTypes(typesDir(), path.join(ws, 'ddia-labs'), '1.0.0', ws),
      /node_modules.*leads outside the workspace folder/,
    );
    assert.equal(fs.readFileSync(path.join(outside, 'ddia-labs', 'keep.txt'), 'utf8'), 'mine\n');
  });

  test('without links it writes the types as before', () => {
    const { ws } = sandbox();
    fs.mkdirSync(path.join(ws, 'ddia-labs'));
    const written = installLabTypes(typesDir(), path.join(ws, 'ddia-labs'), '1.0.0', ws);
    assert.ok(written.includes('node_modules/'), written.join(', '));
    assert.ok(fs.existsSync(path.join(ws, 'ddia-labs', 'node_modules', 'ddia-labs', 'package.json')));
  });
});
