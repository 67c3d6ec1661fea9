/**
 * @restricted — runs only in the pass with Workspace Trust on and the folder not trusted
 * (test/run-integration.ts). Labs can still be opened, but no cell runs, and the user is told why.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { extensionApi, outputText, waitFor } from './util';

describe('@restricted: a restricted workspace runs no lab code', function () {
  this.timeout(120_000);

  it('opens the lab, refuses to run its cells, and says why', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass runs in an untrusted folder');
    const api = await extensionApi();
    await vscode.commands.executeCommand('ddiaLabs.openLab', 'use-method');
    const nb = await waitFor('the lab notebook', () => {
      const e = vscode.window.activeNotebookEditor;
      return e?.notebook.notebookType === 'ddia-lab' ? e.notebook : undefined;
    });
    const first = nb.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code);
    assert.ok(first);
    assert.equal(api.kernel.restrictedNoticeShown, true, 'the user is told that lab code will not run');
    // VS Code asks for trust before executing (a dialog the test harness refuses), so the
    // request never reaches a kernel; if it did, our controller would refuse it too.
    void vscode.commands.executeCommand('notebook.cell.execute', {
      ranges: [{ start: first.index, end: first.index + 1 }],
      document: nb.uri,
    });
    await new Promise((r) => setTimeout(r, 5000));
    assert.notEqual(first.executionSummary?.success, true, 'the cell did not run');
    assert.equal(outputText(first), '', 'the cell produced no output');
    assert.equal(api.kernel.kernelCount, 0, 'no kernel worker was started');
  });
});
