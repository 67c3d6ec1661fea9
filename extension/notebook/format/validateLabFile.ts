/**
 * Is this a lab file at all? The gate in front of the forgiving parser (parseLabNotebook): the
 * notebook serializer and `ddia-labs run` refuse a file that fails it, with one message per
 * problem naming the file and the 1-based line, instead of showing or running "0 cells".
 *
 * A lab file is at most MAX_LAB_FILE_BYTES of UTF-8 text (no NUL bytes), starts with closed
 * YAML front matter whose fields have the right types (catalog/validateLab.ts, the same check the
 * build runs, minus what only a shipped lab needs), has no code block that is never closed and,
 * when the caller asks (running it), at least one code cell. Pure: bytes in, verdict out.
 */
import { checkLabFrontMatter, formatProblem, type LabProblem } from '../../catalog/validateLab';
import type { LabNotebook } from './cellLayout';
import { parseLabNotebook } from './parseLabNotebook';

/** The largest lab file we open or run; the biggest shipped lab is under 20 KB. */
export const MAX_LAB_FILE_BYTES = 2 * 1024 * 1024;

export interface LabFileCheckOptions {
  /** The file as messages should name it. */
  readonly file: string;
  /** Reject a file without code cells (running one would report "0 cells, all succeeded"). */
  readonly requireCodeCells?: boolean;
  /** The file's full size in bytes, when the caller read only its start (see cli/labInput.ts). */
  readonly size?: number;
}

export type LabFileValidation =
  { readonly ok: true; readonly notebook: LabNotebook } | { readonly ok: false; readonly problems: readonly LabProblem[] };

export function validateLabFile(bytes: Uint8Array, options: LabFileCheckOptions): LabFileValidation {
  const { file } = options;
  const fail = (line: number, message: string): LabFileValidation => ({ ok: false, problems: [{ file, field: '', line, message }] });
  const size = Math.max(bytes.length, options.size ?? 0);
  if (size > MAX_LAB_FILE_BYTES) {
    return fail(1, `file is larger than the ${MAX_LAB_FILE_BYTES / 1024 / 1024} MB a lab may have (${megabytes(size)})`);
  }
  if (bytes.length === 0) return fail(1, "the file is empty: a lab file starts with a '---' line, then the lab's YAML front matter");
  const bad = firstNonTextByte(bytes);
  if (bad) {
    const what = bad.nul ? 'a NUL byte' : 'invalid UTF-8';
    return fail(lineAtByte(bytes, bad.offset), `not a text file: ${what} at byte offset ${bad.offset} (a lab file is UTF-8 text)`);
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  const front = checkLabFrontMatter(file, text);
  if (!front.ok) return { ok: false, problems: front.problems };
  const notebook = parseLabNotebook(bytes);
  const problems: LabProblem[] = notebook.problems
    .filter((p) => p.kind !== 'line-endings')
    .map((p) => ({ file, field: '', line: p.line, message: p.message }));
  if (problems.length === 0 && options.requireCodeCells && !notebook.cells.some((c) => c.kind === 'code')) {
    problems.push({ file, field: '', line: front.bodyLine, message: 'no code cells: a lab has at least one ```ts block' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, notebook };
}

/** At most `max` problems, one per line, each `file:line: message` (or `line N: message` without the file). */
export function describeLabFileProblems(problems: readonly LabProblem[], options: { withFile?: boolean; max?: number } = {}): string {
  const { withFile = true, max = 10 } = options;
  const lines = problems.slice(0, max).map((p) => {
    if (withFile) return formatProblem(p);
    const { line, ...rest } = p;
    return formatProblem({ ...rest, file: `line ${line ?? 1}` });
  });
  if (problems.length > max) lines.push(`… and ${problems.length - max} more`);
  return lines.join('\n');
}

/** What an empty (new) lab file gets on its first save, so that what is saved opens again. */
export const NEW_LAB_FRONT_MATTER = '---\ntitle: Untitled lab\n---\n';

/**
 * The notebook serializer's policy (notebook/labSerializer.ts): an empty file is a new lab (VS
 * Code also hands over no bytes for a new untitled notebook) and opens as an empty notebook that
 * is saved with NEW_LAB_FRONT_MATTER; any other file must pass validateLabFile (code cells are
 * not required: a lab may be all prose while being written), or this throws an Error listing the
 * problems by line. The serializer cannot name the file (VS Code does not say which it is), but
 * VS Code shows the message in that file's editor.
 */
export function openLabNotebook(content: Uint8Array): LabNotebook {
  if (content.length === 0) return { cells: [], file: { frontMatter: NEW_LAB_FRONT_MATTER, eol: '\n', bom: false }, problems: [] };
  const checked = validateLabFile(content, { file: 'this file' });
  if (checked.ok) return checked.notebook;
  throw new Error(
    `This is not a lab file DDIA Labs can open as a notebook; open it in the text editor to fix it.\n${describeLabFileProblems(checked.problems, { withFile: false })}`,
  );
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The first byte that makes this not UTF-8 text: a NUL, or the start of an ill-formed sequence
 * (Unicode's table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
export function firstNonTextByte(bytes: Uint8Array): { readonly offset: number; readonly nul: boolean } | undefined {
  const n = bytes.length;
  const cont = (i: number, lo = 0x80, hi = 0xbf): boolean => i < n && (bytes[i] as number) >= lo && (bytes[i] as number) <= hi;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b === 0) return { offset: i, nul: true };
    if (b < 0x80) {
      i++;
      continue;
    }
    let len = 0;
    if (b >= 0xc2 && b <= 0xdf) len = cont(i + 1) ? 2 : 0;
    else if (b === 0xe0) len = cont(i + 1, 0xa0) && cont(i + 2) ? 3 : 0;
    else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) len = cont(i + 1) && cont(i + 2) ? 3 : 0;
    else if (b === 0xed) len = cont(i + 1, 0x80, 0x9f) && cont(i + 2) ? 3 : 0;
    else if (b === 0xf0) len = cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b >= 0xf1 && b <= 0xf3) len = cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b === 0xf4) len = cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    if (len === 0) return { offset: i, nul: false };
    i += len;
  }
  return undefined;
}
