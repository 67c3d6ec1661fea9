/**
 * Remembers grading results per exercise, for the Labs tree, the Open Lab quick pick and the
 * walkthrough. Pure: the key-value store is injected (VS Code's Memento has this shape; the
 * extension keeps one book in workspaceState and one in globalState, so progress shows both
 * "in this workspace" and "ever").
 *
 * Stored under one key, `ddiaLabs.progress.v1`, as
 *   { "<lab-id>/<exercise-id>": { passed, points, maxPoints, bestPoints, passedAt?, lastRunAt, hintsShown } }
 * with ISO-8601 times from the injected clock. Once passed, an exercise stays passed (a later
 * failing run after an edit does not take the checkmark away); `points` is the latest run.
 */
import type { ExerciseResult } from './core/gradeTypes';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface ExerciseProgress {
  readonly passed: boolean;
  readonly points: number;
  readonly maxPoints: number;
  readonly bestPoints: number;
  readonly passedAt?: string;
  readonly lastRunAt?: string;
  /** How many hints the learner has asked for; the next hint shown is this index. */
  readonly hintsShown: number;
}

export const PROGRESS_KEY = 'ddiaLabs.progress.v1';

const EMPTY: ExerciseProgress = { passed: false, points: 0, maxPoints: 0, bestPoints: 0, hintsShown: 0 };

export class ProgressBook {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => Date,
  ) {}

  private all(): Record<string, ExerciseProgress> {
    const raw = this.store.get<Record<string, ExerciseProgress>>(PROGRESS_KEY);
    return raw && typeof raw === 'object' ? raw : {};
  }

  get(labId: string, exerciseId: string): ExerciseProgress {
    return this.all()[`${labId}/${exerciseId}`] ?? EMPTY;
  }

  /** Whether any exercise at all has passed (for the walkthrough). */
  anyPassed(): boolean {
    return Object.values(this.all()).some((p) => p?.passed === true);
  }

  /** Passed exercises of a lab, out of `exerciseIds`. */
  countPassed(labId: string, exerciseIds: readonly string[]): number {
    return exerciseIds.filter((id) => this.get(labId, id).passed).length;
  }

  /**
   * Records a run. A run of only some of an exercise's tests (`complete: false`, e.g. one test
   * from the Testing view) can keep a pass but never grant one.
   */
  async record(result: ExerciseResult, complete = true): Promise<ExerciseProgress> {
    const key = `${result.labId}/${result.exerciseId}`;
    const all = this.all();
    const before = all[key] ?? EMPTY;
    const at = this.now().toISOString();
    const passedNow = complete && result.tests.length > 0 && result.tests.every((t) => t.status === 'pass');
    const next: ExerciseProgress = {
      passed: before.passed || passedNow,
      points: complete ? result.points : before.points,
      maxPoints: complete ? result.maxPoints : before.maxPoints,
      bestPoints: complete ? Math.max(before.bestPoints, result.points) : before.bestPoints,
      hintsShown: before.hintsShown,
      lastRunAt: at,
      ...(before.passedAt ? { passedAt: before.passedAt } : passedNow ? { passedAt: at } : {}),
    };
    await this.store.update(PROGRESS_KEY, { ...all, [key]: next });
    return next;
  }

  /** Returns the next hint (or undefined when all were shown) and remembers that it was shown. */
  async nextHint(labId: string, exerciseId: string, hints: readonly string[]): Promise<{ hint: string; index: number } | undefined> {
    const before = this.get(labId, exerciseId);
    const index = before.hintsShown;
    const hint = hints[index];
    if (hint === undefined) return undefined;
    await this.store.update(PROGRESS_KEY, { ...this.all(), [`${labId}/${exerciseId}`]: { ...before, hintsShown: index + 1 } });
    return { hint, index };
  }

  async resetHints(labId: string, exerciseId: string): Promise<void> {
    const before = this.get(labId, exerciseId);
    await this.store.update(PROGRESS_KEY, { ...this.all(), [`${labId}/${exerciseId}`]: { ...before, hintsShown: 0 } });
  }
}

/** Writes to several books at once (workspace and global) and reads from the first. */
export class ProgressBooks {
  constructor(readonly books: readonly ProgressBook[]) {}

  get(labId: string, exerciseId: string): ExerciseProgress {
    return this.books[0]?.get(labId, exerciseId) ?? EMPTY;
  }

  /** Passed anywhere (this workspace or another). */
  passedAnywhere(labId: string, exerciseId: string): boolean {
    return this.books.some((b) => b.get(labId, exerciseId).passed);
  }

  anyPassed(): boolean {
    return this.books.some((b) => b.anyPassed());
  }

  async record(result: ExerciseResult, complete = true): Promise<void> {
    for (const b of this.books) await b.record(result, complete);
  }
}

/** A Map-backed store, for the CLI and tests. */
export class MemoryStore implements KeyValueStore {
  private readonly map = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.map.set(key, JSON.parse(JSON.stringify(value)) as unknown);
  }
}
