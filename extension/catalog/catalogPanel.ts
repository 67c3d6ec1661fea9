/**
 * `DDIA Labs: Show Lab Catalog`: a webview listing every lab by book and chapter, with search,
 * summaries and an Open button. One panel at a time; showing it again reveals it.
 */
import * as vscode from 'vscode';
import type { CatalogEntry, CatalogFromWebview, CatalogToWebview } from '../views/catalog/catalogMessages';
import { createPanel, PanelHost, PanelSlot } from '../webview/panelHost';
import type { CatalogStore } from './catalogStore';
import { labsInWorkspace } from './labWorkspace';

export class CatalogPanel extends PanelHost<CatalogToWebview, CatalogFromWebview> {
  static readonly viewType = 'ddiaLabs.catalog';
  private static readonly slot = new PanelSlot<CatalogPanel>();

  static show(context: vscode.ExtensionContext, store: CatalogStore, openLab: (id: string) => Promise<void>): CatalogPanel {
    return CatalogPanel.slot.show(context, () => {
      const panel = createPanel(context, CatalogPanel.viewType, 'DDIA Labs Catalog', vscode.ViewColumn.Active, {
        retainContextWhenHidden: false,
      });
      return new CatalogPanel(panel, context, store, openLab);
    });
  }

  private constructor(
    panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly store: CatalogStore,
    private readonly openLab: (id: string) => Promise<void>,
  ) {
    super(panel, context, { title: 'DDIA Labs Catalog', script: 'catalog.js', styles: ['styles/catalog.css'], icon: true });
    this.disposables.push(
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) void this.sendCatalog();
      }),
    );
  }

  protected override onReady(): Promise<void> {
    return this.sendCatalog();
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
    void this.post({ type: 'catalog', labs, hasWorkspace: (vscode.workspace.workspaceFolders?.length ?? 0) > 0 });
  }

  protected override async onMessage(message: Exclude<CatalogFromWebview, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'openLab':
        await this.openLab(message.labId);
        void this.post({
          type: 'labStatus',
          labId: message.labId,
          inWorkspace: (await labsInWorkspace(this.store.labs)).has(message.labId),
        });
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
}
