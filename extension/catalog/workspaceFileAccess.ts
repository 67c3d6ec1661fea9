/** `LabFileAccess` over `vscode.workspace.fs`, so labs can be copied into any workspace file system. */
import * as vscode from 'vscode';
import type { LabFileAccess } from './labCopy';

export const workspaceFileAccess: LabFileAccess = {
  async read(p) {
    try {
      return await vscode.workspace.fs.readFile(vscode.Uri.file(p));
    } catch (err) {
      if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
      throw err;
    }
  },
  async write(p, data) {
    const uri = vscode.Uri.file(p);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(uri, data);
  },
};
