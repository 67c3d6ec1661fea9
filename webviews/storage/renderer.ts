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
import { drawLsmPanel, type LsmPanelMemory } from './lsmLevelsPanel';
import { injectStorageStyles } from './storageStyles';
import { bTreeOutput, compactionOutput, lsmLevelsOutput } from '../../extension/views/storage/storageOutputs';

function parse(item: OutputItem): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: item.json() };
  } catch (err) {
    return { ok: false, problem: `the output is not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
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
  /** Per output: what a live LSM view keeps between frames (picked table, previous tables). */
  const lsmMemory = new Map<string, LsmPanelMemory>();
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
            if (!c.ok) return showError(element, what, c.problem);
            let memory = lsmMemory.get(item.id);
            if (!memory) lsmMemory.set(item.id, (memory = {}));
            return drawLsmPanel(element, c.value, memory);
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
      if (id === undefined) {
        for (const key of [...players.keys()]) stop(key);
        lsmMemory.clear();
      } else {
        stop(id);
        lsmMemory.delete(id);
      }
    },
  };
};
