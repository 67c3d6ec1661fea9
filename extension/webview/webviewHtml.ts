/**
 * Builds a webview's HTML with a strict Content Security Policy: nothing by default, scripts
 * only with a per-load nonce from `crypto`, styles and fonts only from the extension's own
 * resources. Initial data is inlined as JSON with `<` escaped so it cannot close the script.
 */
import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  readonly title: string;
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  /** Data the script reads from `#initial-state`, if any. */
  readonly initialState?: unknown;
  readonly body?: string;
}

export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function escapeJsonForHtml(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderWebviewHtml(page: WebviewPage, nonce: string = createNonce()): string {
  const csp = [
    "default-src 'none'",
    `img-src ${page.cspSource} data:`,
    `style-src ${page.cspSource}`,
    `font-src ${page.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const styles = page.styleUris.map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title>${escapeHtml(page.title)}</title>
    ${styles}
  </head>
  <body>
    ${page.body ?? '<main id="root"></main>'}
    <script nonce="${nonce}" type="application/json" id="initial-state">${escapeJsonForHtml(page.initialState)}</script>
    <script nonce="${nonce}" src="${escapeHtml(page.scriptUri)}"></script>
  </body>
</html>`;
}
