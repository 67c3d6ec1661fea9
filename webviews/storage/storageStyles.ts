/** Styles of the storage views, injected once; colours come only from VS Code theme variables. */
const CSS = `
.ddia-storage { color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: 12px; margin: 4px 0; }
.ddia-storage { box-sizing: border-box; max-width: 100%; }
.ddia-storage:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.ddia-storage-title { font-weight: 600; margin-bottom: 4px; }
.ddia-storage-note { color: var(--vscode-descriptionForeground); margin: 2px 0 4px; }
.ddia-storage-canvas { overflow-x: auto; }
.ddia-lsm-svg { max-width: 100%; height: auto; }
.ddia-storage svg text { font-family: var(--vscode-editor-font-family); font-size: 10px; fill: var(--vscode-foreground); }
.ddia-lsm-band { fill: var(--vscode-editorWidget-background, rgba(128,128,128,0.08)); stroke: var(--vscode-widget-border, rgba(128,128,128,0.25)); }
.ddia-storage svg .ddia-lsm-label { font-family: var(--vscode-font-family); font-size: 11px; }
.ddia-storage svg .ddia-lsm-note, .ddia-storage svg .ddia-lsm-axis { fill: var(--vscode-descriptionForeground); }
.ddia-lsm-table rect { fill: var(--vscode-charts-blue, #3794ff); fill-opacity: 0.55; stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 1; }
.ddia-lsm-table.has-tombstones rect { stroke-dasharray: 3 2; }
.ddia-lsm-table.is-input rect { fill: var(--vscode-charts-orange, #d18616); fill-opacity: 0.35; stroke: var(--vscode-charts-orange, #d18616); stroke-width: 2.5; }
.ddia-lsm-table.is-output rect { fill: var(--vscode-charts-green, #89d185); fill-opacity: 0.85; stroke: var(--vscode-charts-green, #89d185); stroke-width: 2; }
.ddia-lsm-table.is-selected rect { stroke: var(--vscode-focusBorder); stroke-width: 2.5; fill-opacity: 0.8; }
.ddia-lsm-live .ddia-lsm-table { cursor: pointer; }
.ddia-lsm-table.is-fresh rect { animation: ddia-lsm-fresh 0.9s ease-out; }
.ddia-lsm-table.is-moved rect { animation: ddia-lsm-moved 0.9s ease-out; }
@keyframes ddia-lsm-fresh { from { fill: var(--vscode-charts-green, #89d185); fill-opacity: 0.95; } }
@keyframes ddia-lsm-moved { from { fill: var(--vscode-charts-purple, #b180d7); fill-opacity: 0.95; } }
@media (prefers-reduced-motion: reduce) { .ddia-lsm-table.is-fresh rect, .ddia-lsm-table.is-moved rect { animation: none; } }
.ddia-storage-progress { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 2px 0 6px; font-variant-numeric: tabular-nums; }
.ddia-storage-progress .ddia-progress-status { font-weight: 600; }
.ddia-storage-progress.is-running .ddia-progress-status { color: var(--vscode-charts-orange, #d18616); }
.ddia-storage-progress.is-final .ddia-progress-status { color: var(--vscode-charts-green, #89d185); }
.ddia-storage-details { color: var(--vscode-descriptionForeground); margin-top: 4px; min-height: 1.4em; }
.ddia-player-controls { display: flex; align-items: center; gap: 4px; margin-bottom: 6px; }
.ddia-player-button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: 1px solid var(--vscode-button-border, transparent);
  padding: 2px 8px; cursor: pointer; font-family: var(--vscode-font-family); font-size: 12px; border-radius: 2px; }
.ddia-player-button:hover:not(:disabled) { background: var(--vscode-button-secondaryHoverBackground); }
.ddia-player-button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
.ddia-player-button:disabled { opacity: 0.5; cursor: default; }
.ddia-player-position { color: var(--vscode-descriptionForeground); margin-left: 8px; }
.ddia-player-caption { margin-top: 6px; min-height: 1.4em; }
.ddia-player-legend { display: flex; gap: 12px; color: var(--vscode-descriptionForeground); margin-top: 4px; }
.ddia-player-legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; border: 2px solid; }
.ddia-swatch { border-color: var(--vscode-charts-blue, #3794ff); }
.ddia-swatch.is-input { border-color: var(--vscode-charts-orange, #d18616); }
.ddia-swatch.is-output { border-color: var(--vscode-charts-green, #89d185); background: var(--vscode-charts-green, #89d185); }
.ddia-btree-edge { stroke: var(--vscode-descriptionForeground); stroke-opacity: 0.6; }
.ddia-btree-box { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--vscode-widget-border, var(--vscode-descriptionForeground)); }
.ddia-btree-page.is-internal .ddia-btree-box { stroke: var(--vscode-charts-purple, #b180d7); }
.ddia-btree-page:focus { outline: none; }
.ddia-btree-page:focus .ddia-btree-box { stroke: var(--vscode-focusBorder); stroke-width: 2; }
.ddia-storage svg .ddia-btree-head { font-family: var(--vscode-font-family); font-weight: 600; }
.ddia-storage svg .ddia-btree-keys { fill: var(--vscode-descriptionForeground); }
.ddia-btree-fill-track { fill: var(--vscode-input-background, rgba(128,128,128,0.2)); stroke: var(--vscode-widget-border, rgba(128,128,128,0.3)); stroke-width: 0.5; }
.ddia-btree-fill { fill: var(--vscode-charts-green, #89d185); }
.ddia-btree-page.is-sparse .ddia-btree-fill { fill: var(--vscode-charts-yellow, #cca700); }
`;

let injected = false;

export function injectStorageStyles(doc: Document = document): void {
  if (injected) return;
  injected = true;
  const style = doc.createElement('style');
  style.textContent = CSS;
  doc.head.appendChild(style);
}
