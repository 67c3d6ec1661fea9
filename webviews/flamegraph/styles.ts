/**
 * The view's styles, from VS Code theme variables only (with fallbacks for the CLI's standalone
 * page, which has no VS Code theme). Applied as a constructed style sheet: the webview CSP
 * allows no inline <style>, and one source of truth serves panel, renderer and HTML page.
 */
const CSS = `
.fg-root { position: relative; font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-foreground, #ccc); }
.fg-toolbar { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; padding: 4px 0; }
.fg-crumb:focus-visible, .fg-canvas:focus-visible { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: 1px; }
.fg-select { width: auto; min-width: 140px; max-width: 320px; }
.fg-search { width: 220px; }
.fg-search-info { color: var(--vscode-descriptionForeground, #999); margin-left: 4px; }
.fg-crumbs { display: flex; flex-wrap: wrap; gap: 2px; align-items: center; min-height: 22px; font-size: 12px; }
.fg-crumb { all: unset; cursor: pointer; color: var(--vscode-textLink-foreground, #3794ff); padding: 0 2px; max-width: 240px; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; }
.fg-crumb:hover { text-decoration: underline; }
.fg-crumb-sep { color: var(--vscode-descriptionForeground, #999); }
.fg-scroller { overflow: auto; border-top: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.35)); }
.fg-canvas-wrap { width: 100%; }
.fg-canvas { display: block; }
.fg-label { font-weight: 600; margin: 6px 0 2px; }
.fg-status { color: var(--vscode-descriptionForeground, #999); font-size: 12px; padding: 4px 0; }
.fg-tooltip { position: absolute; pointer-events: none; z-index: 10; max-width: 560px; background: var(--vscode-editorHoverWidget-background, #252526);
  color: var(--vscode-editorHoverWidget-foreground, #ccc); border: 1px solid var(--vscode-editorHoverWidget-border, #454545); padding: 4px 8px; font-size: 12px; }
.fg-tip-name { font-weight: 600; word-break: break-all; }
.fg-tip-file { color: var(--vscode-descriptionForeground, #999); word-break: break-all; }
.fg-error { border-left: 3px solid var(--vscode-errorForeground, #f48771); background: var(--vscode-inputValidation-errorBackground, transparent);
  padding: 8px 12px; margin: 8px 0; white-space: pre-wrap; }
.fg-error h2 { font-size: 14px; margin: 0 0 4px; }
.fg-loading { color: var(--vscode-descriptionForeground, #999); padding: 8px 0; }
body.fg-page { margin: 0; padding: 4px 12px; background: var(--vscode-editor-background, #1e1e1e); }
@media (prefers-color-scheme: light) {
  body.fg-page { --vscode-foreground: #3b3b3b; --vscode-editor-background: #ffffff; --vscode-button-background: #005fb8;
    --vscode-button-secondaryBackground: #e5e5e5; --vscode-button-secondaryForeground: #3b3b3b; --vscode-button-secondaryHoverBackground: #cccccc;
    --vscode-input-background: #ffffff; --vscode-input-foreground: #3b3b3b; --vscode-input-border: #cecece; --vscode-descriptionForeground: #717171;
    --vscode-settings-textInputBackground: #ffffff; --vscode-settings-textInputForeground: #3b3b3b; --vscode-settings-textInputBorder: #cecece;
    --vscode-settings-dropdownBackground: #ffffff; --vscode-settings-dropdownForeground: #3b3b3b; --vscode-settings-dropdownBorder: #cecece;
    --vscode-dropdown-background: #ffffff; --vscode-dropdown-foreground: #3b3b3b; --vscode-dropdown-border: #cecece; --vscode-foreground: #3b3b3b;
    --vscode-textLink-foreground: #005fb8; --vscode-editorHoverWidget-background: #f8f8f8; --vscode-editorHoverWidget-foreground: #3b3b3b;
    --vscode-editorHoverWidget-border: #c8c8c8; }
}
`;

let sheet: CSSStyleSheet | undefined;

export function applyStyles(doc: Document = document): void {
  if (sheet) return;
  sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
