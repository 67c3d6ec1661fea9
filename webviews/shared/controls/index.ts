/**
 * Controls from @vscode-elements/elements (the successor of the deprecated
 * @vscode/webview-ui-toolkit), so panels look and behave like VS Code: theme colours, focus rings,
 * keyboard access. Each control has its own module that imports only its element's per-element entry point,
 * so a bundle carries Lit plus the elements it uses, not the whole library. The elements
 * style themselves with constructed style sheets (adoptedStyleSheets), which a strict CSP without
 * 'unsafe-inline' allows, and they register through the library's own decorator, which leaves an
 * element another bundle in the same document already defined alone instead of throwing (notebook
 * renderers share one document).
 */
export * from './button';
export * from './select';
export * from './textfield';
export * from './keys';
