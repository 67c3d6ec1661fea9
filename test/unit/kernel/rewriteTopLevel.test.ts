/** The cell rewrite: declarations persist as globals, line numbers are unchanged, the last expression is returned. */
import { strict as assert } from 'node:assert';
import * as vm from 'node:vm';
import { describe, test } from 'node:test';
import { rewriteTopLevel } from '../../../extension/kernel/rewriteTopLevel';
import { transpileCell, CellSyntaxError } from '../../../extension/kernel/transpileCell';

async function runAll(cells: string[]): Promise<unknown[]> {
  const context = vm.createContext({ require, __ddiaDefault: (m: { default?: unknown }) => m.default ?? m });
  const values: unknown[] = [];
  for (const [i, c] of cells.entries()) {
    const { code } = transpileCell(c, `cell${i}.ts`);
    values.push(await vm.runInContext(code, context, { filename: `cell${i}` }));
  }
  return values;
}

describe('rewriteTopLevel', () => {
  test('const, let, destructuring, classes and functions persist across cells', async () => {
    const values = await runAll([
      'const a: number = 1; let { b, c: [d] } = { b: 2, c: [3] };\nclass K { v = 4 }\nfunction f() { return 5 }',
      'a + b + d + new K().v + f()',
    ]);
    assert.equal(values[1], 15);
  });

  test('a declaration without an initializer is undefined, and again after a re-run', async () => {
    const values = await runAll(['let b;\nlet c, d = 2;\nb = 1; [b, c, d]', 'let b; b']);
    // The first value is an array from the vm context's realm; compare its elements.
    assert.deepEqual([...(values[0] as unknown[])], [1, undefined, 2]);
    assert.equal(values[1], undefined);
  });

  test('re-running a cell that declares const works', async () => {
    const values = await runAll(['const x = 1; x', 'const x = 2; x']);
    assert.deepEqual(values, [1, 2]);
  });

  test('top-level await and a final expression', async () => {
    const values = await runAll(['const v = await Promise.resolve(41);\nv + 1']);
    assert.equal(values[0], 42);
  });

  test('a parenthesised last expression is returned whole (an object literal, after an import, with a semicolon)', async () => {
    const values = await runAll([
      "import { join } from 'node:path';\n({ joined: join('a', 'b') })",
      '({ n: 1 });',
      '(1, 2) ;',
      '((x) => x * 2)(21) // twice',
    ]);
    assert.deepEqual({ ...(values[0] as object) }, { joined: 'a/b' });
    assert.deepEqual({ ...(values[1] as object) }, { n: 1 });
    assert.deepEqual(values.slice(2), [2, 42]);
  });

  test('imports outlive their cell', async () => {
    const values = await runAll([
      "import * as path from 'node:path';\nimport { join } from 'node:path';",
      "join('a', 'b') === path.join('a', 'b')",
    ]);
    assert.equal(values[1], true);
  });

  test('no added lines: statement i stays on line i', () => {
    const src = "import {\n  join\n} from 'node:path';\nconst a = 1,\n  b = 2;\nclass C {\n}\nthrow new Error('x')";
    const out = rewriteTopLevel(src).code;
    assert.equal(out.split('\n').length, src.split('\n').length + 1, 'only the closing line of the wrapper is added');
    assert.match(out.split('\n')[7] ?? '', /throw new Error/);
  });

  test('syntax errors name the line', () => {
    assert.throws(
      () => transpileCell('const ok = 1;\nconst = 2;', 'c.ts'),
      (e: unknown) => e instanceof CellSyntaxError && e.line === 2,
    );
  });
});
