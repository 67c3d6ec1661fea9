/**
 * How a cell sat in its lab file, kept in the cell's metadata so that saving an unchanged
 * notebook writes back exactly the bytes that were read. Everything here is LF-normalized; the
 * file's own line ending is restored when the notebook is serialized.
 */
export interface FenceLayout {
  /** The opening fence characters, e.g. "```" or "~~~~". */
  readonly open: string;
  /** The info string after the opening fence, e.g. "ts id=encode". */
  readonly info: string;
  /** Whether a newline followed the opening fence line (false only for a fence on the last line). */
  readonly openNewline: boolean;
  /** The closing fence line, or null when the block was never closed. */
  readonly close: string | null;
  /** Whether the code ended with a newline before the closing fence (or end of file). */
  readonly innerNewline: boolean;
}

export interface CellLayout {
  /** Text (blank lines) before the cell. */
  readonly before: string;
  /** Text (blank lines) after the cell. */
  readonly after: string;
  /** Present for code cells. */
  readonly fence?: FenceLayout;
}

export interface LabCell {
  readonly kind: 'markdown' | 'code';
  /** The cell's text, LF line endings. */
  readonly value: string;
  /** Round-trip layout; absent for cells the user added. */
  readonly layout?: CellLayout;
  /** From the info string: `id=...`. */
  readonly id?: string;
  /** Other `key=value` options from the info string. */
  readonly options?: Readonly<Record<string, string>>;
  /** A cell that reports problems with the file; never written back. */
  readonly problem?: boolean;
}

export interface FormatProblem {
  /** 1-based line in the file. */
  readonly line: number;
  readonly message: string;
  /**
   * What is wrong: the bytes are not UTF-8 text, the front matter is broken, a code block is
   * never closed, or the line endings are mixed (the only one that is not an error).
   */
  readonly kind: 'encoding' | 'front-matter' | 'fence' | 'line-endings';
}

/** Everything about the file that is not a cell. */
export interface LabFileLayout {
  /** The front matter block including its `---` fences and final newline, LF-normalized ('' if none). */
  readonly frontMatter: string;
  readonly eol: '\n' | '\r\n';
  readonly bom: boolean;
  /**
   * When decoding was lossy (bytes that are not UTF-8, mixed line endings), the original bytes
   * as base64 and a hash of the text they decode to: saving an unchanged notebook writes them back.
   */
  readonly original?: { readonly base64: string; readonly textHash: string };
}

export interface LabNotebook {
  readonly cells: readonly LabCell[];
  readonly file: LabFileLayout;
  readonly problems: readonly FormatProblem[];
}

/** Languages whose fenced blocks become runnable code cells. */
export const CODE_FENCE_LANGUAGES: ReadonlySet<string> = new Set(['ts', 'typescript']);
