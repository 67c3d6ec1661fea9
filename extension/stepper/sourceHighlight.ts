/**
 * Editor sync for the stepper: highlights the line that issued the event at the cursor (the client
 * operation's `loc`, found by walking `cause` back) and reveals it, opening the file beside the
 * panel if it is not visible. `loc.file` may be an absolute path, a URI (e.g. a notebook cell), or
 * a path relative to the trace's folder or the first workspace folder.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SourceLoc } from '../sim/core/node';

export class SourceHighlight implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    borderColor: new vscode.ThemeColor('editor.findMatchHighlightBorder'),
    borderStyle: 'solid',
    borderWidth: '1px 0',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  /** What is highlighted now (the test hook reads it). */
  current: { uri: string; line: number } | undefined;
  private editor: vscode.TextEditor | undefined;

  resolve(loc: SourceLoc, baseDir: string | undefined): vscode.Uri {
    if (/^[a-z][a-z0-9+.-]*:/i.test(loc.file) && !/^[a-z]:[\\/]/i.test(loc.file)) return vscode.Uri.parse(loc.file);
    if (path.isAbsolute(loc.file)) return vscode.Uri.file(loc.file);
    const base = baseDir ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (base === undefined) throw new Error(`cannot resolve ${loc.file}: no trace folder or workspace folder`);
    return vscode.Uri.file(path.join(base, loc.file));
  }

  /** Highlight and reveal; returns a status line for the panel. */
  async show(loc: SourceLoc, baseDir: string | undefined, hover: string, panelColumn?: vscode.ViewColumn): Promise<string> {
    const uri = this.resolve(loc, baseDir);
    let editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (editor === undefined) {
      try {
        const doc = await vscode.workspace.openTextDocument(uri);
        // Never in the stepper's own group, where the file would hide the panel.
        const viewColumn = panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
        // showTextDocument can take seconds on a loaded machine; do not hold the stepper's
        // highlight queue on it longer than that, use the editor as soon as it is visible.
        const shown = vscode.window.showTextDocument(doc, { viewColumn, preserveFocus: true, preview: true });
        editor = await Promise.race([shown, new Promise<undefined>((r) => setTimeout(() => r(undefined), 3000))]);
        editor ??= vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) ?? (await shown);
      } catch (err) {
        this.clear();
        return `cannot open ${loc.file}: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    const line = Math.max(0, Math.min(editor.document.lineCount - 1, loc.line - 1));
    const range = editor.document.lineAt(line).range;
    if (this.editor !== undefined && this.editor !== editor) this.editor.setDecorations(this.decoration, []);
    editor.setDecorations(this.decoration, [{ range, hoverMessage: hover }]);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.editor = editor;
    this.current = { uri: uri.toString(), line: line + 1 };
    return `${path.basename(uri.path)}:${line + 1}`;
  }

  clear(): void {
    this.editor?.setDecorations(this.decoration, []);
    this.editor = undefined;
    this.current = undefined;
  }

  dispose(): void {
    this.clear();
    this.decoration.dispose();
  }
}
