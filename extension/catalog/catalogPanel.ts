/**
 * `DDIA Labs: Show Lab Catalog`: a webview listing every lab by book and chapter, with search,
 * summaries and an Open button. One panel at a time; showing it again reveals it.
 */
import * as vscode from 'vscode';
import type { CatalogEntry, CatalogFromWebview, CatalogToWebview } from '../views/catalog/catalogMessages';
import { renderWebviewHtml } from '../webview/webviewHtml';
import type { CatalogStore } from './catalogStore';
import { labsInWorkspace } from './labWorkspace';

export class CatalogPanel implements vscode.Disposable {
  static readonly viewType = 'ddiaLabs.catalog';
  private static current: CatalogPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(context: vscode.ExtensionContext, store: CatalogStore, openLab: (id: string) => Promise<void>): CatalogPanel {
    if (CatalogPanel.current) {
      CatalogPanel.current.panel.reveal();
      return CatalogPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(CatalogPanel.viewType, 'DDIA Labs Catalog', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [
        vscode.Uri.joinPath(context.extensionUri, 'dist', 'webviews'),
        vscode.Uri.joinPath(context.extensionUri, 'media'),
      ],
    });
    CatalogPanel.current = new CatalogPanel(panel, context, store, openLab);
    context.subscriptions.push(CatalogPanel.current);
    return CatalogPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly store: CatalogStore,
    private readonly openLab: (id: string) => Promise<void>,
  ) {
    const webview = panel.webview;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    webview.html = renderWebviewHtml({
      title: 'DDIA Labs Catalog',
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webviews', 'catalog.js')).toString(),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'media', 'styles', 'catalog.css')).toString()],
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: CatalogFromWebview) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) void this.sendCatalog();
      }),
    );
  }

  private post(message: CatalogToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private async sendCatalog(): Promise<void> {
    const present = await labsInWorkspace(this.store.labs);
    const labs: CatalogEntry[] = this.store.labs.map((l) => ({
      id: l.id,
      title: l.title,
      book: l.book,
      bookTitle: this.store.bookTitle(l),
      chapter: l.chapter,
      chapterTitle: l.chapterTitle,
      summary: l.summary,
      exercises: l.exercises.map((e) => ({ id: e.id, title: e.title })),
      inWorkspace: present.has(l.id),
    }));
    this.post({ type: 'catalog', labs, hasWorkspace: (vscode.workspace.workspaceFolders?.length ?? 0) > 0 });
  }

  private async onMessage(message: CatalogFromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.sendCatalog();
        return;
      case 'openLab':
        await this.openLab(message.labId);
        this.post({ type: 'labStatus', labId: message.labId, inWorkspace: (await labsInWorkspace(this.store.labs)).has(message.labId) });
        return;
      case 'error':
        console.error(`[DDIA Labs] catalog webview: ${message.message}`);
        return;
      default: {
        const unknown: never = message;
        console.error(`[DDIA Labs] catalog webview sent an unknown message: ${JSON.stringify(unknown)}`);
      }
    }
  }

  dispose(): void {
    CatalogPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
