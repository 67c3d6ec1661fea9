/**
 * The notebook renderer `ddia-labs.storage`: LSM levels, recorded compactions (played frame by
 * frame) and B-tree page trees, from the specs in extension/views/storage/storageOutputs.ts. Data is
 * validated first; anything that cannot be drawn shows an error box that names the problem.
 */
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { STORAGE_MIME } from '../../extension/views/storage/storageOutputs';
import { showError } from '../renderers/errorBox';
import { injectStyles } from '../renderers/styles';
import { drawBTree } from './bTreeView';
import { playCompaction, type Player } from './compactionPlayer';
import { keyAxis } from '../../extension/views/storage/lsmLayout';
import { drawLevels } from './lsmLevelsView';
import { injectStorageStyles } from './storageStyles';
import type { LsmLevelsSpec } from '../../extension/views/storage/storageOutputs';
import { bTreeOutput, compactionOutput, lsmLevelsOutput } from '../../extension/views/storage/storageOutputs';

function parse(item: OutputItem): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: item.json() };
  } catch (err) {
    return { ok: false, problem: `the output is not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
}

function drawLsmLevels(element: HTMLElement, spec: LsmLevelsSpec): void {
  element.replaceChildren();
  const root = document.createElement('div');
  root.className = 'ddia-storage ddia-lsm';
  const head = document.createElement('div');
  head.className = 'ddia-storage-title';
  head.textContent = spec.title ?? `LSM tree (${spec.style})`;
  const note = document.createElement('div');
  note.className = 'ddia-storage-note';
  const tables = spec.levels.reduce((n, l) => n + l.tables.length, 0);
  note.textContent = `${spec.style} compaction · memtable ${spec.memtable.entries} entries · ${tables} tables (hover a table for its key range and size)`;
  const canvas = document.createElement('div');
  canvas.className = 'ddia-storage-canvas';
  const width = Math.max(420, Math.min(1100, element.clientWidth || 760));
  canvas.append(drawLevels(spec.levels, keyAxis([spec.levels]), width));
  root.append(head, note, canvas);
  element.append(root);
}

const WHAT: Record<string, string> = {
  [STORAGE_MIME.lsmLevels]: 'LSM tree',
  [STORAGE_MIME.compaction]: 'compaction',
  [STORAGE_MIME.bTree]: 'B-tree',
};

export const activate: ActivationFunction = () => {
  injectStyles();
  injectStorageStyles();
  const players = new Map<string, Player>();
  const stop = (id: string): void => {
    players.get(id)?.dispose();
    players.delete(id);
  };
  return {
    renderOutputItem(item, element) {
      stop(item.id);
      const what = WHAT[item.mime] ?? 'output';
      const parsed = parse(item);
      if (!parsed.ok) return showError(element, what, parsed.problem);
      try {
        switch (item.mime) {
          case STORAGE_MIME.lsmLevels: {
            const c = lsmLevelsOutput.check(parsed.value);
            return c.ok ? drawLsmLevels(element, c.value) : showError(element, what, c.problem);
          }
          case STORAGE_MIME.compaction: {
            const c = compactionOutput.check(parsed.value);
            if (!c.ok) return showError(element, what, c.problem);
            players.set(item.id, playCompaction(element, c.value));
            return;
          }
          case STORAGE_MIME.bTree: {
            const c = bTreeOutput.check(parsed.value);
            return c.ok ? drawBTree(element, c.value) : showError(element, what, c.problem);
          }
          default:
            return showError(element, 'output', `unknown type ${item.mime}`);
        }
      } catch (err) {
        showError(element, what, err instanceof Error ? err.message : String(err));
      }
    },
    disposeOutputItem(id) {
      // Without an id, VS Code is clearing every output of this renderer.
      if (id === undefined) for (const key of [...players.keys()]) stop(key);
      else stop(id);
    },
  };
};
