/**
 * Messages between the lab catalog panel (extension/catalog/catalogPanel.ts) and its webview
 * (webviews/catalog/main.ts), as discriminated unions tagged by `type`. Both sides switch on
 * `type`; a default case reports the unknown message. The webview says `ready` before the host
 * sends data, because a message posted right after setting `webview.html` can be lost. Every
 * other view's messages live in its own folder (extension/views/<view>/*Messages.ts).
 */

/** One lab as the catalog view shows it. */
export interface CatalogEntry {
  readonly id: string;
  readonly title: string;
  readonly book: string;
  readonly bookTitle: string;
  readonly chapter: number;
  readonly chapterTitle: string;
  readonly summary: string;
  readonly exercises: readonly { readonly id: string; readonly title: string }[];
  readonly inWorkspace: boolean;
}

export type CatalogToWebview =
  | { readonly type: 'catalog'; readonly labs: readonly CatalogEntry[]; readonly hasWorkspace: boolean }
  | { readonly type: 'labStatus'; readonly labId: string; readonly inWorkspace: boolean };

export type CatalogFromWebview =
  { readonly type: 'ready' } | { readonly type: 'openLab'; readonly labId: string } | { readonly type: 'error'; readonly message: string };
