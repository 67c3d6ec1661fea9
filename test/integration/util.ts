/** Small helpers shared by the integration suites (run inside the real extension host). */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { DdiaLabsApi } from '../../extension/activate';

export const EXTENSION_ID = 'ddia-labs.ddia-labs';

export async function extensionApi(): Promise<DdiaLabsApi> {
  const ext = vscode.extensions.getExtension<DdiaLabsApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.activate();
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function outputMimes(cell: vscode.NotebookCell): string[] {
  return cell.outputs.flatMap((o) => o.items.map((i) => i.mime));
}

export function outputText(cell: vscode.NotebookCell): string {
  return cell.outputs
    .flatMap((o) => o.items)
    .map((i) => new TextDecoder().decode(i.data))
    .join('\n');
}
