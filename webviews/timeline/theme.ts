/** Theme colours for canvas drawing, read from VS Code's CSS variables at draw time (so theme switches apply). */
export interface TimelineColors {
  fg: string;
  muted: string;
  bg: string;
  grid: string;
  ok: string;
  fail: string;
  info: string;
  open: string;
  quorum: string;
  anomaly: string;
  message: string;
  drop: string;
  down: string;
  paused: string;
  cut: string;
  focus: string;
  cursor: string;
}

function v(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const x = style.getPropertyValue(name).trim();
  return x === '' ? fallback : x;
}

export function readColors(el: Element): TimelineColors {
  const s = getComputedStyle(el);
  const fg = v(s, '--vscode-foreground', '#cccccc');
  return {
    fg,
    muted: v(s, '--vscode-descriptionForeground', '#8b8b8b'),
    bg: v(s, '--vscode-editor-background', '#1e1e1e'),
    grid: v(s, '--vscode-editorIndentGuide-background1', v(s, '--vscode-widget-border', 'rgba(128,128,128,0.35)')),
    ok: v(s, '--vscode-charts-blue', '#3794ff'),
    fail: v(s, '--vscode-charts-orange', '#d18616'),
    info: v(s, '--vscode-charts-yellow', '#cca700'),
    open: v(s, '--vscode-descriptionForeground', '#8b8b8b'),
    quorum: v(s, '--vscode-charts-green', '#89d185'),
    anomaly: v(s, '--vscode-charts-red', '#f14c4c'),
    message: v(s, '--vscode-descriptionForeground', '#8b8b8b'),
    drop: v(s, '--vscode-charts-red', '#f14c4c'),
    down: v(s, '--vscode-charts-red', '#f14c4c'),
    paused: v(s, '--vscode-charts-yellow', '#cca700'),
    cut: v(s, '--vscode-charts-purple', '#b180d7'),
    focus: v(s, '--vscode-focusBorder', '#007fd4'),
    cursor: v(s, '--vscode-editorCursor-foreground', fg),
  };
}
