/**
 * Number parsing that tolerates the locales tools print in: sysstat, top and uptime follow
 * LC_NUMERIC, so "12,50" means 12.5 under de_DE or fr_FR. We accept a comma as the decimal
 * separator only when it is the single separator followed by digits; the tools we parse never
 * print thousands separators. Anything else (including "-", "n/a", "") is not a number.
 */
export function parseNumber(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  const t = token.trim();
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
  const v = Number(t.replace(',', '.'));
  return Number.isFinite(v) ? v : undefined;
}

/** Split on runs of whitespace, dropping empty tokens. */
export function splitFields(line: string): string[] {
  return line.trim().split(/\s+/).filter(Boolean);
}
