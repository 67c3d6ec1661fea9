/** Styles for every renderer, injected once, using only VS Code theme variables. */
export const CSS = `
.ddia-chart { margin: 4px 0; position: relative; color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
.ddia-chart:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.ddia-chart-title { font-weight: 600; margin: 0 0 4px; }
.ddia-chart svg { display: block; overflow: visible; }
.ddia-axis text { fill: var(--vscode-descriptionForeground); font-size: 11px; }
.ddia-axis path, .ddia-axis line { stroke: var(--vscode-charts-lines, var(--vscode-descriptionForeground)); }
.ddia-axis-title { fill: var(--vscode-descriptionForeground); font-size: 11px; }
.ddia-focus-marker { fill: none; stroke: var(--vscode-focusBorder); stroke-width: 2; pointer-events: none; }
.ddia-tooltip { position: absolute; pointer-events: none; background: var(--vscode-editorHoverWidget-background); color: var(--vscode-editorHoverWidget-foreground);
  border: 1px solid var(--vscode-editorHoverWidget-border); padding: 3px 6px; font-size: 12px; white-space: nowrap; z-index: 2; }
.ddia-chart-caption { color: var(--vscode-descriptionForeground); font-size: 11px; margin-top: 2px; }
.ddia-legend { display: flex; gap: 12px; font-size: 12px; margin-bottom: 2px; }
.ddia-legend-item i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
.ddia-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.ddia-error { border-left: 3px solid var(--vscode-errorForeground); background: var(--vscode-inputValidation-errorBackground, transparent);
  color: var(--vscode-foreground); padding: 6px 10px; font-family: var(--vscode-font-family); }
.ddia-table-wrap { max-height: 420px; overflow: auto; }
.ddia-table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: 12px; }
.ddia-table th, .ddia-table td { border-bottom: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.3)); padding: 2px 10px; text-align: left; }
.ddia-table th { position: sticky; top: 0; background: var(--vscode-editor-background); }
.ddia-table th button { all: unset; cursor: pointer; font-weight: 600; }
.ddia-table th button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.ddia-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.ddia-more { margin-top: 4px; background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 2px 8px; cursor: pointer; }
.ddia-mermaid { min-height: 24px; }
.ddia-mermaid[data-rendered] { overflow-x: auto; }
`;

let injected = false;

export function injectStyles(doc: Document = document, root?: Node): void {
  if (root) {
    const style = doc.createElement('style');
    style.textContent = CSS;
    root.appendChild(style);
    return;
  }
  if (injected) return;
  injected = true;
  const style = doc.createElement('style');
  style.textContent = CSS;
  doc.head.appendChild(style);
}
