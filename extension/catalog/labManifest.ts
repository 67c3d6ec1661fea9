/**
 * The catalog's view of one lab: what its front matter declares, after validation.
 * Plain data, shared by the build (which writes dist/catalog.json), the CLI and the extension.
 */
import type { BookId } from './books';

export interface ExerciseManifest {
  readonly id: string;
  readonly title: string;
  /** Starter files, relative to the lab's `starter/` folder; copied into the user's workspace. */
  readonly starter: readonly string[];
  /** Built-in test files, relative to the lab's `tests/` folder; they stay in the extension. */
  readonly tests: readonly string[];
  /** Reference solutions, relative to the lab's `reference/` folder; they stay in the extension. */
  readonly reference: readonly string[];
  /** Points per passing test. */
  readonly points: number;
  readonly hints: readonly string[];
}

export interface LabManifest {
  readonly id: string;
  readonly title: string;
  readonly book: BookId;
  readonly chapter: number;
  readonly chapterTitle: string;
  readonly summary: string;
  /** Position within its chapter; lower comes first. */
  readonly order: number;
  /** The lab file's name inside its folder, e.g. `hash-index.lab.md`. */
  readonly labFile: string;
  readonly exercises: readonly ExerciseManifest[];
}

export interface Catalog {
  readonly version: 1;
  readonly labs: readonly LabManifest[];
}

/** Files copied into `ddia-labs/<lab-id>/`: the lab file and every exercise's starters. */
export interface WorkspaceFile {
  /** Path inside the extension's lab folder, e.g. `starter/bloom.ts`. */
  readonly source: string;
  /** Path inside the user's lab folder, e.g. `bloom.ts`. */
  readonly target: string;
}

export function workspaceFilesOf(lab: LabManifest): WorkspaceFile[] {
  const files: WorkspaceFile[] = [{ source: lab.labFile, target: lab.labFile }];
  const seen = new Set<string>([lab.labFile]);
  for (const ex of lab.exercises) {
    for (const s of ex.starter) {
      if (seen.has(s)) continue;
      seen.add(s);
      files.push({ source: `starter/${s}`, target: s });
    }
  }
  return files;
}

/** Sorts labs by book, chapter, order, then title: the order every view shows. */
export function compareLabs(a: LabManifest, b: LabManifest, bookRank: (id: BookId) => number): number {
  return bookRank(a.book) - bookRank(b.book) || a.chapter - b.chapter || a.order - b.order || a.title.localeCompare(b.title);
}
