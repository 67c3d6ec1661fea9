/**
 * Where stepper runs come from: a timeline output in a notebook (found by its trace hash, so the
 * renderer never sends a large trace back through messaging) or a saved `*.trace.json` file
 * (its text only: the stepper's simulation worker imports it, checks its hash and re-runs a
 * registry scenario to find its anomalies, off the extension host's thread).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TIMELINE_MIME, type TimelineSpec } from '../views/timeline/timelineOutput';
import { readTimelineOutput } from '../views/timeline/timelineRun';
import type { StepperRun } from './stepperPanel';

export function findTimelineOutput(notebook: vscode.NotebookDocument, hash: string): TimelineSpec | undefined {
  // Newest cells first: re-running a cell with the same seed gives the same hash, and any copy will do.
  for (const cell of [...notebook.getCells()].reverse()) {
    for (const output of cell.outputs) {
      for (const item of output.items) {
        if (item.mime !== TIMELINE_MIME) continue;
        const value: unknown = JSON.parse(new TextDecoder().decode(item.data));
        if ((value as { hash?: unknown } | null)?.hash !== hash) continue;
        // A saved version-1 output is converted here; one that fails its contract is reported, not loaded.
        const checked = readTimelineOutput(value);
        if (!checked.ok) throw new Error(`the timeline output with hash ${hash} cannot be opened: ${checked.problem}`);
        return checked.value;
      }
    }
  }
  return undefined;
}

export function runFromNotebook(notebookUri: string, hash: string): StepperRun {
  const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === notebookUri);
  if (notebook === undefined) throw new Error('the notebook with that timeline is not open');
  const spec = findTimelineOutput(notebook, hash);
  if (spec === undefined)
    throw new Error(`no timeline output with hash ${hash} in ${path.basename(notebook.uri.path)} (was the cell re-run or cleared?)`);
  return { source: { kind: 'spec', spec }, ...(notebook.uri.scheme === 'file' ? { baseDir: path.dirname(notebook.uri.fsPath) } : {}) };
}

export async function runFromTraceFile(uri: vscode.Uri): Promise<StepperRun> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  const text = new TextDecoder().decode(bytes);
  return {
    source: { kind: 'trace', text, title: path.basename(uri.path) },
    ...(uri.scheme === 'file' ? { baseDir: path.dirname(uri.fsPath) } : {}),
  };
}
