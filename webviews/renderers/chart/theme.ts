/** Chart colours from VS Code's theme variables, so light, dark and high-contrast themes all work. */
const PALETTE_VARS = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-red',
  '--vscode-charts-purple',
  '--vscode-charts-yellow',
];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#f14c4c', '#b180d7', '#cca700'];

export function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export function seriesColor(i: number): string {
  const n = PALETTE_VARS.length;
  return cssVar(PALETTE_VARS[i % n] as string, FALLBACK[i % n] as string);
}

export function isDarkTheme(): boolean {
  return document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
}
