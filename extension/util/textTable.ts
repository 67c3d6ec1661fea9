/**
 * A plain-text table: each column as wide as its longest cell (header included), cells padded
 * on the right and separated by two spaces. The CLI's tables (`bench`, `use`), the USE dashboard's
 * text fallback and the SDK's `table()` text all print through it, so they line up alike.
 */
export interface TextTableOptions {
  /** A line of dashes under the header, as wide as each column (the SDK's `table()`). */
  readonly rule?: boolean;
  /** Drop the padding after each line's last cell (default true; false keeps lines full width). */
  readonly trimEnd?: boolean;
}

/** The table's lines: the header, the optional rule, then one line a row. */
export function textTableLines(header: readonly string[], rows: readonly (readonly string[])[], o: TextTableOptions = {}): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const trim = o.trimEnd ?? true;
  const line = (cells: readonly string[]): string => {
    const text = widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join('  ');
    return trim ? text.trimEnd() : text;
  };
  return [line(header), ...(o.rule ? [line(widths.map((w) => '-'.repeat(w)))] : []), ...rows.map(line)];
}

export function textTable(header: readonly string[], rows: readonly (readonly string[])[], o: TextTableOptions = {}): string {
  return textTableLines(header, rows, o).join('\n');
}
