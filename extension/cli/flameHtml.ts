/**
 * The self-contained HTML flame graph `ddia-labs flame <file> --out FILE.html` writes: the built
 * view script (dist/webviews/flamegraph.js) and the profile's text inline, a CSP that allows
 * only that script and no network at all, so the page works offline and from an e-mail.
 * The profile is embedded as the original text (not re-exported) so the page imports it with
 * the same importers as the editor, and a 1M-sample file stays the size it was.
 */
import { createNonce, escapeHtml, escapeJsonForHtml } from '../webview/webviewHtml';
import type { FlameSource } from '../views/flame/flameMessages';

/** Inline script text must not contain `</script` (it would end the element early). */
export function escapeInlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

export function flameHtml(options: { title: string; fileName: string; text: string; script: string }, nonce = createNonce()): string {
  const source: FlameSource = { kind: 'file', file: { fileName: options.fileName, content: options.text } };
  const csp = ["default-src 'none'", `script-src 'nonce-${nonce}'`, 'img-src data:'].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <meta name="generator" content="ddia-labs flame">
    <title>${escapeHtml(options.title)}</title>
  </head>
  <body>
    <main id="root"></main>
    <script nonce="${nonce}" type="application/json" id="initial-state">${escapeJsonForHtml({ source })}</script>
    <script nonce="${nonce}">${escapeInlineScript(options.script)}</script>
  </body>
</html>
`;
}
