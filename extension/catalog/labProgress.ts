/**
 * How the Labs tree and the Open Lab quick pick describe grading progress. They take it from the
 * grading API (`GradingApi` has this shape) through their constructors, so the catalog does not
 * depend on the grading module.
 */
import type * as vscode from 'vscode';
import type { LabManifest } from './labManifest';

export interface LabProgressSource {
  readonly progress: {
    /** This workspace's record of an exercise. */
    get(labId: string, exerciseId: string): { readonly passed: boolean; readonly lastRunAt?: string };
    /** Passed in this workspace or in any other. */
    passedAnywhere(labId: string, exerciseId: string): boolean;
  };
  readonly onDidChangeProgress: vscode.Event<void>;
}

export type ExerciseStatus = 'passed' | 'failed' | 'not-run';

export function exerciseStatus(source: LabProgressSource | undefined, labId: string, exerciseId: string): ExerciseStatus {
  if (!source) return 'not-run';
  if (source.progress.passedAnywhere(labId, exerciseId)) return 'passed';
  return source.progress.get(labId, exerciseId).lastRunAt ? 'failed' : 'not-run';
}

/** Passed exercises of a lab, e.g. `{ passed: 1, total: 2 }`. */
export function labPassed(source: LabProgressSource | undefined, lab: LabManifest): { passed: number; total: number } {
  const passed = lab.exercises.filter((e) => exerciseStatus(source, lab.id, e.id) === 'passed').length;
  return { passed, total: lab.exercises.length };
}

/** `1/2 exercises passed`, or undefined for a lab without exercises. */
export function labProgressText(source: LabProgressSource | undefined, lab: LabManifest): string | undefined {
  const { passed, total } = labPassed(source, lab);
  return total === 0 ? undefined : `${passed}/${total} exercise${total === 1 ? '' : 's'} passed`;
}
