/**
 * What activation hands to each lab family's registration function: the shared long-lived
 * objects, created once in activate(). Registration functions only register contributions;
 * anything heavy is loaded when a command or view first needs it.
 */
import type * as vscode from 'vscode';
import type { CatalogStore } from './catalog/catalogStore';
import type { LabController } from './notebook/labController';

export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly store: CatalogStore;
  readonly kernel: LabController;
  /** Wraps a command so a thrown error becomes an error message naming the command. */
  reportErrors<A extends unknown[]>(what: string, fn: (...args: A) => Promise<unknown>): (...args: A) => Promise<void>;
}
