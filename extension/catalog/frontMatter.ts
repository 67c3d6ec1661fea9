/**
 * Finds the YAML front matter at the top of a lab file. The block starts on the first line
 * (after an optional byte-order mark) with `---` and ends at the next line that is exactly `---`
 * (or `...`). Line endings may be LF or CRLF. Pure: no I/O, no YAML parsing here.
 */
export interface FrontMatterBlock {
  /** The YAML text between the fences, with the file's own line endings. */
  readonly yaml: string;
  /** 1-based line of the first YAML line (the line after the opening fence). */
  readonly firstLine: number;
  /** Character offset just past the closing fence's line ending: where the body starts. */
  readonly bodyOffset: number;
}

export type FrontMatterResult =
  | { readonly kind: 'found'; readonly block: FrontMatterBlock }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unterminated'; readonly line: number };

export function findFrontMatter(text: string): FrontMatterResult {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEol = text.indexOf('\n', start);
  const firstLine = stripCr(text.slice(start, firstEol === -1 ? text.length : firstEol));
  if (firstLine !== '---' || firstEol === -1) return { kind: 'absent' };
  let lineStart = firstEol + 1;
  while (lineStart <= text.length) {
    const eol = text.indexOf('\n', lineStart);
    const line = stripCr(text.slice(lineStart, eol === -1 ? text.length : eol));
    if (line === '---' || line === '...') {
      return {
        kind: 'found',
        block: {
          yaml: text.slice(firstEol + 1, lineStart),
          firstLine: 2,
          bodyOffset: eol === -1 ? text.length : eol + 1,
        },
      };
    }
    if (eol === -1) break;
    lineStart = eol + 1;
  }
  return { kind: 'unterminated', line: 1 };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
