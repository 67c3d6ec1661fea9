/**
 * Every message between the extension host and its webviews, as discriminated unions tagged by
 * `type`. Both sides switch on `type`; a default case reports the unknown message. Webviews say
 * `ready` before the host sends data, because a message posted right after setting
 * `webview.html` can be lost.
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
