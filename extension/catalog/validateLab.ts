/**
 * Validates one lab's front matter and the files it refers to. Used by the build (a broken lab
 * fails `npm run build` with a message naming the file and field), the CLI and the tests.
 * Pure: the caller passes the lab file's text and the set of files that exist in its folder.
 *
 * Two strictnesses share one checker: `validateLab` (the catalog: every field required, the id
 * equal to the folder name, exercise files present) and `checkLabFrontMatter` (any lab file a
 * learner opens or runs: the front matter must be there and be YAML, and the fields it has must
 * have the right types; see notebook/format/validateLabFile.ts for the rest of that check).
 */
import { parseDocument } from 'yaml';
import { findBook, type BookId } from './books';
import { findFrontMatter } from './frontMatter';
import type { ExerciseManifest, LabManifest } from './labManifest';

export interface LabProblem {
  /** The lab file, as the caller named it (usually relative to the repository). */
  readonly file: string;
  /** The front-matter field at fault, e.g. `exercises[0].starter`; empty for file-level problems. */
  readonly field: string;
  readonly message: string;
  /** 1-based line in the lab file, where known. */
  readonly line?: number;
}

export function formatProblem(p: LabProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return p.field ? `${where}: field '${p.field}': ${p.message}` : `${where}: ${p.message}`;
}

export interface LabInput {
  /** Path shown in messages. */
  readonly file: string;
  /** The lab file's name inside its folder. */
  readonly fileName: string;
  /** The folder's name, which must equal the lab id. */
  readonly folderName: string;
  readonly text: string;
  /** Paths (with `/` separators) of every file in the lab folder, relative to it. */
  readonly files: ReadonlySet<string>;
}

export type LabValidation =
  { readonly ok: true; readonly lab: LabManifest } | { readonly ok: false; readonly problems: readonly LabProblem[] };

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function validateLab(input: LabInput): LabValidation {
  const checked = checkLab(input, 'catalog');
  if (checked.problems.length > 0 || !checked.lab) return { ok: false, problems: checked.problems };
  return { ok: true, lab: checked.lab };
}

export type FrontMatterCheck =
  | { readonly ok: true; readonly fields: Readonly<Record<string, unknown>>; readonly bodyLine: number }
  | { readonly ok: false; readonly problems: readonly LabProblem[] };

/**
 * The front-matter part of checking any lab file (not only a catalog entry): it must be there,
 * be closed, be valid YAML and a mapping; fields may be missing, but those present must have the
 * right types. `bodyLine` is the 1-based line where the Markdown after the front matter starts.
 */
export function checkLabFrontMatter(file: string, text: string): FrontMatterCheck {
  const checked = checkLab({ file, fileName: '', folderName: '', text, files: new Set() }, 'file');
  if (checked.problems.length > 0 || !checked.fields) return { ok: false, problems: checked.problems };
  return { ok: true, fields: checked.fields, bodyLine: checked.bodyLine };
}

/** `catalog`: a lab shipped with the extension; `file`: any lab file (fields optional, no folder checks). */
type CheckMode = 'catalog' | 'file';

interface Checked {
  readonly problems: LabProblem[];
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly bodyLine: number;
  readonly lab?: LabManifest;
}

