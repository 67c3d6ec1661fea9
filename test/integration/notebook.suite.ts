/**
 * Lab notebooks in a real VS Code: a lab opens as a notebook, every cell runs in the kernel
 * worker and produces the expected output types, a runaway cell is interrupted and the next cell
 * still runs, and the file saved unchanged is byte-identical. A malformed lab file does not open
 * as a notebook: the error names the line and the problem, and the file is left as it was.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, outputMimes, outputText, waitFor } from './util';

const CHART = 'application/vnd.ddia-labs.chart+json';
const TABLE = 'application/vnd.ddia-labs.table+json';

async function openLabNotebook(labId: string): Promise<vscode.NotebookDocument> {
  await extensionApi();
  await vscode.commands.executeCommand('ddiaLabs.openLab', labId);
  const editor = await waitFor('the lab notebook editor', () => {
    const e = vscode.window.activeNotebookEditor;
    return e && e.notebook.notebookType === 'ddia-lab' && e.notebook.uri.path.includes(labId) ? e : undefined;
  });
  return editor.notebook;
}

function codeCells(nb: vscode.NotebookDocument): vscode.NotebookCell[] {
  return nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
}

async function runCells(nb: vscode.NotebookDocument, start: number, end: number): Promise<void> {
  await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start, end }], document: nb.uri });
}

async function closeWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('notebooks: running a lab', function () {
  this.timeout(180_000);

  it('opens a lab as a notebook and runs every cell with the expected outputs', async () => {
    const nb = await openLabNotebook('use-method');
    const before = fs.readFileSync(nb.uri.fsPath);
    const cells = codeCells(nb);
    assert.ok(cells.length >= 3, 'the lab has code cells');
    await runCells(nb, 0, nb.cellCount);
    await waitFor('every code cell to finish', () => cells.every((c) => c.executionSummary?.success !== undefined), 120_000);
    for (const c of cells) {
      assert.equal(c.executionSummary?.success, true, `cell ${c.index} succeeded: ${outputText(c).slice(0, 500)}`);
      assert.ok((c.executionSummary?.executionOrder ?? 0) > 0, 'execution order is shown');
    }
    const mimes = new Set(cells.flatMap(outputMimes));
    for (const m of [CHART, TABLE, 'text/plain']) assert.ok(mimes.has(m), `some cell produced ${m} (got ${[...mimes].join(', ')})`);
    await vscode.commands.executeCommand('workbench.action.files.save');
    assert.deepEqual(fs.readFileSync(nb.uri.fsPath), before, 'saving an unchanged lab is byte-identical (outputs are not written)');
    await closeWithoutSaving();
  });

  it('interrupting a runaway cell stops it within a second, and the next cell runs', async () => {
    const nb = await openLabNotebook('hash-index-log');
    const at = nb.cellCount;
    const edit = new vscode.WorkspaceEdit();
    edit.set(nb.uri, [
      vscode.NotebookEdit.insertCells(at, [
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'while (true) {}', 'typescript'),
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, '6 * 7', 'typescript'),
      ]),
    ]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const loop = nb.cellAt(at);
    const next = nb.cellAt(at + 1);
    void runCells(nb, at, at + 1);
    // Give the kernel time to start and enter the loop.
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(loop.executionSummary?.success, undefined, 'the loop is still running');
    const t0 = Date.now();
    await vscode.commands.executeCommand('notebook.cancelExecution', nb.uri);
    await waitFor('the interrupted cell to end', () => loop.executionSummary?.success === false, 5000);
    const stopMs = Date.now() - t0;
    console.log(`      interrupt took ${stopMs} ms`);
    assert.ok(stopMs < 1000, `stopped within a second (${stopMs} ms)`);
    assert.match(outputText(loop), /interrupted/i);
    await runCells(nb, at + 1, at + 2);
    await waitFor('the next cell to finish', () => next.executionSummary?.success !== undefined, 30_000);
    assert.equal(next.executionSummary?.success, true);
    assert.match(outputText(next), /42/);
    assert.match(outputText(next), /restarted/, 'the user is told the kernel restarted');
    await closeWithoutSaving();
  });
});

describe('notebooks: malformed lab files', function () {
  this.timeout(60_000);

  const cases: [string, Uint8Array, RegExp][] = [
    [
      'bad YAML front matter',
      new TextEncoder().encode('---\nid: x\ntitle: [unclosed\n---\n\n```ts\n1\n```\n'),
      /line 3: front matter is not valid YAML/,
    ],
    ['no front matter', new TextEncoder().encode('# Title\n\n```ts\n1\n```\n'), /line 1: no front matter/],
    ['binary bytes', new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x00, 0x80, 0x0a]), /line 2: not a text file/],
  ];
  for (const [name, bytes, expected] of cases) {
    it(`refuses ${name} with a message naming the line, and leaves the file as it was`, async () => {
      await extensionApi();
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder);
      const dir = path.join(folder.uri.fsPath, 'malformed');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.lab.md`);
      fs.writeFileSync(file, bytes);
      try {
        await assert.rejects(Promise.resolve(vscode.workspace.openNotebookDocument(vscode.Uri.file(file))), (err: Error) => {
          assert.match(err.message, expected);
          return true;
        });
        assert.deepEqual(new Uint8Array(fs.readFileSync(file)), bytes, 'the file is unchanged');
      } finally {
        fs.rmSync(file, { force: true });
      }
    });
  }
});
