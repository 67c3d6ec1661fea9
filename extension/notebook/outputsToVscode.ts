/** Kernel outputs → VS Code notebook outputs: each rich item plus its text/plain fallback. */
import * as vscode from 'vscode';
import type { CellErrorInfo } from '../kernel/kernelProtocol';
import type { OutputBundle } from '../views/notebook/outputBundle';

export function toNotebookOutput(bundle: OutputBundle): vscode.NotebookCellOutput {
  // Text representations (a claim's Markdown line) go as text, so VS Code's own renderer shows them.
  const items = bundle.items.map((i) =>
    i.mime.startsWith('text/') && typeof i.data === 'string'
      ? vscode.NotebookCellOutputItem.text(i.data, i.mime)
      : vscode.NotebookCellOutputItem.json(i.data, i.mime),
  );
  items.push(vscode.NotebookCellOutputItem.text(bundle.text, 'text/plain'));
  return new vscode.NotebookCellOutput(items);
}

export function toErrorOutput(error: CellErrorInfo): vscode.NotebookCellOutput {
  const e = new Error(error.message);
  e.name = error.name;
  e.stack = error.stack;
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(e)]);
}