function checkLab(input: LabInput, mode: CheckMode): Checked {
  const catalog = mode === 'catalog';
  const problems: LabProblem[] = [];
  const problem = (field: string, message: string, line?: number): void => {
    problems.push(line === undefined ? { file: input.file, field, message } : { file: input.file, field, message, line });
  };

  const fm = findFrontMatter(input.text);
  if (fm.kind === 'absent') {
    problem('', "no front matter: a lab file starts with a '---' line, then the lab's YAML fields and a closing '---'", 1);
    return { problems, bodyLine: 1 };
  }
  if (fm.kind === 'unterminated') {
    problem('', "front matter is not closed: add a '---' line after the lab's YAML fields", fm.line);
    return { problems, bodyLine: 1 };
  }
  const bodyLine = 1 + countNewlines(input.text.slice(0, fm.block.bodyOffset));
  const failed = (): Checked => ({ problems, bodyLine });
  const doc = parseDocument(fm.block.yaml, { prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      // An error found at the very end (e.g. a flow sequence never closed) belongs to the last YAML line, not the closing fence.
      const at = Math.min(err.pos[0], Math.max(0, fm.block.yaml.length - 1));
      const line = fm.block.firstLine + countNewlines(fm.block.yaml.slice(0, at));
      problem('', `front matter is not valid YAML: ${err.message.split('\n')[0]}`, line);
    }
    return failed();
  }
  let parsed: unknown;
  try {
    parsed = doc.toJS();
  } catch (err) {
    // e.g. the yaml library's guard against alias bombs ("excessive alias count").
    problem('', `front matter is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, fm.block.firstLine);
    return failed();
  }
  // A lab file may leave its front matter empty; a catalog entry may not.
  const data: unknown = !catalog && parsed == null ? {} : parsed;
  if (!isRecord(data)) {
    problem('', `front matter must be a YAML mapping of fields, got ${describe(data)}`, fm.block.firstLine);
    return failed();
  }
  /** The 1-based line of the YAML node at `path` (e.g. ['exercises', 0, 'starter']), else `fallback`. */
  const lineAt = (path: readonly (string | number)[], fallback = fm.block.firstLine): number => {
    const node: unknown = doc.getIn(path, true);
    const range = typeof node === 'object' && node !== null ? (node as { range?: unknown }).range : undefined;
    const offset = Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
    return offset === undefined ? fallback : fm.block.firstLine + countNewlines(fm.block.yaml.slice(0, offset));
  };
  const lineOf = (key: string): number => lineAt([key]);

  const str = (key: string, required = true): string => {
    const v = data[key];
    if (v === undefined || v === null || v === '') {
      if (required && catalog) problem(key, 'is required', lineOf(key));
      return '';
    }
    if (typeof v !== 'string') {
      problem(key, `must be text, got ${describe(v)}`, lineOf(key));
      return '';
    }
    return v.trim();
  };

  const id = str('id');
  if (id && !ID_PATTERN.test(id)) problem('id', `'${id}' must be lower-case words joined by '-'`, lineOf('id'));
  if (catalog && id && id !== input.folderName) {
    problem('id', `'${id}' must equal the lab's folder name '${input.folderName}'`, lineOf('id'));
  }
  const title = str('title');
  const summary = str('summary');
  const bookName = str('book');
  const book = bookName ? findBook(bookName) : undefined;
  if (catalog && bookName && !book)
    problem('book', `'${bookName}' is not a book we follow: use 'DDIA' or 'Systems Performance'`, lineOf('book'));

  let chapter = 0;
  const rawChapter = data['chapter'];
  if (rawChapter === undefined) {
    if (catalog) problem('chapter', 'is required', fm.block.firstLine);
  } else if (typeof rawChapter !== 'number' || !Number.isInteger(rawChapter)) {
    problem('chapter', `must be a chapter number, got ${describe(rawChapter)}`, lineOf('chapter'));
  } else if (catalog && book && !book.chapters[rawChapter]) {
    problem('chapter', `${book.title} has no chapter ${rawChapter}`, lineOf('chapter'));
  } else chapter = rawChapter;

  let order = 100;
  const rawOrder = data['order'];
  if (rawOrder !== undefined) {
    if (typeof rawOrder !== 'number') problem('order', `must be a number, got ${describe(rawOrder)}`, lineOf('order'));
    else order = rawOrder;
  }

  const exercises: ExerciseManifest[] = [];
  const rawExercises = data['exercises'];
  if (rawExercises === undefined) {
    if (catalog) problem('exercises', 'is required (use [] for a lab without exercises)', fm.block.firstLine);
  } else if (!Array.isArray(rawExercises)) problem('exercises', `must be a list, got ${describe(rawExercises)}`, lineOf('exercises'));
  else {
    const seen = new Set<string>();
    rawExercises.forEach((raw: unknown, i: number) => {
      const field = `exercises[${i}]`;
      const itemLine = lineAt(['exercises', i], lineOf('exercises'));
      const lineOfField = (key: string): number => lineAt(['exercises', i, key], itemLine);
      if (!isRecord(raw)) {
        problem(field, `must be a mapping with id, title, starter and tests, got ${describe(raw)}`, itemLine);
        return;
      }
      const exId = typeof raw['id'] === 'string' ? raw['id'] : '';
      if (!exId) {
        if (raw['id'] !== undefined) problem(`${field}.id`, `must be text, got ${describe(raw['id'])}`, lineOfField('id'));
        else if (catalog) problem(`${field}.id`, 'is required', itemLine);
      } else if (!ID_PATTERN.test(exId)) problem(`${field}.id`, `'${exId}' must be lower-case words joined by '-'`, lineOfField('id'));
      else if (seen.has(exId)) problem(`${field}.id`, `duplicate exercise id '${exId}'`, lineOfField('id'));
      seen.add(exId);
      const exTitle = typeof raw['title'] === 'string' ? raw['title'] : '';
      if (!exTitle) {
        if (raw['title'] !== undefined) problem(`${field}.title`, `must be text, got ${describe(raw['title'])}`, lineOfField('title'));
        else if (catalog) problem(`${field}.title`, 'is required', itemLine);
      }
      const files = (key: 'starter' | 'tests' | 'reference', folder: string, required: boolean): string[] => {
        const v = raw[key];
        if (v === undefined) {
          if (required && catalog) problem(`${field}.${key}`, 'is required', itemLine);
          return [];
        }
        const list = typeof v === 'string' ? [v] : v;
        if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && x.length > 0)) {
          problem(`${field}.${key}`, 'must be a file name or a list of file names', lineOfField(key));
          return [];
        }
        // Where the files are is the catalog's concern: a learner's copy has them elsewhere.
        for (const f of catalog ? (list as string[]) : []) {
          if (f.includes('..') || f.startsWith('/'))
            problem(`${field}.${key}`, `'${f}' must stay inside the lab's ${folder}/ folder`, lineOfField(key));
          else if (!input.files.has(`${folder}/${f}`))
            problem(`${field}.${key}`, `'${folder}/${f}' does not exist in the lab folder`, lineOfField(key));
        }
        return list as string[];
      };
      const starter = files('starter', 'starter', true);
      const tests = files('tests', 'tests', true);
      const reference = files('reference', 'reference', true);
      const points = raw['points'] === undefined ? 1 : raw['points'];
      if (typeof points !== 'number' || points <= 0) problem(`${field}.points`, 'must be a positive number', lineOfField('points'));
      const hints = raw['hints'] === undefined ? [] : raw['hints'];
      if (!Array.isArray(hints) || !hints.every((h) => typeof h === 'string'))
        problem(`${field}.hints`, 'must be a list of text', lineOfField('hints'));
      exercises.push({
        id: exId,
        title: exTitle,
        starter,
        tests,
        reference,
        points: typeof points === 'number' ? points : 1,
        hints: Array.isArray(hints) ? hints.filter((h): h is string => typeof h === 'string') : [],
      });
    });
  }

  if (problems.length > 0) return failed();
  if (!catalog || !book) return { problems, fields: data, bodyLine };
  return {
    problems,
    fields: data,
    bodyLine,
    lab: {
      id,
      title,
      book: book.id as BookId,
      chapter,
      chapterTitle: book.chapters[chapter] ?? '',
      summary,
      order,
      labFile: input.fileName,
      exercises,
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
