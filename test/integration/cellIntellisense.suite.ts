/**
 * IntelliSense inside notebook cells: hovering an SDK name imported from 'ddia-labs' in a lab
 * cell shows its declaration. VS Code's TypeScript service gives notebook cells an inferred
 * project rooted at the workspace folder, so the types-only package must resolve from there.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { extensionApi, waitFor } from './util';

describe('notebooks: IntelliSense in cells', function () {
  this.timeout(150_000);

  it('hover on an SDK function in a cell shows its signature', async () => {
    await extensionApi();
    await vscode.commands.executeCommand('ddiaLabs.openLab', 'use-method');
    const nb = await waitFor('the lab notebook', () => {
      const e = vscode.window.activeNotebookEditor;
      return e?.notebook.notebookType === 'ddia-lab' && e.notebook.uri.path.includes('use-method') ? e.notebook : undefined;
    });
    const cell = nb.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code && /chart\.bar\(/.test(c.document.getText()));
    assert.ok(cell);
    const text = cell.document.getText();
    const position = cell.document.positionAt(text.indexOf('chart.bar(') + 'chart.'.length + 1);
    let hover = '';
    const deadline = Date.now() + 100_000;
    while (Date.now() < deadline) {
      const hovers =
        (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', cell.document.uri, position)) ?? [];
      hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      if (/Displayable/.test(hover)) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    console.log(`      hover in cell: ${hover.replace(/\s+/g, ' ').slice(0, 160)}`);
    assert.match(hover, /Displayable/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
