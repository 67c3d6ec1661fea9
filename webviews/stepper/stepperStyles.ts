/** Styles of the stepper panel (adopted style sheets; the panel's CSP allows no inline <style>). */
export const STEPPER_CSS = `
body { padding: 0 12px 16px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); background: var(--vscode-editor-background); }
h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--vscode-descriptionForeground); margin: 14px 0 4px; font-weight: 600; }
.bar { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0 6px; z-index: 4; }
.bar vscode-button { min-width: 32px; }
.bar .speed { width: 130px; }
.scrub:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.inject .fault { width: 200px; }
.inject .node { width: 110px; }
.inject .amount { width: 90px; }
.scrub { flex: 1 1 240px; min-width: 160px; accent-color: var(--vscode-focusBorder); }
.pos { font-variant-numeric: tabular-nums; color: var(--vscode-descriptionForeground); min-width: 190px; }
.event { font-family: var(--vscode-editor-font-family); padding: 6px 8px; border-left: 3px solid var(--vscode-focusBorder); background: var(--vscode-textCodeBlock-background); }
.event.anomaly { border-left-color: var(--vscode-charts-red); }
.chain { margin: 4px 0 0; padding-left: 18px; color: var(--vscode-descriptionForeground); font-family: var(--vscode-editor-font-family); font-size: 12px; }
.source { margin-top: 4px; color: var(--vscode-descriptionForeground); }
.grid { display: grid; grid-template-columns: minmax(0, 1.4fr) minmax(0, 1fr); gap: 12px; }
@media (max-width: 720px) { .grid { grid-template-columns: minmax(0, 1fr); } }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { text-align: left; padding: 2px 8px 2px 0; border-bottom: 1px solid var(--vscode-widget-border, rgba(128,128,128,.3)); vertical-align: top; }
th { color: var(--vscode-descriptionForeground); font-weight: 600; }
td.num { font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.badge.down { background: var(--vscode-charts-red); color: var(--vscode-editor-background); }
.badge.paused { background: var(--vscode-charts-yellow); color: var(--vscode-editor-background); }
.badge.up { background: var(--vscode-charts-green); color: var(--vscode-editor-background); }
.muted { color: var(--vscode-descriptionForeground); }
.flying { max-height: 220px; overflow: auto; }
.inject { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.branches { list-style: none; padding: 0; margin: 0; }
.branches li { margin: 2px 0; }
.branches button { all: unset; cursor: pointer; padding: 1px 4px; }
.branches button[aria-current="true"] { font-weight: 600; color: var(--vscode-textLink-activeForeground); }
.branches button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.notice { color: var(--vscode-descriptionForeground); font-style: italic; }
.error { color: var(--vscode-errorForeground); }
kbd { font-family: var(--vscode-editor-font-family); border: 1px solid var(--vscode-widget-border, rgba(128,128,128,.4)); border-radius: 3px; padding: 0 3px; font-size: 11px; }
`;
