/**
 * @restricted — runs only in the pass with Workspace Trust on and the folder not trusted
 * (test/run-integration.ts). Labs can still be opened, but no cell runs, and the user is told why;
 * the exported grade() refuses too; and the workspace's own ddiaLabs.labsFolder is ignored.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
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

  it('the exported grade() refuses to run exercise code, and says why', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('ddiaLabs.openLab', 'hash-index-log');
    await assert.rejects(api.grading.grade('hash-index-log', 'kv-log'), (err: Error) => {
      assert.match(
        err.message,
        /not trusted, so DDIA Labs runs no code in it\. Trust the folder \(Manage Workspace Trust\) to grade hash-index-log\/kv-log/,
      );
      return true;
    });
    assert.equal(api.grading.progress.get('hash-index-log', 'kv-log').lastRunAt, undefined, 'nothing was graded');
  });

  it("ignores the workspace's own ddiaLabs.labsFolder (a restricted configuration)", async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const settings = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    // The grading time limit is not restricted: once it reads 21, VS Code has loaded the file.
    fs.writeFileSync(settings, JSON.stringify({ 'ddiaLabs.labsFolder': '../../x', 'ddiaLabs.grading.timeLimitSeconds': 21 }));
    try {
      const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ddiaLabs');
      await waitFor('VS Code to read the workspace settings', () => config().get<number>('grading.timeLimitSeconds') === 21);
      assert.equal(config().get<string>('labsFolder'), 'ddia-labs', 'the workspace value is ignored in Restricted Mode');
    } finally {
      fs.rmSync(path.dirname(settings), { recursive: true, force: true });
    }
  });
});
