/**
 * Validates one lab's front matter and the files it refers to. Used by the build (a broken lab
 * fails `npm run build` with a message naming the file and field), the CLI and the tests.
 * Pure: the caller passes the lab file's text and the set of files that exist in its folder.
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
  const problems: LabProblem[] = [];
  const problem = (field: string, message: string, line?: number): void => {
    problems.push(line === undefined ? { file: input.file, field, message } : { file: input.file, field, message, line });
  };

  const fm = findFrontMatter(input.text);
  if (fm.kind === 'absent') {
    problem('', "no front matter: the file must start with a '---' line, the lab's YAML fields, and a closing '---'", 1);
    return { ok: false, problems };
  }
  if (fm.kind === 'unterminated') {
    problem('', "front matter is not closed: add a '---' line after the lab's YAML fields", fm.line);
    return { ok: false, problems };
  }
  const doc = parseDocument(fm.block.yaml, { prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = fm.block.firstLine + countNewlines(fm.block.yaml.slice(0, err.pos[0]));
      problem('', `front matter is not valid YAML: ${err.message.split('\n')[0]}`, line);
    }
    return { ok: false, problems };
  }
  const data: unknown = doc.toJS();
  if (!isRecord(data)) {
    problem('', 'front matter must be a YAML mapping of fields', fm.block.firstLine);
    return { ok: false, problems };
  }
  const lineOf = (key: string): number | undefined => {
    const idx = fm.block.yaml.search(new RegExp(`^${key}\\s*:`, 'm'));
    if (idx < 0) return undefined;
    return fm.block.firstLine + countNewlines(fm.block.yaml.slice(0, idx));
  };

  const str = (key: string, required = true): string => {
    const v = data[key];
    if (v === undefined || v === null || v === '') {
      if (required) problem(key, 'is required', lineOf(key) ?? fm.block.firstLine);
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
  if (id && id !== input.folderName) {
    problem('id', `'${id}' must equal the lab's folder name '${input.folderName}'`, lineOf('id'));
  }
  const title = str('title');
  const summary = str('summary');
  const bookName = str('book');
  const book = bookName ? findBook(bookName) : undefined;
  if (bookName && !book) problem('book', `'${bookName}' is not a book we follow: use 'DDIA' or 'Systems Performance'`, lineOf('book'));

  let chapter = 0;
  const rawChapter = data['chapter'];
  if (rawChapter === undefined) problem('chapter', 'is required', fm.block.firstLine);
  else if (typeof rawChapter !== 'number' || !Number.isInteger(rawChapter)) {
    problem('chapter', `must be a chapter number, got ${describe(rawChapter)}`, lineOf('chapter'));
  } else if (book && !book.chapters[rawChapter]) {
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
  if (rawExercises === undefined) problem('exercises', 'is required (use [] for a lab without exercises)', fm.block.firstLine);
  else if (!Array.isArray(rawExercises)) problem('exercises', `must be a list, got ${describe(rawExercises)}`, lineOf('exercises'));
  else {
    const seen = new Set<string>();
    rawExercises.forEach((raw: unknown, i: number) => {
      const field = `exercises[${i}]`;
      const line = lineOf('exercises');
      if (!isRecord(raw)) {
        problem(field, `must be a mapping with id, title, starter and tests, got ${describe(raw)}`, line);
        return;
      }
      const exId = typeof raw['id'] === 'string' ? raw['id'] : '';
      if (!exId) problem(`${field}.id`, 'is required', line);
      else if (!ID_PATTERN.test(exId)) problem(`${field}.id`, `'${exId}' must be lower-case words joined by '-'`, line);
      else if (seen.has(exId)) problem(`${field}.id`, `duplicate exercise id '${exId}'`, line);
      seen.add(exId);
      const exTitle = typeof raw['title'] === 'string' ? raw['title'] : '';
      if (!exTitle) problem(`${field}.title`, 'is required', line);
      const files = (key: 'starter' | 'tests' | 'reference', folder: string, required: boolean): string[] => {
        const v = raw[key];
        if (v === undefined) {
          if (required) problem(`${field}.${key}`, 'is required', line);
          return [];
        }
        const list = typeof v === 'string' ? [v] : v;
        if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && x.length > 0)) {
          problem(`${field}.${key}`, 'must be a file name or a list of file names', line);
          return [];
        }
        for (const f of list as string[]) {
          if (f.includes('..') || f.startsWith('/'))
            problem(`${field}.${key}`, `'${f}' must stay inside the lab's ${folder}/ folder`, line);
          else if (!input.files.has(`${folder}/${f}`))
            problem(`${field}.${key}`, `'${folder}/${f}' does not exist in the lab folder`, line);
        }
        return list as string[];
      };
      const starter = files('starter', 'starter', true);
      const tests = files('tests', 'tests', true);
      const reference = files('reference', 'reference', true);
      const points = raw['points'] === undefined ? 1 : raw['points'];
      if (typeof points !== 'number' || points <= 0) problem(`${field}.points`, 'must be a positive number', line);
      const hints = raw['hints'] === undefined ? [] : raw['hints'];
      if (!Array.isArray(hints) || !hints.every((h) => typeof h === 'string')) problem(`${field}.hints`, 'must be a list of text', line);
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

  if (problems.length > 0 || !book) return { ok: false, problems };
  return {
    ok: true,
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
