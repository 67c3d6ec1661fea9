/** Styles of the quorum timeline (renderer and stepper), VS Code theme variables only. */
export const TIMELINE_CSS = `
.ddia-tl { position: relative; color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: 12px; margin: 4px 0; }
.ddia-tl-head { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-bottom: 4px; }
.ddia-tl-title { font-weight: 600; }
.ddia-tl-meta { color: var(--vscode-descriptionForeground); }
.ddia-tl-button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: 1px solid var(--vscode-button-border, transparent);
  padding: 2px 10px; cursor: pointer; font: inherit; border-radius: 2px; }
.ddia-tl-button:hover { background: var(--vscode-button-hoverBackground); }
.ddia-tl-button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
.ddia-tl-button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.ddia-tl-button:disabled { opacity: 0.5; cursor: default; }
.ddia-tl-canvas-wrap { position: relative; border: 1px solid var(--vscode-widget-border, rgba(128,128,128,0.35)); cursor: grab; }
.ddia-tl-canvas-wrap:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
.ddia-tl-canvas-wrap.dragging { cursor: grabbing; }
.ddia-tl-canvas-wrap canvas { display: block; }
.ddia-tl-tip { position: absolute; pointer-events: none; background: var(--vscode-editorHoverWidget-background); color: var(--vscode-editorHoverWidget-foreground);
  border: 1px solid var(--vscode-editorHoverWidget-border); padding: 3px 6px; white-space: pre; z-index: 3; max-width: 520px; overflow: hidden; font-size: 12px; }
.ddia-tl-legend { display: flex; gap: 12px; flex-wrap: wrap; color: var(--vscode-descriptionForeground); margin-top: 3px; }
.ddia-tl-legend i { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-right: 4px; }
.ddia-tl-anomalies { margin: 4px 0 0; padding-left: 18px; }
.ddia-tl-anomalies button { all: unset; cursor: pointer; color: var(--vscode-textLink-foreground); }
.ddia-tl-anomalies button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.ddia-tl-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.ddia-tl-error { border-left: 3px solid var(--vscode-errorForeground); padding: 6px 10px; }
`;

/**
 * Adopted (constructable) style sheets: allowed by the stepper panel's strict CSP, which blocks
 * inline <style> elements, and fine in the notebook renderer too.
 */
export function adoptStyles(css: string, doc: Document = document): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
